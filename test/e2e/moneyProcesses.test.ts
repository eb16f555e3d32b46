/* eslint-disable no-console -- prints the figures the README quotes; test tooling, never inside n8n */
// Issue 24 rows 11 and 12 in real n8n 2.41.1 processes (test/nodes/Ccv/actions/money/processes.test.ts
// proves them in one process):
//   row 11: the same item in two n8n processes at the same moment (queue mode: main, 2 workers each
//           taking one execution at a time, 2 webhook processes, PostgreSQL, Redis): two executions
//           queued together, one per webhook process, wait for one shared moment and run the CCV node
//           on the two workers: CCV holds 1 refund and 1 payment;
//   row 12: n8n restarted between run and re-run (`n8n start` on one user folder and SQLite database,
//           stopped and started again): the re-run gives the same transaction, `replayed: true`,
//           under the strict sandbox (CCV keeps the key 24 h) and after CCV forgot the key.
// The sandbox answers every request after 500 ms (a slow but ordinary CCV answer time), so the two
// executions' lookups and sends overlap as they would against CCV.
// KNOWN DEFECT (row 11, found here on 2026-12-06): both executions at the same moment output
// `replayed: false`, so two executions each report the one transaction as new. CCV answers both sends
// of one Idempotency-Reference with the same transaction, created while both were in flight, so no
// rule on CCV's answer (helpers/idempotency.ts isReplay) can tell which send made it. The last row-11
// test states the rule and is marked `failing` until that is solved; the money itself is asserted.
import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { ccvCredential, createN8n, removeAllTempDirs, setupRuntime } from './harness';
import type { N8nInstance, Workflow } from './harness';
import { atCcv, inMs, moneyWorkflow, paymentNode, refundNode, startMoneyServer, waitUntilStartAt, withOneExecutionPerWorker, workerOf } from './moneyHarness';
import type { MoneyCall, MoneyServer } from './moneyHarness';
import { post, startQueueN8n } from './queueHarness';
import type { QueueN8n } from './queueHarness';

type Json = Record<string, unknown>;
const LATENCY_MS = 500;
// Pairs tried per case until both executions sent (see untilBothSent).
const TRIES = 3;

let sandbox: Sandbox;
beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: false });
	sandbox.setLatency(LATENCY_MS);
}, 600_000);
afterAll(async () => {
	await sandbox?.close();
	removeAllTempDirs();
});

