// n8n in queue mode, as users scale it out: one main process (editor, REST API, schedules), workers
// that run the executions, and webhook processes that take production webhook calls, all sharing
// one PostgreSQL and one Redis (queue-services.cjs). Each process gets its own port and task-runner
// broker port; all share the user folder and encryption key.
const { randomBytes } = require('node:crypto');
const { NODE24_BIN, N8N_BIN } = require('./runtime-paths.cjs');
const { n8nEnv } = require('./n8n-env.cjs');
const { readyTimeoutMs, startN8nServer, waitUntil } = require('./n8n-server.cjs');
const { freePort, startProcess } = require('./processes.cjs');
const { startQueueServices } = require('./queue-services.cjs');

/**
 * Settings shared by every process of one queue-mode n8n. `env` is for the CLI commands (import,
 * publish) too: they must write to the same PostgreSQL.
 */
async function queueEnv({ userFolder, extensionsDir, owner, services }) {
	const mainPort = await freePort();
	const env = n8nEnv({
		userFolder,
		extensionsDir,
		port: mainPort,
		brokerPort: await freePort(),
		owner,
		extra: {
			...services.env,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			// Production webhooks go to the webhook processes only, as n8n's scaling guide sets it up.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// Executions wait in Redis for a worker; keep every one in the database for the tests to count.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		},
	});
	return { env, mainPort };
}

async function startRole(baseEnv, role, { workerConcurrency = 10, onLine } = {}) {
	const port = await freePort();
	const env = { ...baseEnv, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const args = role === 'worker' ? [N8N_BIN, 'worker', `--concurrency=${workerConcurrency}`] : [N8N_BIN, role];
	if (role === 'webhook') {
		const server = await startN8nServer(env, { onLine, command: 'webhook' });
		return { role, port, baseUrl: server.baseUrl, proc: server.proc, output: server.output, stop: server.stop };
	}
	const proc = startProcess(NODE24_BIN, args, { env, cwd: env.N8N_USER_FOLDER, name: `n8n ${role}`, onLine });
	await waitUntil(`n8n ${role} to start`, readyTimeoutMs(), async () => {
		if (proc.exitCode !== undefined) throw new Error(`n8n ${role} exited (${proc.exitCode}):\n${proc.output()}`);
		return /n8n worker is now ready|Worker started execution|Listening to job queue/i.test(proc.output());
	});
	return { role, port, proc, output: () => proc.output(), stop: () => proc.stop(15_000) };
}

/**
 * Starts main + `workers` workers + `webhooks` webhook processes. Import and publish workflows with
 * `env` BEFORE calling start(). Returns the processes and stop().
 */
async function startQueueCluster({ env, workers = 2, webhooks = 2, workerConcurrency = 10, log = () => {} }) {
	const started = [];
	try {
		// All at once: on 2 cores the start-ups overlap their waits. Migrations ran at import already;
		// webhook processes find the published webhooks in the database once main has registered them.
		const roles = [...Array(workers).fill('worker'), ...Array(webhooks).fill('webhook')];
		const [main, ...others] = await Promise.all([
			startN8nServer(env).then((server) => {
				started.push({ role: 'main', stop: server.stop, output: server.output });
				return server;
			}),
			...roles.map((role) =>
				startRole(env, role, { workerConcurrency }).then((p) => {
					started.push(p);
					return p;
				}),
			),
		]);
		log(`main on ${main.baseUrl}`);
		for (const p of others) log(`${p.role}${p.baseUrl ? ` on ${p.baseUrl}` : ''}`);
		return {
			main,
			workers: others.filter((p) => p.role === 'worker'),
			webhooks: others.filter((p) => p.role === 'webhook'),
			output: () => started.map((p) => `==== ${p.role}\n${p.output()}`).join('\n'),
			stop: async () => {
				await Promise.all(started.map((p) => p.stop()));
			},
		};
	} catch (error) {
		await Promise.all(started.map((p) => p.stop()));
		throw error;
	}
}

module.exports = { queueEnv, startQueueCluster, startQueueServices };
