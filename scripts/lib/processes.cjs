// Child processes that are always stopped: each runs in its own process group (n8n starts task-runner
// children of its own), is tracked, and is killed with its group on stop() or when this process exits.
const { spawn } = require('node:child_process');
const net = require('node:net');

const running = new Set();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const proc of running) killGroup(proc.pid, 'SIGKILL');
	});
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/**
 * Starts `command args` in its own process group. Output (stdout and stderr interleaved) is kept
 * (the last `keepChars` characters) and passed line by line to `onLine`.
 */
function startProcess(command, args, { env, cwd, name = command, onLine, keepChars = 2_000_000 } = {}) {
	installExitHook();
	const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	let stdout = '';
	const partial = { stdout: '', stderr: '' };
	const take = (stream) => (chunk) => {
		const text = chunk.toString();
		output = (output + text).slice(-keepChars);
		if (stream === 'stdout') stdout += text;
		if (!onLine) return;
		const lines = (partial[stream] + text).split('\n');
		partial[stream] = lines.pop();
		for (const line of lines) onLine(line, stream);
	};
	child.stdout.on('data', take('stdout'));
	child.stderr.on('data', take('stderr'));
	const proc = {
		name,
		pid: child.pid,
		child,
		exitCode: undefined,
		output: () => output,
		stdout: () => stdout,
		exited: null,
		stop: (timeoutMs = 10_000) => stopProcess(proc, timeoutMs),
	};
	proc.exited = new Promise((resolve) => {
		child.on('error', (error) => {
			output += `\n[${name}] could not start: ${error.message}\n`;
		});
		child.on('close', (code, signal) => {
			running.delete(proc);
			for (const stream of ['stdout', 'stderr']) if (onLine && partial[stream]) onLine(partial[stream], stream);
			proc.exitCode = code ?? signal;
			// The group may still hold grandchildren (task runners): never leave them behind.
			killGroup(child.pid, 'SIGKILL');
			resolve({ code, signal });
		});
	});
	if (child.pid) running.add(proc);
	return proc;
}

async function stopProcess(proc, timeoutMs) {
	if (proc.exitCode !== undefined) return;
	killGroup(proc.pid, 'SIGTERM');
	const timer = setTimeout(() => killGroup(proc.pid, 'SIGKILL'), timeoutMs);
	await proc.exited;
	clearTimeout(timer);
}

/** Runs a command to completion; resolves with its exit code and output, or rejects after timeoutMs. */
async function runProcess(command, args, { timeoutMs = 120_000, ...options } = {}) {
	const proc = startProcess(command, args, options);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void proc.stop(2000);
	}, timeoutMs);
	const { code, signal } = await proc.exited;
	clearTimeout(timer);
	if (timedOut) throw new Error(`${proc.name} did not finish within ${timeoutMs} ms; its output:\n${proc.output()}`);
	return { code, signal, output: proc.output(), stdout: proc.stdout() };
}

async function stopAll() {
	await Promise.all([...running].map((proc) => proc.stop()));
}

function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function isPortFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

module.exports = { startProcess, runProcess, stopAll, freePort, isPortFree };
