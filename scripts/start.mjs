// `npm start`: builds the package, starts the CCV sandbox with demo data and a real n8n on
// http://127.0.0.1:5678 that loads our nodes, holds a CCV credential for the sandbox and the example
// workflows. State lives in .n8n-start/ (git-ignored): the second start reuses it and keeps your edits.
// Ctrl-C stops everything it started.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ensureRuntime } from './n8n-runtime.mjs';
import build from './lib/build.cjs';
import cli from './lib/n8n-cli.cjs';
import envLib from './lib/n8n-env.cjs';
import examplesLib from './lib/examples.cjs';
import extension from './lib/extension.cjs';
import processes from './lib/processes.cjs';
import sandboxLib from './lib/sandbox-process.cjs';
import server from './lib/n8n-server.cjs';
import paths from './lib/runtime-paths.cjs';

const { ROOT, NODE24_BIN } = paths;
const START_DIR = path.join(ROOT, '.n8n-start');
const EXTENSIONS_DIR = path.join(START_DIR, 'extensions');
const STATE_FILE = path.join(START_DIR, 'start-state.json');
const N8N_LOG = path.join(START_DIR, 'n8n.log');
const SANDBOX_LOG = path.join(START_DIR, 'sandbox.log');
const DATABASE = path.join(START_DIR, '.n8n', 'database.sqlite');

const PORT = Number(process.env.N8N_PORT || 5678);
const OWNER = { email: 'ops@example.com', password: 'CcvDemo-2026', firstName: 'Ops', lastName: 'Demo' };
const CREDENTIAL = { id: 'ccvSandboxCred01', name: 'CCV sandbox' };
const SANDBOX_KEY = 't_sandbox';

const started = Date.now();
const say = (line) => console.log(`[start] ${line}`);
const children = [];
let stopping = false;

async function main() {
	fs.mkdirSync(START_DIR, { recursive: true });
	process.on('SIGINT', () => void shutdown(0, 'Ctrl-C'));
	process.on('SIGTERM', () => void shutdown(0, 'SIGTERM'));

	if (!(await build.ensureBuild({ log: say, force: process.argv.includes('--build') }))) {
		say('the build in dist/ is up to date');
	}

	await ensureRuntime({ log: (line) => say(line) });

	if (!(await processes.isPortFree(PORT))) {
		throw new Error(`port ${PORT} is in use (another n8n?). Stop it, or start on another port: N8N_PORT=5680 npm start`);
	}

	say('starting the CCV sandbox with demo data');
	const sandboxLog = fs.createWriteStream(SANDBOX_LOG, { flags: 'w' });
	const sandbox = await sandboxLib.startSandboxProcess({
		port: 4010,
		args: ['--seed', '--allow-http-webhooks'], // the demo n8n listens on http://127.0.0.1
		onLine: (line) => sandboxLog.write(`${line}\n`),
	});
	children.push(sandbox);
	watch(sandbox.proc, 'the CCV sandbox', SANDBOX_LOG);

	extension.prepareExtension(EXTENSIONS_DIR);
	const brokerPort = (await processes.isPortFree(PORT + 1)) ? PORT + 1 : await processes.freePort();
	const env = envLib.n8nEnv({ userFolder: START_DIR, extensionsDir: EXTENSIONS_DIR, port: PORT, brokerPort, owner: OWNER });

	await importMissing(env, sandbox.url);

	say(`starting n8n on http://127.0.0.1:${PORT} (its log: ${path.relative(ROOT, N8N_LOG)})`);
	const n8nLog = fs.createWriteStream(N8N_LOG, { flags: 'a' });
	n8nLog.write(`\n===== n8n start ${new Date().toISOString()} =====\n`);
	const n8n = await server.startN8nServer(env, { onLine: (line) => n8nLog.write(`${line}\n`) });
	children.unshift(n8n);
	watch(n8n.proc, 'n8n', N8N_LOG);

	// Proves the owner can sign in before telling the user to.
	const api = await server.login(n8n.baseUrl, OWNER.email, OWNER.password);
	const workflows = await api.get('/rest/workflows');
	printWelcome(n8n.baseUrl, sandbox.url, (workflows ?? []).map((workflow) => workflow.name));
}

/** Imports the credential and the example workflows the instance does not have yet. */
async function importMissing(env, sandboxUrl) {
	const state = readState();
	const existing = storedIds();
	if (!existing.credentials.has(CREDENTIAL.id) || state.sandboxUrl !== sandboxUrl) {
		say(`importing the credential "${CREDENTIAL.name}" (key ${SANDBOX_KEY}, ${sandboxUrl})`);
		await cli.importCredentials(env, [
			{
				...CREDENTIAL,
				type: 'ccvApi',
				data: {
					apiKey: SANDBOX_KEY,
					baseUrl: sandboxUrl,
					boardingBaseUrl: sandboxUrl,
					boardingAuth: 'basic',
					boardingKey: '',
					boardingHeaderName: 'X-API-Key',
				},
			},
		]);
	}
	const examples = examplesLib.loadExamples({ typePrefix: 'CUSTOM.', credential: CREDENTIAL });
	const missing = examples.filter(({ workflow }) => !existing.workflows.has(workflow.id));
	if (missing.length) {
		say(`importing ${missing.length} example workflow(s): ${missing.map(({ workflow }) => workflow.name).join(', ')}`);
		await cli.importWorkflows(env, missing.map(({ workflow }) => workflow));
		// Trigger workflows listen only when published (n8n 2.x has no "active" switch on import).
		for (const { workflow } of missing) {
			if (workflow.nodes.some((node) => /Trigger$/.test(node.type) && node.type.startsWith('CUSTOM.'))) {
				await cli.publishWorkflow(env, workflow.id);
			}
		}
	}
	writeState({ ...state, sandboxUrl });
}

