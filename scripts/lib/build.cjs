// `npm run build` only when dist/ is missing or older than a source, an icon or package.json.
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./runtime-paths.cjs');
const { runProcess } = require('./processes.cjs');

function newestMtime(dir, filter = () => true) {
	if (!fs.existsSync(dir)) return 0;
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const file = path.join(entry.parentPath ?? entry.path, entry.name);
		if (filter(file)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
	}
	return newest;
}

function isBuildCurrent() {
	const sources = Math.max(
		newestMtime(path.join(ROOT, 'nodes')),
		newestMtime(path.join(ROOT, 'credentials')),
		newestMtime(path.join(ROOT, 'icons')),
		fs.statSync(path.join(ROOT, 'package.json')).mtimeMs,
	);
	const built = newestMtime(path.join(ROOT, 'dist'), (file) => file.endsWith('.js'));
	return built > 0 && built >= sources;
}

/** Resolves true when it built, false when dist/ was current. */
async function ensureBuild({ log = () => {}, force = false } = {}) {
	if (!force && isBuildCurrent()) return false;
	log('building the package (npm run build)');
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
	const result = await runProcess('npm', ['run', '--silent', 'build'], { cwd: ROOT, env, name: 'npm run build', timeoutMs: 600_000 });
	if (result.code !== 0) throw new Error(`npm run build failed:\n${result.output.trim()}`);
	return true;
}

module.exports = { isBuildCurrent, ensureBuild };
