/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- test tooling: runs in Node, never inside n8n */
// The CCV Trigger in one running n8n 2.41 (`n8n start`, SQLite, one process): copies of one status
// change sent at the same moment, overlapping copies, late repeats (also after n8n restarts), a lookup
// that fails, and Boarding order notifications wired exactly as the README says. Each emitted event
// is posted by the workflow to a counter here, so every execution is counted. Prints the figures.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tlsModule from 'node:tls';

import { startSandbox, type Sandbox } from '../../sandbox';
import {
	CCV_TRIGGER_NODE,
	ccvCredential,
	createN8n,
	newId,
	okItems,
	removeAllTempDirs,
	setupRuntime,
	tempDir,
	type CredentialRef,
	type N8nInstance,
	type StartedServer,
	type Workflow,
} from './harness';

const TOKEN = randomBytes(16).toString('hex');
/** TRIGGER_E2E_SCALE=0.1 for a quick run; the figures in the README come from 1. */
const SCALE = Number(process.env.TRIGGER_E2E_SCALE ?? '1');
const n = (count: number) => Math.max(1, Math.round(count * SCALE));
const TX_WEBHOOK_ID = 'e2e00000-0000-4000-8000-00000000c0c1';
const ORDER_WEBHOOK_ID = 'e2e00000-0000-4000-8000-00000000c0c2';

let sandbox: Sandbox;
let n8n: N8nInstance;
let server: StartedServer;
let credential: CredentialRef;
let counter: { url: string; events: Array<Record<string, unknown>>; close(): Promise<void> };
let orderId: string;
let tls: { port: number; close(): Promise<void> };
const figures: Record<string, unknown> = {};

