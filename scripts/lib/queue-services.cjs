// PostgreSQL and Redis for n8n's queue mode in the e2e suite and the benchmark: Debian's packages,
// installed with apt-get when missing (CI runs as root), each started as our own child process on
// loopback, on a free (never the default) port, with its data under .tmp/queue/. Nothing is left
// running: the processes belong to processes.cjs, which stops them with the test run.
// When the packages are missing and cannot be installed, this throws: a queue-mode test must fail
// loudly, never skip.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./runtime-paths.cjs');
const { freePort, runProcess, startProcess } = require('./processes.cjs');

const DATA_ROOT = path.join(ROOT, '.tmp', 'queue');
const PG_USER = 'n8n';
const PG_PASSWORD = 'n8n-queue-test';

function findPostgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const versions = fs
		.readdirSync(base)
		.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

function findRedisServer() {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) if (fs.existsSync(candidate)) return candidate;
	return undefined;
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** apt-get install postgresql redis-server, once, when a binary is missing. Throws with the reason otherwise. */
async function ensurePackages(log) {
	if (findPostgresBin() && findRedisServer()) return;
	const missing = [!findPostgresBin() && 'postgresql', !findRedisServer() && 'redis-server'].filter(Boolean);
	// Root (this project's CI container) runs apt-get itself; a CI runner user with password-less sudo uses sudo.
	const sudo = isRoot() ? [] : (await runProcess('sudo', ['-n', 'true'], { name: 'sudo -n true', timeoutMs: 10_000 }).catch(() => ({ code: 1 }))).code === 0 ? ['sudo', '-n', '-E'] : undefined;
	if (!sudo) {
		throw new Error(
			`Queue mode needs Debian's ${missing.join(' and ')} packages, and this process can neither install them (not root, no password-less sudo). ` +
				`Install them once as root: apt-get update && apt-get install -y postgresql redis-server`,
		);
	}
	log(`installing ${missing.join(', ')} with apt-get (once)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', 'postgresql', 'redis-server']]) {
		const [command, ...rest] = [...sudo, 'apt-get', ...args];
		const result = await runProcess(command, rest, { env, name: `apt-get ${args[0]}`, timeoutMs: 15 * 60_000 });
		if (result.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
	}
	if (!findPostgresBin() || !findRedisServer()) {
		throw new Error('apt-get finished but postgres or redis-server is still missing');
	}
}

/** PostgreSQL refuses to run as root: as root, its commands run as the package's "postgres" user. */
function asPostgresUser(command, args) {
	if (!isRoot()) return { command, args };
	return { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] };
}

function prepareDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	if (isRoot()) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
}

async function waitFor(what, timeoutMs, check) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

async function startPostgres(name, log) {
	const bin = findPostgresBin();
	const dir = path.join(DATA_ROOT, `${name}-pg`);
	prepareDir(dir);
	const pwFile = path.join(dir, '..', `${name}-pgpass`);
	fs.writeFileSync(pwFile, PG_PASSWORD);
	if (isRoot()) execFileSync('chown', ['postgres:postgres', pwFile]);
	const init = asPostgresUser(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-U', PG_USER, '--pwfile', pwFile, '-A', 'md5', '-E', 'UTF8', '--no-sync']);
	const initResult = await runProcess(init.command, init.args, { name: 'initdb', timeoutMs: 120_000 });
	if (initResult.code !== 0) throw new Error(`initdb failed:\n${initResult.output}`);
	const port = await freePort();
	const run = asPostgresUser(path.join(bin, 'postgres'), [
		'-D', path.join(dir, 'data'),
		'-p', String(port),
		'-c', 'listen_addresses=127.0.0.1',
		'-c', `unix_socket_directories=${dir}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	]);
	const proc = startProcess(run.command, run.args, { name: 'postgres' });
	const isReady = asPostgresUser(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
	await waitFor(`postgres on port ${port}`, 60_000, async () => {
		if (proc.exitCode !== undefined) throw new Error(`postgres exited (${proc.exitCode}):\n${proc.output()}`);
		const r = await runProcess(isReady.command, isReady.args, { name: 'pg_isready', timeoutMs: 10_000 });
		return r.code === 0;
	});
	const create = asPostgresUser(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER, 'n8n']);
	const created = await runProcess(create.command, create.args, { name: 'createdb', timeoutMs: 30_000, env: { ...process.env, PGPASSWORD: PG_PASSWORD } });
	if (created.code !== 0) throw new Error(`createdb failed:\n${created.output}`);
	log(`postgres on 127.0.0.1:${port} (data ${dir})`);
	/** Runs SQL in database n8n; resolves with psql's output (rows unaligned, tab-separated). */
	const sql = async (query) => {
		const r = await runProcess(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER, '-d', 'n8n', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', query], {
			name: 'psql',
			timeoutMs: 60_000,
			env: { ...process.env, PGPASSWORD: PG_PASSWORD },
		});
		if (r.code !== 0) throw new Error(`psql failed: ${query}\n${r.output}`);
		return r.stdout;
	};
	return { proc, port, dir, sql };
}

async function startRedis(name, log) {
	const dir = path.join(DATA_ROOT, `${name}-redis`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const proc = startProcess(
		findRedisServer(),
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		{ name: 'redis-server' },
	);
	await waitFor(`redis on port ${port}`, 30_000, async () => {
		if (proc.exitCode !== undefined) throw new Error(`redis-server exited (${proc.exitCode}):\n${proc.output()}`);
		return /Ready to accept connections/i.test(proc.output());
	});
	log(`redis on 127.0.0.1:${port} (data ${dir})`);
	return { proc, port, dir };
}

/**
 * Starts a fresh PostgreSQL (database n8n) and Redis for one queue-mode n8n. `env` holds n8n's
 * settings for them; stop() ends both and removes their data.
 */
async function startQueueServices({ name = 'e2e', log = () => {} } = {}) {
	await ensurePackages(log);
	const [pg, redis] = await Promise.all([startPostgres(name, log), startRedis(name, log)]);
	return {
		postgresPort: pg.port,
		redisPort: redis.port,
		sql: pg.sql,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: PG_USER,
			DB_POSTGRESDB_PASSWORD: PG_PASSWORD,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
		},
		async stop() {
			await Promise.all([pg.proc.stop(15_000), redis.proc.stop(10_000)]);
			fs.rmSync(pg.dir, { recursive: true, force: true });
			fs.rmSync(redis.dir, { recursive: true, force: true });
			fs.rmSync(path.join(DATA_ROOT, `${name}-pgpass`), { force: true });
		},
	};
}

module.exports = { startQueueServices, ensurePackages, DATA_ROOT };
