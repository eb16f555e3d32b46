// Folders n8n loads our nodes from (N8N_CUSTOM_EXTENSIONS). n8n loads every *.node.js and
// *.credentials.js below such a folder, so it must hold our build only, never our node_modules.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, NODE24_BIN, RUNTIME_DIR } = require('./runtime-paths.cjs');
const { runProcess } = require('./processes.cjs');

const PACKAGE_NAME = 'n8n-nodes-ccv';

function assertBuilt() {
	const built = path.join(ROOT, 'dist', 'nodes');
	if (!fs.existsSync(built)) throw new Error(`no build in ${built}: run \`npm run build\` first`);
}

/** Copies our package.json and dist/ into dir (emptied first; a new temp folder when omitted). */
function prepareExtension(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccv-extension-'))) {
	assertBuilt();
	const target = path.join(dir, PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
	return dir;
}

/**
 * The package as users get it: `npm pack`, then `npm install <tarball>` into a fresh folder
 * (what n8n's docs describe for ~/.n8n/custom). Peer dependencies are not installed: n8n provides them.
 */
async function installPackedExtension(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccv-packed-'))) {
	assertBuilt();
	// The tarball stays inside dir, so removing dir removes everything.
	const packDir = path.join(dir, '.tarball');
	fs.mkdirSync(packDir, { recursive: true });
	const npmEnv = { ...process.env };
	for (const key of Object.keys(npmEnv)) if (key.toLowerCase().startsWith('npm_')) delete npmEnv[key];
	const packed = await runProcess('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
		cwd: ROOT,
		env: npmEnv,
		name: 'npm pack',
	});
	if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
	const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
	const tarball = path.join(packDir, info.filename);
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'custom-nodes', private: true }, null, 2));
	const installed = await runProcess(
		'npm',
		['install', tarball, '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline'],
		{ cwd: dir, env: npmEnv, name: 'npm install (tarball)', timeoutMs: 180_000 },
	);
	if (installed.code !== 0) throw new Error(`installing ${tarball} failed:\n${installed.output}`);
	return {
		dir,
		tarball,
		packageDir: path.join(dir, 'node_modules', PACKAGE_NAME),
		files: info.files.map((file) => file.path),
	};
}

// Runs inside Node 24 with n8n's modules: n8n-core's loader for installed community packages, which
// reads the node and credential paths from package.json "n8n" (the custom-folder loader does not).
const COMMUNITY_LOADER_SCRIPT = `
const { PackageDirectoryLoader } = require('n8n-core');
(async () => {
	const loader = new PackageDirectoryLoader(process.argv[1]);
	const result = { nodes: [], credentials: [], icons: [], errors: [] };
	try {
		await loader.loadAll();
	} catch (error) {
		result.errors.push(error.message);
	}
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		result.nodes.push(name);
		const description = type.description ?? Object.values(type.nodeVersions ?? {})[0]?.description;
		for (const icon of [description?.iconUrl].flat().concat(Object.values(description?.iconUrl ?? {}))) {
			if (typeof icon === 'string') result.icons.push(icon);
		}
	}
	result.credentials = Object.keys(loader.credentialTypes);
	console.log(JSON.stringify(result));
})();`;

/**
 * Loads an installed package the way n8n loads a community package (Settings > Community Nodes):
 * resolves with the node and credential type names found, icon paths, and loading errors.
 */
async function loadAsCommunityPackage(packageDir) {
	const result = await runProcess(NODE24_BIN, ['-e', COMMUNITY_LOADER_SCRIPT, packageDir], {
		env: { ...process.env, NODE_PATH: path.join(RUNTIME_DIR, 'node_modules'), NODE_ENV: 'production' },
		cwd: RUNTIME_DIR,
		name: 'community package loader',
	});
	const line = result.stdout.trim().split('\n').pop() ?? '';
	try {
		return JSON.parse(line);
	} catch {
		throw new Error(`loading ${packageDir} as a community package failed:\n${result.output.trim()}`);
	}
}

module.exports = { PACKAGE_NAME, prepareExtension, installPackedExtension, loadAsCommunityPackage };
