// A running n8n (`n8n start`): start, wait until it answers, log in, read its REST API, stop.
const { NODE24_BIN, N8N_BIN } = require('./runtime-paths.cjs');
const { startProcess } = require('./processes.cjs');
const { loadFromN8n } = require('./n8n-env.cjs');

/** How long a starting n8n process may take to be ready: 120 s, or E2E_N8N_READY_TIMEOUT_MS on a loaded machine. */
function readyTimeoutMs() {
	return Number(process.env.E2E_N8N_READY_TIMEOUT_MS ?? 120_000);
}

/**
 * Starts `n8n start` (or `n8n webhook`, queue mode's webhook process) with env (see n8nEnv) and
 * resolves once GET /healthz/readiness answers 200.
 * Rejects with n8n's output if it exits first or is not ready within timeoutMs.
 */
async function startN8nServer(env, { onLine, timeoutMs = readyTimeoutMs(), command = 'start' } = {}) {
	const port = Number(env.N8N_PORT);
	const baseUrl = `http://127.0.0.1:${port}`;
	const proc = startProcess(NODE24_BIN, [N8N_BIN, command], { env, cwd: env.N8N_USER_FOLDER, name: `n8n ${command}`, onLine });
	const server = {
		baseUrl,
		port,
		proc,
		output: () => proc.output(),
		stop: () => proc.stop(15_000),
	};
	try {
		await waitUntil(`n8n on ${baseUrl} to be ready`, timeoutMs, async () => {
			if (proc.exitCode !== undefined) {
				throw new Error(`n8n start exited (${proc.exitCode}) before it was ready:\n${proc.output().trim()}`);
			}
			const response = await fetch(`${baseUrl}/healthz/readiness`).catch(() => undefined);
			return response?.status === 200;
		});
	} catch (error) {
		await proc.stop();
		throw error;
	}
	return server;
}

/** Polls check() (true = done) every intervalMs; errors thrown by check() abort the wait. */
async function waitUntil(what, timeoutMs, check, intervalMs = 250) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * Production webhooks of published workflows register a few seconds after readiness; until then
 * their URL answers 404 "... is not registered". Probing with GET does not run a POST-only workflow:
 * once registered, n8n answers "not registered for GET requests. Did you mean to make a POST request?".
 */
async function waitForProductionWebhook(url, { timeoutMs = 60_000 } = {}) {
	await waitUntil(`the production webhook ${url}`, timeoutMs, async () => {
		const response = await fetch(url, { method: 'GET' }).catch(() => undefined);
		if (response === undefined) return false;
		const text = await response.text();
		return response.status !== 404 || /Did you mean to make a/i.test(text);
	});
}

/** POST /rest/login; resolves with a client whose requests carry the session cookie. */
async function login(baseUrl, email, password) {
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (response.status !== 200) {
		throw new Error(`login as ${email} failed: HTTP ${response.status} ${await response.text()}`);
	}
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.join('; ');
	return restClient(baseUrl, cookie);
}

function restClient(baseUrl, cookie) {
	async function request(method, path, body) {
		const response = await fetch(`${baseUrl}${path}`, {
			method,
			headers: { cookie, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 2000)}`);
		// REST answers are wrapped as {data: ...}; the /types files are not.
		return json && typeof json === 'object' && 'data' in json && !path.startsWith('/types/') ? json.data : json;
	}
	return {
		baseUrl,
		cookie,
		request,
		get: (path) => request('GET', path),
		post: (path, body) => request('POST', path, body),
		/** Executions of one workflow, newest first (summaries: id, status, mode, startedAt...). */
		async listExecutions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const data = await request('GET', `/rest/executions?filter=${filter}&limit=100`);
			return data.results ?? data;
		},
		/** One execution with its run data decoded (the REST API sends it in n8n's "flatted" format). */
		async getExecution(id) {
			const execution = await request('GET', `/rest/executions/${id}`);
			if (typeof execution.data === 'string') execution.data = loadFromN8n('flatted').parse(execution.data);
			return execution;
		},
	};
}

module.exports = { readyTimeoutMs, startN8nServer, waitUntil, waitForProductionWebhook, login, restClient };