describe('row 11: the same item in two n8n processes at the same moment (queue mode): 1 transaction', () => {
	let n8n: QueueN8n;
	const wf = {} as Record<'refund' | 'payment', Workflow>;

	beforeAll(async () => {
		const start = () =>
			withOneExecutionPerWorker(() =>
				startQueueN8n(ccvCredential(sandbox.url), (credential) => {
					wf.refund = moneyWorkflow('money: refund, same moment', 'money-refund-same-moment', [waitUntilStartAt(), refundNode('Refund', credential, 'Customer return')]);
					wf.payment = moneyWorkflow('money: payment, same moment', 'money-payment-same-moment', [waitUntilStartAt(), paymentNode('Pay', credential, 'Shop order')]);
					return Object.values(wf);
				}),
			);
		// On a machine shared with other test runs a process may miss its 120 s start-up wait: one more go.
		n8n = await start().catch((error: Error) => {
			console.log(`[money] queue-mode n8n did not start (${error.message.split('\n')[0]}); starting it again`);
			return start();
		});
	}, 900_000);
	afterAll(async () => {
		await n8n?.stop();
	});

	/** Executions of each workflow so far (each pair adds two). */
	const seen = new Map<string, number>();

	/** One call to each webhook process at once; both executions wait for the same moment. */
	async function sameMoment(workflow: Workflow, path: string, nodeName: string, call: MoneyCall) {
		const before = seen.get(workflow.id) ?? 0;
		seen.set(workflow.id, before + 2);
		const body = { ...call, startAt: inMs(4000) };
		expect(await Promise.all([0, 1].map((p) => post(n8n.webhookUrl(p, path), body)))).toEqual([200, 200]);
		const executions = (await n8n.settledExecutions(workflow.id, before + 2)).slice(before);
		const outputs: Json[] = [];
		for (const execution of executions) outputs.push(...(await n8n.executionItems(execution.id, nodeName)));
		return { executions, outputs, workers: executions.map((e) => workerOf(n8n.cluster, e.id)) };
	}
	type Pair = Awaited<ReturnType<typeof sameMoment>>;

	function report(what: string, run: Pair, held: number, keys: Array<string | undefined>) {
		const flags = run.outputs.map((o) => `${String(o.replayed)}${o.foundAtCcv ? ' (found at CCV)' : ''}`);
		console.log(`[money] row 11, ${what}: 2 executions on workers ${run.workers.join(' and ')}, ${keys.length} POSTs (${new Set(keys).size} Idempotency-Reference), CCV holds ${held}; replayed: ${flags.join(', ')}`);
	}

	/**
	 * Runs `once` (a fresh intention each time) until both executions of its pairs sent their POST: on
	 * a busy machine one execution may start late and find the other's transaction at CCV, which is
	 * the lookup's case, not this row's. Every try is asserted by `once` (one transaction).
	 */
	async function untilBothSent<T extends { bothSent: boolean }>(what: string, once: (n: number) => Promise<T>): Promise<T> {
		for (let n = 1; ; n++) {
			const result = await once(n);
			if (result.bothSent || n >= TRIES) return result;
			console.log(`[money] row 11, ${what}: try ${n} was not at the same moment (one execution found the other's transaction at CCV); a new try`);
		}
	}

	/** The replayed flags of each same-moment pair, for the last test. */
	const pairs: Array<{ what: string; replayed: unknown[] }> = [];

	/** Both executions succeeded, ran on the two workers, sent one key and output the one transaction. */
	function expectSameMomentPair(what: string, run: Pair, keys: Array<string | undefined>, held: string) {
		expect(run.executions.map((e) => e.status)).toEqual(['success', 'success']);
		expect(run.outputs.filter((o) => typeof o.error === 'string')).toEqual([]);
		// Two processes: each worker ran one of the executions.
		expect([...run.workers].sort()).toEqual([0, 1]);
		// The same moment: both lookups found nothing, so both executions sent, with one key.
		expect(keys).toHaveLength(2);
		expect(new Set(keys).size).toBe(1);
		expect(run.outputs.map((o) => o.idempotencyReference)).toEqual([keys[0], keys[0]]);
		expect(run.outputs.map((o) => o.reference)).toEqual([held, held]);
		pairs.push({ what, replayed: run.outputs.map((o) => o.replayed) });
	}

	it('Refund > Create, partial 10.00 of one payment with the same Merchant Order Reference: 1 refund', async () => {
		const { run, ccv } = await untilBothSent('refund', async (n) => {
			const payment = sandbox.addPayment({ amount: '50.00' });
			const rma = `RMA-11-${n}`;
			const pair = await sameMoment(wf.refund, 'money-refund-same-moment', 'Refund', { payment: payment.reference, rma });
			const atRma = atCcv(sandbox, 'refund', (tx) => tx.merchantOrderReference === rma);
			report(`refund (try ${n})`, pair, atRma.held.length, atRma.keys);
			expect(atRma.held).toHaveLength(1);
			return { run: pair, ccv: atRma, bothSent: atRma.keys.length === 2 };
		});
		expectSameMomentPair('refund', run, ccv.keys, ccv.held[0].reference);
	});

	it('Payment > Create for one order, attempt 1, then attempt 2 after a decline: 1 payment per attempt', async () => {
		const result = await untilBothSent('payment', async (n) => {
			const order = `ORDER-1101-${n}`;
			const first = await sameMoment(wf.payment, 'money-payment-same-moment', 'Pay', { order });
			const attempt1 = atCcv(sandbox, 'payment', (tx) => tx.merchantOrderReference === order);
			report(`payment attempt 1 (try ${n})`, first, attempt1.held.length, attempt1.keys);
			expect(attempt1.held).toHaveLength(1);
			expect(first.outputs.map((o) => o.attempt)).toEqual([1, 1]);

			sandbox.settle(attempt1.held[0].reference, 'failed', { failureCode: 'rejected' });
			const second = await sameMoment(wf.payment, 'money-payment-same-moment', 'Pay', { order });
			const both = atCcv(sandbox, 'payment', (tx) => tx.merchantOrderReference === order);
			const attempt2 = { keys: both.keys.slice(attempt1.keys.length), held: both.held.filter((tx) => tx.reference !== attempt1.held[0].reference) };
			report(`payment attempt 2 (try ${n})`, second, attempt2.held.length, attempt2.keys);
			expect(attempt2.held).toHaveLength(1);
			expect(second.outputs.map((o) => o.attempt)).toEqual([2, 2]);
			expect(second.outputs[0].payUrl).toEqual(expect.any(String));
			return { first, second, attempt1, attempt2, bothSent: attempt1.keys.length === 2 && attempt2.keys.length === 2 };
		});
		expectSameMomentPair('payment attempt 1', result.first, result.attempt1.keys, result.attempt1.held[0].reference);
		expectSameMomentPair('payment attempt 2', result.second, result.attempt2.keys, result.attempt2.held[0].reference);
		expect(result.attempt2.keys[0]).not.toBe(result.attempt1.keys[0]);
	});

	// KNOWN DEFECT (see the top of this file): `failing` passes while the rule below is broken and
	// turns red once it holds; then make it an ordinary test.
	it.failing('no execution reports a second success as new: of each pair, exactly one output says replayed: true', () => {
		console.log(`[money] row 11, KNOWN DEFECT: replayed flags per pair ${JSON.stringify(pairs)}`);
		expect(pairs.map((p) => p.what)).toEqual(['refund', 'payment attempt 1', 'payment attempt 2']);
		for (const pair of pairs) expect({ what: pair.what, replayed: [...pair.replayed].sort() }).toEqual({ what: pair.what, replayed: [false, true] });
	});
});

