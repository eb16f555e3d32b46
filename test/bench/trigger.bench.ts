/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// Issue 17: the CCV Trigger against n8n's own Webhook node, executions per second in the same run,
// in one n8n process (SQLite) and in queue mode (main + 2 workers + 2 webhook processes, PostgreSQL,
// Redis). Each CCV Trigger call names its own real transaction, so each one starts an execution after
// the verification lookup at the sandbox (25 ms per request). Rounds alternate Webhook / CCV so a
// noisy machine hurts both alike. Run only these rows: `npm run bench -- --trigger`
// (BENCH_TRIGGER_MODES=one or queue to run one of the two; BENCH_TRIGGER_CALLS, BENCH_TRIGGER_CONCURRENCY).
import { randomUUID } from 'node:crypto';

import type { ExecutionSummary, RestClient } from '../../scripts/lib/n8n-server.cjs';
import { waitUntil } from '../../scripts/lib/n8n-server.cjs';
import { ccvCredential, createN8n, removeAllTempDirs, setupRuntime } from '../e2e/harness';
import type { CredentialRef, N8nInstance, Workflow } from '../e2e/harness';
import { listAll, startQueueN8n, triggerWorkflow, webhookWorkflow } from '../e2e/queueHarness';
import type { QueueN8n } from '../e2e/queueHarness';
import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { fmt, printTable } from './lib/table';

const CALLS = Number(process.env.BENCH_TRIGGER_CALLS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_TRIGGER_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_TRIGGER_ROUNDS ?? 2);
const MODES = (process.env.BENCH_TRIGGER_MODES ?? 'one,queue').split(',');
const LOOKUP_MS = 25;

let sandbox: Sandbox;
const rows: Array<Array<string | number>> = [];

beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: false, latencyMs: LOOKUP_MS });
}, 900_000);

afterAll(async () => {
	await sandbox?.close();
	removeAllTempDirs();
});

interface Target {
	name: string;
	/** The URL for call number i (queue mode alternates between the two webhook processes). */
	url(i: number): string;
	body(i: number): unknown;
	workflowId: string;
}

interface Measure {
	executions: number;
	/** Calls without an answer within 30 s, or answered other than 200. */
	failedCalls: number;
	/** Executions n8n had not finished 60 s after the last one did. */
	unfinished: number;
	seconds: number;
	p50Ms: number;
	p90Ms: number;
	/** Mean of n8n's own start-to-stop time per execution. */
	meanRunMs: number;
}

/** Sends CALLS calls, CONCURRENCY at a time; executions/s = executions / (first send -> last execution stopped). */
async function measure(api: RestClient, target: Target): Promise<Measure> {
	const before = new Set((await listAll(api, target.workflowId)).map((e) => e.id));
	const latencies: number[] = [];
	let failedCalls = 0;
	const started = Date.now();
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < CALLS) {
				const i = next++;
				const t0 = performance.now();
				try {
					const response = await fetch(target.url(i), {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(target.body(i)),
						signal: AbortSignal.timeout(30_000),
					});
					await response.text();
					if (response.status !== 200) failedCalls++;
				} catch {
					failedCalls++;
				}
				latencies.push(performance.now() - t0);
			}
		}),
	);
	// Until every call's execution finished, or nothing finished for 60 s (then the rest are counted unfinished).
	let mine: ExecutionSummary[] = [];
	let done: ExecutionSummary[] = [];
	let progressAt = Date.now();
	await waitUntil(`${CALLS} executions of ${target.name}`, 900_000, async () => {
		mine = (await listAll(api, target.workflowId)).filter((e) => !before.has(e.id));
		const finishedNow = mine.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (finishedNow.length > done.length) progressAt = Date.now();
		done = finishedNow;
		return done.length >= CALLS || Date.now() - progressAt > 60_000;
	}, 500);
	const stopped = Math.max(...done.map((e) => Date.parse(String(e.stoppedAt))));
	latencies.sort((a, b) => a - b);
	const runMs = done.map((e) => Date.parse(String(e.stoppedAt)) - Date.parse(String(e.startedAt)));
	return {
		executions: done.length,
		failedCalls,
		unfinished: mine.length - done.length,
		seconds: (stopped - started) / 1000,
		p50Ms: latencies[Math.floor(latencies.length * 0.5)],
		p90Ms: latencies[Math.floor(latencies.length * 0.9)],
		meanRunMs: runMs.reduce((sum, n) => sum + n, 0) / runMs.length,
	};
}

interface BenchWorkflows {
	webhook: Workflow;
	trigger: Workflow;
	/** The same trigger with Emit Each Status Once off: no static data written per call. */
	triggerNoMemory: Workflow;
	/** Saved workflows' typeVersion 1: n8n evaluates an expression per call (issue 29 #1). */
	triggerV1: Workflow;
}

/** The CCV Trigger at a typeVersion (new nodes get 2). */
function atVersion(workflow: Workflow, typeVersion: number): Workflow {
	workflow.nodes[0].typeVersion = typeVersion;
	return workflow;
}

function workflows(credential: CredentialRef): BenchWorkflows {
	return {
		webhook: webhookWorkflow('bench: Webhook node', `bench-webhook-${randomUUID().slice(0, 8)}`, []),
		trigger: atVersion(triggerWorkflow('bench: CCV Trigger v2', credential), 2),
		triggerNoMemory: atVersion(triggerWorkflow('bench: CCV Trigger v2, Emit Each Status Once off', credential, { emitEachStatusOnce: false }), 2),
		triggerV1: atVersion(triggerWorkflow('bench: CCV Trigger v1', credential), 1),
	};
}