/** Collects what the workflows post: one entry per execution of the trigger. */
async function startCounter() {
	const events: Array<Record<string, unknown>> = [];
	const srv = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			try {
				events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
			} catch {
				events.push({ unparsable: true });
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
	const { port } = srv.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/count`,
		events,
		close: () => new Promise<void>((resolve) => srv.close(() => resolve())),
	};
}

/**
 * n8n behind an https:// reverse proxy, as in production: CCV (and Order Submit) accept only https://
 * notification URLs. Self-signed for 127.0.0.1; this test process (where the sandbox runs) accepts it.
 */
async function startTlsProxy(targetPort: () => number) {
	const dir = tempDir('tls');
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
	const ca = fs.readFileSync(cert);
	const srv = createTlsServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (req, res) => {
		const upstream = httpRequest(
			{ host: '127.0.0.1', port: targetPort(), method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => {
			res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
	const port = (srv.address() as AddressInfo).port;
	// The sandbox (in this process) trusts this one certificate for this one port, as a machine trusts its proxy's CA.
	const connect = tlsModule.connect.bind(tlsModule) as (options: tlsModule.ConnectionOptions) => tlsModule.TLSSocket;
	(tlsModule as { connect: unknown }).connect = (options: tlsModule.ConnectionOptions, ...rest: unknown[]) =>
		Number(options?.port) === port ? connect({ ...options, ca }) : (connect as (...args: unknown[]) => tlsModule.TLSSocket)(options, ...rest);
	return { port, close: () => new Promise<void>((resolve) => srv.close(() => resolve())) };
}

/** CCV Trigger -> HTTP Request posting { eventKey, ... } to the counter. */
function triggerWorkflow(name: string, webhookId: string, parameters: Record<string, unknown>): Workflow {
	return {
		id: newId(),
		name,
		active: false,
		nodes: [
			{
				id: newId(),
				name: 'CCV Trigger',
				type: CCV_TRIGGER_NODE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { token: TOKEN, emitEachStatusOnce: true, ...parameters },
				credentials: { ccvApi: credential },
			},
			{
				id: newId(),
				name: 'Count',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: counter.url,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify({ eventKey: $json.eventKey, reference: $json.reference, orderId: $json.orderId, status: $json.status ?? $json.orderStatus, executionId: $execution.id }) }}',
					options: {},
				},
			},
		],
		connections: { 'CCV Trigger': { main: [[{ node: 'Count', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const txUrl = () => `${server.webhookUrl(`${TX_WEBHOOK_ID}/webhook`)}?token=${TOKEN}`;

async function post(url: string, body: unknown): Promise<number> {
	const response = await fetch(url, {
		method: 'POST',
		headers: body === '' ? {} : { 'content-type': 'application/json' },
		body: body === '' ? '' : JSON.stringify(body),
	});
	await response.text();
	return response.status;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A caller that retries a non-2xx answer (503 = the lookup at CCV failed), as CCV would if it retries. */
async function deliver(body: unknown, answers: number[]): Promise<number> {
	for (let attempt = 1; ; attempt++) {
		const status = await post(txUrl(), body);
		answers.push(status);
		if (status === 200 || attempt === 5) return status;
		await sleep(1000);
	}
}

/** Executions per eventKey over the whole run: duplicates = executions beyond the first for a key. */
function globalTally() {
	const keys = new Set(counter.events.map((e) => String(e.eventKey)));
	return { executions: counter.events.length, distinctStatusChanges: keys.size, duplicates: counter.events.length - keys.size };
}

/** Waits until every key in `keys` was counted at least once (or the timeout), then for `quietMs` of silence. */
async function settledKeys(keys: string[], quietMs = 5000, timeoutMs = 1_500_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const missing = () => {
		const seen = new Set(counter.events.map((e) => String(e.eventKey)));
		return keys.filter((key) => !seen.has(key)).length;
	};
	while (missing() > 0 && Date.now() < deadline) await sleep(500);
	await settledCount(counter.events.length, quietMs, quietMs * 2);
}

/** Runs `task` for each value, at most `limit` at a time. */
async function inWaves<T, R>(values: T[], limit: number, task: (value: T) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(values.length);
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			const index = next++;
			out[index] = await task(values[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
	return out;
}

/**
 * Waits until at least `expected` events arrived since `from` (or the timeout), then until none arrived
 * for `quietMs` (late duplicates would show then); returns how many arrived since `from`.
 */
async function settledCount(from: number, quietMs = 3000, timeoutMs = 600_000, expected = 0): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	while (counter.events.length - from < expected && Date.now() < deadline) await sleep(250);
	let last = -1;
	let stableSince = Date.now();
	while (Date.now() < deadline) {
		const now = counter.events.length;
		if (now !== last) {
			last = now;
			stableSince = Date.now();
		} else if (Date.now() - stableSince >= quietMs) break;
		await sleep(200);
	}
	return counter.events.length - from;
}

function tally(values: number[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const value of values) out[value] = (out[value] ?? 0) + 1;
	return out;
}

beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: true, allowHttpWebhooks: true });
	counter = await startCounter();
	n8n = await createN8n();
	credential = await n8n.importCredential(ccvCredential(sandbox.url, { id: 'ccvTriggerCred01', name: 'CCV sandbox' }));

	// Boarding, as the README says: Order Submit with the trigger's Production URL as Status Notification
	// URL, fixed before CCV has given any order id (the sandbox answers SubmitOrder without one).
	tls = await startTlsProxy(() => Number(n8n.env.N8N_PORT));
	const orderUrl = `https://127.0.0.1:${tls.port}/webhook/${ORDER_WEBHOOK_ID}/webhook?token=${TOKEN}`;
	const submitted = await n8n.runSteps(
		'e2e: order submit',
		[
			{
				name: 'Submit order',
				parameters: {
					resource: 'order',
					operation: 'submit',
					notifyCustomerByEmail: false,
					order: '{"salesPackages":[]}',
					additionalFields: {
						externalReference: 'SHOP-E2E-1',
						notificationUrl: orderUrl,
						notifyOnStatus: ['Screening', 'FulfillmentDone', 'Completed'],
					},
					options: {},
				},
			},
		],
		credential,
	);
	figures.submitAnswer = okItems(submitted, 'Submit order')[0];
	// The order id CCV gives the reseller (not in SubmitOrder's answer): the user lists it in the trigger.
	orderId = sandbox.state.orders().find((o) => o.externalReference === 'SHOP-E2E-1')?.orderId ?? '';

	const txWorkflow = triggerWorkflow('e2e: transaction trigger', TX_WEBHOOK_ID, { eventSource: 'transaction' });
	const orderWorkflow = triggerWorkflow('e2e: order trigger', ORDER_WEBHOOK_ID, { eventSource: 'orderStatus', orderIds: orderId });
	await n8n.importWorkflow(txWorkflow, orderWorkflow);
	await n8n.publish(txWorkflow.id);
	await n8n.publish(orderWorkflow.id);
	server = await n8n.startServer();
	await server.waitForWebhook(`${TX_WEBHOOK_ID}/webhook`);
	await server.waitForWebhook(`${ORDER_WEBHOOK_ID}/webhook`);
}, 600_000);

