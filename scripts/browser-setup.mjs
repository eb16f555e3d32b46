// Makes sure the browser check (test/browser) has a Chromium: Debian's `chromium` package at
// /usr/bin/chromium, installed with apt-get when missing. The suite never downloads a browser build
// (playwright-core only drives the one found here). Run directly (`node scripts/browser-setup.mjs`)
// or import ensureChromium().
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Waits for another apt-get (e.g. a second setup running at once) instead of failing on its lock.
const INSTALL_ARGS = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', 'chromium'];

function run(command, args) {
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	return result.status === 0;
}

function chromiumVersion() {
	const result = spawnSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Resolves to Chromium's path; installs Debian's package when it is missing and we may (root, apt-get). */
export function ensureChromium({ log = (line) => console.log(`[browser-setup] ${line}`) } = {}) {
	if (existsSync(CHROMIUM_PATH) && chromiumVersion()) return CHROMIUM_PATH;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`no Chromium at ${CHROMIUM_PATH}. Install Debian's package as root (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.`,
		);
	}
	log('installing Debian\'s chromium package (apt-get; about a minute)');
	// The package lists may be missing or old on a fresh machine: one update, then the install.
	if (!run('apt-get', INSTALL_ARGS)) {
		if (!run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update']) || !run('apt-get', INSTALL_ARGS)) {
			throw new Error('apt-get install chromium failed (see the lines above)');
		}
	}
	const version = chromiumVersion();
	if (!version) throw new Error(`chromium was installed but ${CHROMIUM_PATH} --version fails`);
	log(`ready: ${version}`);
	return CHROMIUM_PATH;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	try {
		ensureChromium();
		console.log(`[browser-setup] ${chromiumVersion()} at ${CHROMIUM_PATH}`);
	} catch (error) {
		console.error(`[browser-setup] ${error.message}`);
		process.exit(1);
	}
}
