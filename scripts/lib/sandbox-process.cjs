// The CCV sandbox as a child process (`tsx sandbox/cli.ts`), for npm start and benchmarks.
const path = require('node:path');
const { ROOT } = require('./runtime-paths.cjs');
const { startProcess, isPortFree, freePort } = require('./processes.cjs');
const { waitUntil } = require('./n8n-server.cjs');

const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SANDBOX_CLI = path.join(ROOT, 'sandbox', 'cli.ts');

/**
 * Starts the sandbox on `port` (a free one when taken, unless strictPort) and resolves once its
 * control API answers. args: extra CLI flags, e.g. ['--seed'].
 */
async function startSandboxProcess({ port = 4010, strictPort = false, args = [], onLine, timeoutMs = 60_000 } = {}) {
	if (!(await isPortFree(port))) {
		if (strictPort) throw new Error(`port ${port} is taken: the sandbox cannot start there`);
		port = await freePort();
	}
	const proc = startProcess(process.execPath, [TSX_CLI, SANDBOX_CLI, '--port', String(port), ...args], {
		cwd: ROOT,
		env: process.env,
		name: 'CCV sandbox',
		onLine,
	});
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitUntil(`the CCV sandbox on ${url}`, timeoutMs, async () => {
			if (proc.exitCode !== undefined) {
				throw new Error(`the CCV sandbox exited (${proc.exitCode}) before it answered:\n${proc.output().trim()}`);
			}
			const response = await fetch(`${url}/_sandbox/log`).catch(() => undefined);
			return response?.status === 200;
		});
	} catch (error) {
		await proc.stop();
		throw error;
	}
	return { url, port, proc, stop: () => proc.stop(5000) };
}

module.exports = { startSandboxProcess, SANDBOX_CLI };