afterAll(async () => {
	console.log(`[e2e trigger] figures: ${JSON.stringify(figures, null, 2)}`);
	const problems = (server?.output() ?? '').split('\n').filter((line) => /error|warn|CCV Trigger/i.test(line));
	console.log(`[e2e trigger] n8n log lines with error/warn (first 40 of ${problems.length}):\n${problems.slice(0, 40).join('\n')}`);
	await counter?.close();
	await tls?.close();
	await sandbox?.close();
	await n8n?.cleanup();
	removeAllTempDirs();
});

describe('CCV Trigger in one n8n process', () => {
	const pairs: string[] = [];

	test('200 status changes, each sent twice at the same moment: 200 executions, 0 duplicates', async () => {
		sandbox.setLatency(25);
		for (let i = 0; i < n(200); i++) pairs.push(sandbox.addPayment({ status: 'success' }).reference);
		const before = globalTally();
		const answers: number[] = [];

		// Ten status changes in flight at a time, each as two copies sent at the same moment.
		await inWaves(pairs, 10, async (id) => await Promise.all([deliver({ id }, answers), deliver({ id }, answers)]));
		await settledKeys(pairs.map((ref) => `transaction:${ref}:success`));

		const after = globalTally();
		figures.twoCopies = { statusChanges: pairs.length, copies: pairs.length * 2, answers: tally(answers), executions: after.executions - before.executions, duplicates: after.duplicates - before.duplicates };
		expect(after.executions - before.executions).toBe(pairs.length);
		expect(after.duplicates).toBe(0);
	}, 1_800_000);

	test('100 status changes, each sent five times at the same moment: 100 executions', async () => {
		const refs = Array.from({ length: n(100) }, () => sandbox.addPayment({ status: 'failed' }).reference);
		const before = globalTally();
		const answers: number[] = [];

		await inWaves(refs, 4, async (id) => await Promise.all([0, 1, 2, 3, 4].map(() => deliver({ id }, answers))));
		await settledKeys(refs.map((ref) => `transaction:${ref}:failed`));

		const after = globalTally();
		figures.fiveCopies = { statusChanges: refs.length, copies: refs.length * 5, answers: tally(answers), executions: after.executions - before.executions, duplicates: after.duplicates - before.duplicates };
		expect(after.executions - before.executions).toBe(refs.length);
		expect(after.duplicates).toBe(0);
	}, 1_800_000);

	test('a second copy 200 ms after the first, while the first lookup takes 400 ms: one execution each', async () => {
		sandbox.setLatency(400);
		const refs = Array.from({ length: n(20) }, () => sandbox.addPayment({ status: 'success' }).reference);
		const before = globalTally();
		const answers: number[] = [];

		await inWaves(refs, 5, async (id) => {
			const first = deliver({ id }, answers);
			await sleep(200);
			return await Promise.all([first, deliver({ id }, answers)]);
		});
		await settledKeys(refs.map((ref) => `transaction:${ref}:success`));
		sandbox.setLatency(25);

		const after = globalTally();
		figures.overlapping = { statusChanges: refs.length, answers: tally(answers), executions: after.executions - before.executions, duplicates: after.duplicates - before.duplicates };
		expect(after.executions - before.executions).toBe(refs.length);
		expect(after.duplicates).toBe(0);
	}, 1_800_000);

	test('100 late single repeats start nothing, in the same process and after n8n restarts', async () => {
		const repeats = pairs.slice(0, n(100));
		const before = globalTally();
		for (const id of repeats) expect(await deliver({ id }, [])).toBe(200);
		await settledCount(counter.events.length, 5000, 10_000);
		const sameProcess = globalTally();

		await server.stop();
		server = await n8n.startServer();
		await server.waitForWebhook(`${TX_WEBHOOK_ID}/webhook`);
		await settledCount(counter.events.length, 5000, 10_000); // anything n8n resumes after its restart
		const restartedAt = globalTally();
		for (const id of repeats) expect(await deliver({ id }, [])).toBe(200);
		await settledCount(counter.events.length, 5000, 10_000);
		const after = globalTally();

		figures.lateRepeats = {
			sameProcess: { repeats: repeats.length, executions: sameProcess.executions - before.executions },
			resumedByRestart: restartedAt.executions - sameProcess.executions,
			afterRestart: { repeats: repeats.length, executions: after.executions - restartedAt.executions },
			run: after,
		};
		expect(sameProcess.executions - before.executions).toBe(0);
		expect(after.executions - restartedAt.executions).toBe(0);
		expect(after.duplicates).toBe(0);
	}, 1_800_000);

	test('a lookup CCV fails (503) is answered 503, starts nothing, and the retry starts one execution', async () => {
		const { reference } = sandbox.addPayment({ status: 'success' });
		sandbox.faults.add({ kind: 'status', status: 503, match: { method: 'GET', path: '^/api/v1/transaction$' }, count: 3 });
		const from = counter.events.length;

		const failed = await post(txUrl(), { id: reference });
		const noneYet = await settledCount(from, 1500);
		const retried = await post(txUrl(), { id: reference });
		const executions = await settledCount(from, 1500);
		const unknown = await post(txUrl(), { id: 'C250101000000000UNKNOWN0.X' });

		figures.failedLookup = { firstAnswer: failed, executionsAfterFailure: noneYet, retryAnswer: retried, executions, unknownReferenceAnswer: unknown };
		expect([failed, noneYet, retried, executions, unknown]).toEqual([503, 0, 200, 1, 200]);
		expect(counter.events.at(-1)).toMatchObject({ eventKey: `transaction:${reference}:success` });
	});
});