/** Ids of the workflows and credentials in n8n's database (read with Node 24's built-in SQLite). */
function storedIds() {
	const none = { workflows: new Set(), credentials: new Set() };
	if (!fs.existsSync(DATABASE)) return none;
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const db = new DatabaseSync(process.argv[1], { readOnly: true });
		const ids = (table) => db.prepare('SELECT id FROM ' + table).all().map((row) => row.id);
		console.log(JSON.stringify({ workflows: ids('workflow_entity'), credentials: ids('credentials_entity') }));`;
	const result = spawnSync(NODE24_BIN, ['--no-warnings', '-e', script, DATABASE], { encoding: 'utf8' });
	if (result.status !== 0) {
		say(`could not read ${DATABASE} (${result.stderr.trim().split('\n').pop()}); importing everything`);
		return none;
	}
	const ids = JSON.parse(result.stdout);
	return { workflows: new Set(ids.workflows), credentials: new Set(ids.credentials) };
}

function readState() {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return {};
	}
}

function writeState(state) {
	fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

function watch(proc, what, logFile) {
	void proc.exited.then(({ code, signal }) => {
		if (stopping) return;
		console.error(`\n[start] ${what} stopped unexpectedly (${signal ?? `exit ${code}`}). Last lines of ${logFile}:`);
		console.error(proc.output().trim().split('\n').slice(-30).join('\n'));
		void shutdown(1);
	});
}

async function shutdown(code, reason) {
	if (stopping) return;
	stopping = true;
	if (reason) say(`${reason}: stopping n8n and the CCV sandbox...`);
	await Promise.all(children.map((child) => child.stop()));
	await processes.stopAll();
	if (reason) say('stopped.');
	process.exit(code);
}

/** How to make the published trigger example run: a sandbox payment that reports to its URL. */
function triggerHelp(n8nUrl, sandboxUrl) {
	const example = examplesLib.loadExamples().find(({ workflow }) => workflow.name === 'Payment status to ops');
	const trigger = example?.workflow.nodes.find((node) => typeof node.webhookId === 'string');
	if (!trigger) return [];
	const webhookUrl = `${n8nUrl}/webhook/${trigger.webhookId}/webhook`;
	const payment = JSON.stringify({
		amount: '12.50',
		currency: 'eur',
		method: 'card',
		merchantOrderReference: 'ORDER-42',
		returnUrl: n8nUrl,
		webhookUrl,
	});
	return [
		'  4. "Payment status to ops" is published and listens on',
		`       ${webhookUrl}`,
		'     Create a sandbox payment that reports to it:',
		`       curl -s -u ${SANDBOX_KEY}: -H 'content-type: application/json' ${sandboxUrl}/api/v1/payment -d '${payment}'`,
		'     open the "payUrl" of the answer in your browser, click Pay (or Decline), and see the run under',
		'     the workflow\'s Executions.',
	];
}

/** The Boarding example checks the orders its trigger lists (pre-filled with the sandbox's demo order). */
function boardingHelp() {
	const example = examplesLib.loadExamples().find(({ workflow }) => workflow.name === 'Boarding order status');
	const orderIds = example?.workflow.nodes.find((node) => String(node.type).endsWith('ccvReconcileTrigger'))?.parameters.orderIds;
	if (!orderIds) return [];
	return [
		`  5. "Boarding order status" checks the sandbox's demo order ${orderIds} (BOARD-1001): open it, open`,
		'     "CCV order status check" and click Execute step to see the order\'s status. Your own orders go in',
		'     its "Order IDs to Check".',
	];
}

function printWelcome(n8nUrl, sandboxUrl, workflowNames) {
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const lines = [
		'',
		`n8n with the CCV nodes is ready (${seconds} s): ${n8nUrl}`,
		'',
		`  Sign in with   ${OWNER.email}  /  ${OWNER.password}   (no sign-up needed)`,
		`  CCV sandbox    ${sandboxUrl}  (demo data, test key ${SANDBOX_KEY}; forgets everything when stopped)`,
		`  Credential     "${CREDENTIAL.name}" points at the sandbox`,
		`  Workflows      ${workflowNames.length ? workflowNames.join(', ') : '(none)'}`,
		'',
		'What to do first:',
		`  1. Open ${n8nUrl} and sign in.`,
		'  2. Open "Bulk customer clean-up" and click "Execute workflow". Dry Run is on: it shows which',
		'     sandbox customers would be removed and changes nothing. Turn Dry Run off to really remove them.',
		'  3. Try "CRM-to-loyalty sync" and "Refund from a ticket" the same way; each node shows what CCV answered.',
		...triggerHelp(n8nUrl, sandboxUrl),
		...boardingHelp(),
		'',
		'Press Ctrl-C to stop n8n and the sandbox. Your workflows and credentials stay in .n8n-start/.',
		'',
	];
	console.log(lines.join('\n'));
}

main().catch(async (error) => {
	console.error(`\n[start] failed: ${error.message}`);
	await shutdown(1);
});