async function compare(mode: string, api: RestClient, webhookUrl: (i: number, path: string) => string, wf: BenchWorkflows) {
	const webhookPath = String(wf.webhook.nodes[0].parameters.path);
	const triggerPath = (w: Workflow) => `${w.nodes[0].webhookId}/webhook`;
	const contenders: Array<{ label: string; workflow: Workflow; body: (references: string[], i: number) => unknown; url: (i: number) => string }> = [
		{ label: 'Webhook node', workflow: wf.webhook, body: (_r, i) => ({ id: i }), url: (i) => webhookUrl(i, webhookPath) },
		{ label: 'CCV Trigger v2', workflow: wf.trigger, body: (r, i) => ({ id: r[i] }), url: (i) => webhookUrl(i, triggerPath(wf.trigger)) },
		{ label: 'CCV Trigger v1', workflow: wf.triggerV1, body: (r, i) => ({ id: r[i] }), url: (i) => webhookUrl(i, triggerPath(wf.triggerV1)) },
		{
			label: 'CCV Trigger v2, Emit Each Status Once off',
			workflow: wf.triggerNoMemory,
			body: (r, i) => ({ id: r[i] }),
			url: (i) => webhookUrl(i, triggerPath(wf.triggerNoMemory)),
		},
	];
	for (let round = 0; round < ROUNDS; round++) {
		sandbox.reset();
		sandbox.setLatency(LOOKUP_MS);
		const references = Array.from({ length: CALLS }, () => sandbox.addPayment({ status: 'success' }).reference);
		let baseline = NaN;
		for (const c of contenders) {
			const m = await measure(api, { name: c.label, workflowId: c.workflow.id, url: c.url, body: (i) => c.body(references, i) });
			const rate = m.executions / m.seconds;
			if (c.workflow === wf.webhook) baseline = rate;
			rows.push([mode, round + 1, c.label, m.executions, m.failedCalls, m.unfinished, fmt(rate, 1), fmt(m.p50Ms, 0), fmt(m.p90Ms, 0), fmt(m.meanRunMs, 0), c.workflow === wf.webhook ? '' : `${fmt(rate / baseline)}x`]);
			process.stdout.write(`[bench] ${mode} round ${round + 1}: ${c.label} ${fmt(rate, 1)}/s, p50 ${fmt(m.p50Ms, 0)} ms (${m.failedCalls} failed calls, ${m.unfinished} unfinished)\n`);
		}
	}
}

const runOne = MODES.includes('one') ? it : it.skip;
const runQueue = MODES.includes('queue') ? it : it.skip;

runOne('one n8n process (SQLite)', async () => {
	let n8n: N8nInstance | undefined;
	try {
		n8n = await createN8n();
		const credential = await n8n.importCredential(ccvCredential(sandbox.url));
		const wf = workflows(credential);
		await n8n.importWorkflow(wf.webhook, wf.trigger, wf.triggerNoMemory, wf.triggerV1);
		for (const w of [wf.webhook, wf.trigger, wf.triggerNoMemory, wf.triggerV1]) await n8n.publish(w.id);
		const server = await n8n.startServer();
		await server.waitForWebhook(String(wf.webhook.nodes[0].parameters.path));
		for (const w of [wf.trigger, wf.triggerNoMemory, wf.triggerV1]) await server.waitForWebhook(`${w.nodes[0].webhookId}/webhook`);
		await compare('one process', server.api, (_i, path) => server.webhookUrl(path), wf);
	} finally {
		await n8n?.cleanup();
	}
});

runQueue('queue mode (main + 2 workers + 2 webhook processes)', async () => {
	let n8n: QueueN8n | undefined;
	try {
		let wf = {} as BenchWorkflows;
		n8n = await startQueueN8n(ccvCredential(sandbox.url), (credential) => {
			wf = workflows(credential);
			return [wf.webhook, wf.trigger, wf.triggerNoMemory, wf.triggerV1];
		});
		const queue = n8n;
		await compare('queue mode', queue.api, (i, path) => queue.webhookUrl(i % 2, path), wf);
	} finally {
		await n8n?.stop();
	}
});

afterAll(() => {
	if (!rows.length) return;
	printTable(
		`Issue 17 · CCV Trigger vs n8n's Webhook node, ${CALLS} calls per row, ${CONCURRENCY} at a time, verification lookup ${LOOKUP_MS} ms`,
		['mode', 'round', 'node', 'executions', 'failed calls', 'unfinished', 'executions/s', 'answer p50 ms', 'answer p90 ms', 'n8n run ms (mean)', 'CCV / Webhook'],
		rows,
		[
			'executions/s = finished executions / (first call sent -> last execution stopped, as n8n recorded it). Every call should start one execution.',
			'failed calls = no answer within 30 s or not 200; unfinished = executions still new/running 60 s after the last one finished.',
			'answer = time until n8n answered the call. n8n run ms = stoppedAt - startedAt of each execution as n8n stored it.',
			'CCV Trigger calls name distinct transactions, each verified with GET /api/v1/transaction?reference= (sandbox answers after 25 ms).',
		],
	);
});