describe('Boarding order status, wired as the README says', () => {
	test('each subscribed status change of the listed order starts one execution; a failed lookup is caught by the next call', async () => {
		expect(figures.submitAnswer).not.toHaveProperty('orderId');
		expect(orderId).not.toBe('');
		const from = counter.events.length;
		const statusPath = `^/api/ordercompletion/reseller/order/${orderId}/status$`;
		const deliveredBefore = sandbox.deliveries.length;

		sandbox.setOrderStatus(orderId, 'Screening');
		await sandbox.waitForDeliveries(deliveredBefore + 1, 60_000);
		sandbox.setOrderStatus(orderId, 'New'); // not subscribed: CCV does not call
		sandbox.faults.add({ kind: 'status', status: 500, match: { method: 'GET', path: statusPath }, count: 3 });
		sandbox.setOrderStatus(orderId, 'FulfillmentDone'); // its lookup fails: CCV never retries
		await sandbox.waitForDeliveries(deliveredBefore + 2, 60_000);
		sandbox.setOrderStatus(orderId, 'Completed');
		await sandbox.waitForDeliveries(deliveredBefore + 3, 60_000);
		const executions = await settledCount(from, 3000, 120_000, 2);

		const deliveries = sandbox.deliveries.slice(deliveredBefore).map((d) => [d.kind, d.body, d.status ?? d.error]);
		const statuses = counter.events.slice(from).map((e) => e.status);
		figures.boarding = { deliveries, executions, statuses };
		expect(deliveries).toEqual([
			['order', '', 200],
			['order', '', 503],
			['order', '', 200],
		]);
		// FulfillmentDone was never seen by the trigger (its only call failed): reconciliation reports such a miss.
		expect(statuses).toEqual(['Screening', 'Completed']);
		expect(counter.events.slice(from).map((e) => e.eventKey)).toEqual([`order:${orderId}:screening`, `order:${orderId}:completed`]);
	});
});