describe('row 12: n8n restarted between run and re-run: 1 transaction, replayed: true', () => {
	let n8n: N8nInstance;
	let server: MoneyServer;
	let workflow: Workflow;
	const PATH = 'money-rerun';

	beforeAll(async () => {
		n8n = await createN8n();
		const credential = await n8n.importCredential(ccvCredential(sandbox.url));
		// $now in the Description: the re-run's free text differs from the first run's.
		const description = '=Return booked {{ $now.toISO() }}';
		workflow = moneyWorkflow('money: run, restart, re-run', PATH, [refundNode('Refund', credential, description), paymentNode('Pay', credential, '=Order {{ $now.toISO() }}')]);
		await n8n.importWorkflow(workflow);
		await n8n.publish(workflow.id);
	}, 600_000);
	afterAll(async () => {
		await server?.stop();
		await n8n?.cleanup();
	});

	async function start() {
		server = await startMoneyServer(n8n, PATH);
	}

	async function runOnce(call: MoneyCall, before: number): Promise<{ refund: Json; pay: Json; status: string }> {
		expect(await post(server.webhookUrl(PATH), call)).toBe(200);
		const executions = await server.executions(workflow.id, before + 1);
		const execution = executions[before];
		const full = await server.api.getExecution(execution.id);
		const item = (name: string) => (full.data.resultData.runData[name]?.[0]?.data?.main?.[0]?.[0]?.json ?? {}) as Json;
		return { refund: item('Refund'), pay: item('Pay'), status: execution.status };
	}

	it('a partial refund with its own Merchant Order Reference and a checkout, under CCV keeping the key and after CCV forgot it', async () => {
		const kept = { payment: sandbox.addPayment({ amount: '50.00' }).reference, rma: 'RMA-12', order: 'ORDER-1201' };
		const forgot = { payment: sandbox.addPayment({ amount: '50.00' }).reference, rma: 'RMA-12F', order: 'ORDER-1202' };
		const started = Date.now();
		await start();
		const first = [await runOnce(kept, 0), await runOnce(forgot, 1)];
		await server.stop();
		await start();
		const again = [await runOnce(kept, 2)];
		// CCV forgot every Idempotency-Reference: only what the node finds at CCV keeps it to one.
		sandbox.readings.set({ idempotencyRetention: 'off' });
		try {
			again.push(await runOnce(forgot, 3));
		} finally {
			sandbox.readings.set({ idempotencyRetention: 86_400 });
		}
		const seconds = Math.round((Date.now() - started) / 1000);

		const figures = [kept, forgot].map((call, i) => {
			const refunds = atCcv(sandbox, 'refund', (tx) => tx.merchantOrderReference === call.rma);
			const payments = atCcv(sandbox, 'payment', (tx) => tx.merchantOrderReference === call.order);
			return { call, refunds, payments, first: first[i], again: again[i] };
		});
		for (const f of figures) {
			console.log(
				`[money] row 12, ${f.call === kept ? 'CCV keeps the key' : 'CCV forgot the key'}: run, restart, re-run: CCV holds ${f.refunds.held.length} refund(s) (${f.refunds.posts.length} POSTs) and ${f.payments.held.length} payment(s) (${f.payments.posts.length} POSTs); replayed: refund ${String(f.first.refund.replayed)} then ${String(f.again.refund.replayed)}, payment ${String(f.first.pay.replayed)} then ${String(f.again.pay.replayed)} (${seconds} s with both n8n starts)`,
			);
		}
		for (const f of figures) {
			for (const run of [f.first, f.again]) {
				expect(run.status).toBe('success');
				expect([run.refund.error, run.pay.error]).toEqual([undefined, undefined]);
			}
			expect(f.refunds.held).toHaveLength(1);
			expect(f.payments.held).toHaveLength(1);
			expect([f.first.refund.replayed, f.again.refund.replayed]).toEqual([false, true]);
			expect([f.first.pay.replayed, f.again.pay.replayed]).toEqual([false, true]);
			expect(f.again.refund).toMatchObject({ reference: f.refunds.held[0].reference, idempotencyReference: f.first.refund.idempotencyReference });
			expect(f.again.pay).toMatchObject({ reference: f.first.pay.reference, idempotencyReference: f.first.pay.idempotencyReference, attempt: 1 });
		}
	});
});
