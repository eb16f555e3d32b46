// CCV Reconciliation Trigger (issue 26) with a fake ITriggerFunctions against the sandbox: what each
// check emits, with which deduplication key, and how many requests it makes.
import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

import { CcvReconcileTrigger } from '../../../../nodes/Ccv/CcvReconcileTrigger.node';
import { orderEventKey, transactionEventKey } from '../../../../nodes/Ccv/helpers/changesEventKey';
import { scheduledCheck } from '../../../../nodes/Ccv/reconcile/poll';
import { MAX_REMEMBERED_CHANGES } from '../../../../nodes/Ccv/reconcile/memory';
import { readSettings } from '../../../../nodes/Ccv/reconcile/settings';
import { CcvClient } from '../../../../nodes/Ccv/transport';
import type { RequestContext } from '../../../../nodes/Ccv/transport';
import { useTestSandbox } from '../../../sandbox/testing';
import { fakeTrigger } from './fakeTrigger';
import type { FakeTrigger } from './fakeTrigger';

const t = useTestSandbox({ seed: false });
const node = new CcvReconcileTrigger();

const keyOf = (workflowId: string, nodeId: string, eventKey: string) =>
	`ccv-reconcile:${createHash('sha256').update(`${workflowId}\n${nodeId}\n${eventKey}`).digest('hex')}`;

async function check(fake: FakeTrigger) {
	const client = new CcvClient(fake.ctx as unknown as RequestContext, { maxRetries: 0 });
	return await scheduledCheck(fake.ctx, client, readSettings(fake.ctx));
}

const emitted = (fake: FakeTrigger) => fake.emits.map((e) => e.items.map((item) => String(item.eventKey)).join(','));
const listRequests = () => t.sb.log.filter((e) => e.method === 'GET' && e.path === '/api/v1/transaction').length;

async function submitOrder(externalReference: string): Promise<string> {
	const answer = await t.api.post('/api/ordercompletion/reseller/order', { notifyCustomerByEmail: false, externalReference, order: {} });
	expect(answer.status).toBeLessThan(300);
	return t.sb.state.orders().find((order) => order.externalReference === externalReference)!.orderId;
}

describe('scheduled checks', () => {
	test('each status change is emitted once, alone, with the webhook trigger\'s eventKey and a key from workflow, node and eventKey', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const b = t.sb.addPayment({ status: 'success' });
		const fake = fakeTrigger(t.sb, {}, { workflowId: 'wfA', nodeId: 'nodeA' });
		await check(fake);
		const keys = [transactionEventKey(a.reference, 'pending'), transactionEventKey(b.reference, 'success')];
		expect(emitted(fake)).toEqual(keys);
		expect(fake.emits.map((e) => e.deduplicationKey)).toEqual(keys.map((k) => keyOf('wfA', 'nodeA', k)));
		expect(fake.emits[0].items[0]).toMatchObject({ reference: a.reference, status: 'pending', eventKey: keys[0] });
		expect(fake.emits.every((e) => e.deduplicationKey!.length <= 255)).toBe(true);
	});

	test('a change seen by two checks is emitted by the first only; the next status of the same payment is emitted', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const fake = fakeTrigger(t.sb, {});
		await check(fake);
		await check(fake);
		expect(emitted(fake)).toEqual([transactionEventKey(a.reference, 'pending')]);
		t.sb.settle(a.reference, 'success');
		await check(fake);
		await check(fake);
		expect(emitted(fake)).toEqual([transactionEventKey(a.reference, 'pending'), transactionEventKey(a.reference, 'success')]);
	});

	test('static data lost after an emit (a crash before n8n saved it): the check emits the same changes with the same keys, which n8n refuses', async () => {
		t.sb.addPayment({ status: 'success' });
		const first = fakeTrigger(t.sb, {});
		await check(first);
		const afterCrash = fakeTrigger(t.sb, {}, { staticData: {} });
		await check(afterCrash);
		expect(afterCrash.emits.map((e) => e.deduplicationKey)).toEqual(first.emits.map((e) => e.deduplicationKey));
		expect(afterCrash.emits).toHaveLength(1);
	});

	test('a payment created and paid between two checks is emitted with its final status (no Pending filter)', async () => {
		const fake = fakeTrigger(t.sb, {});
		await check(fake);
		const paid = t.sb.addPayment({ status: 'pending' });
		t.sb.settle(paid.reference, 'success');
		await check(fake);
		expect(emitted(fake)).toEqual([transactionEventKey(paid.reference, 'success')]);
		const query = t.sb.log.filter((e) => e.method === 'GET' && e.path === '/api/v1/transaction').map((e) => e.query);
		expect(query.every((q) => q.status === undefined && /^\d+$/.test(String(q.createdAfter)))).toBe(true);
	});

	test('requests per check grow with the pages of the Look Back window, not with the history', async () => {
		const now = Date.now();
		for (let i = 0; i < 200; i++) t.sb.addPayment({ status: 'success', created: now - 3 * 3_600_000 + i });
		const recent = Array.from({ length: 30 }, () => t.sb.addPayment({ status: 'success' }).reference);
		const fake = fakeTrigger(t.sb, {});
		t.sb.clearLog();
		await check(fake);
		// 30 in the window, pages of 25: two pages and the request that finds nothing more.
		expect(listRequests()).toBe(3);
		expect(emitted(fake)).toEqual(recent.map((r) => transactionEventKey(r, 'success')));
	});

	test('Transaction Statuses: only the selected statuses are emitted', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const b = t.sb.addPayment({ status: 'failed' });
		const fake = fakeTrigger(t.sb, { statuses: ['failed'] });
		await check(fake);
		expect(emitted(fake)).toEqual([transactionEventKey(b.reference, 'failed')]);
		expect(a.reference).toBeDefined();
	});

	test('Boarding orders named are checked; each status once; an order whose end status was emitted is not asked again', async () => {
		const id = await submitOrder('SHOP-9');
		const fake = fakeTrigger(t.sb, { checkTransactions: false, orderIds: `${id}` });
		await check(fake);
		await check(fake);
		t.sb.setOrderStatus(id, 'Completed');
		await check(fake);
		t.sb.clearLog();
		await check(fake);
		expect(emitted(fake)).toEqual([orderEventKey(id, 'New'), orderEventKey(id, 'Completed')]);
		expect(fake.emits[1].items[0]).toMatchObject({ orderId: id, orderStatus: 'Completed', final: true });
		expect(t.sb.log).toHaveLength(0);
	});

	test('n8n could not start an execution: the change is forgotten and the next check emits it again', async () => {
		const a = t.sb.addPayment({ status: 'success' });
		const fake = fakeTrigger(t.sb, {});
		await check(fake);
		fake.emits[0].done!.reject(new Error('database unavailable'));
		await sleep(0);
		await check(fake);
		expect(emitted(fake)).toEqual([transactionEventKey(a.reference, 'success'), transactionEventKey(a.reference, 'success')]);
	});

	test('the memory is bounded', async () => {
		const staticData = { emitted: Object.fromEntries(Array.from({ length: MAX_REMEMBERED_CHANGES }, (_, i) => [`transaction:OLD${i}:success`, i])) };
		const a = t.sb.addPayment({ status: 'success' });
		const fake = fakeTrigger(t.sb, {}, { staticData });
		await check(fake);
		const kept = Object.keys(fake.staticData.emitted as object);
		expect(kept).toHaveLength(MAX_REMEMBERED_CHANGES);
		expect(kept).toContain(transactionEventKey(a.reference, 'success'));
		expect(kept).not.toContain('transaction:OLD0:success');
	});

	test('a failed lookup is reported as a failed execution and the other source still emits', async () => {
		const id = await submitOrder('SHOP-10');
		const fake = fakeTrigger(t.sb, { orderIds: id });
		const failing = fakeTrigger(t.sb, { orderIds: id });
		(failing.ctx.helpers as { httpRequestWithAuthentication: unknown }).httpRequestWithAuthentication = async (_type: string, options: { url: string }) => {
			if (options.url.endsWith('/api/v1/transaction')) return { statusCode: 500, body: { type: 'server_error', message: 'down' }, headers: {} };
			return await (fake.ctx.helpers.httpRequestWithAuthentication as (t: string, o: unknown) => Promise<unknown>)('ccvApi', options);
		};
		await check(failing);
		expect(emitted(failing)).toEqual([orderEventKey(id, 'New')]);
		expect(failing.failedExecutions).toHaveLength(1);
		expect(failing.failedExecutions[0].message).toMatch(/1 lookup\(s\) at CCV failed/);
	});
});

async function until(done: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!done() && Date.now() < deadline) await sleep(20);
	expect(done()).toBe(true);
}

describe('activation', () => {
	test('Look Back shorter than twice Check Every is refused', async () => {
		const fake = fakeTrigger(t.sb, { interval: 10, lookBack: 15 });
		await expect(node.trigger.call(fake.ctx)).rejects.toThrow('"Look Back" must be at least twice "Check Every"');
	});

	test('a workflow that does not save successful executions is refused with the setting to change', async () => {
		const fake = fakeTrigger(t.sb, {}, { saveDataSuccessExecution: 'none' });
		await expect(node.trigger.call(fake.ctx)).rejects.toThrow('This workflow does not save successful executions');
	});

	test('an order ID that is not one is refused', async () => {
		const fake = fakeTrigger(t.sb, { orderIds: 'abc, ../x' });
		await expect(node.trigger.call(fake.ctx)).rejects.toThrow('"Order IDs to Check" has "../x"');
	});

	test('published: n8n\'s scheduler ticks every 5 s; a check runs on the first tick, then once the interval has passed, never two at once', async () => {
		const fake = fakeTrigger(t.sb, { interval: 10, lookBack: 30, unit: 'seconds' });
		expect(await node.trigger.call(fake.ctx)).toEqual({});
		expect(fake.crons.map((c) => c.expression)).toEqual(['*/5 * * * * *']);
		const tick = (at: number) => fake.crons[0].onTick(new Date(at));
		t.sb.clearLog();
		const t0 = Date.now();
		tick(t0);
		tick(t0 + 5_000);
		await until(() => listRequests() === 1);
		tick(t0 + 5_000);
		expect(listRequests()).toBe(1);
		tick(t0 + 10_000);
		await until(() => listRequests() === 2);
		tick(t0 + 15_000);
		await sleep(200);
		expect(listRequests()).toBe(2);
	});

	test('"Execute step" emits what CCV lists now in one execution, without a deduplication key', async () => {
		const a = t.sb.addPayment({ status: 'success' });
		const fake = fakeTrigger(t.sb, {}, { mode: 'manual' });
		const response = await node.trigger.call(fake.ctx);
		await response.manualTriggerFunction!();
		expect(fake.emits).toEqual([{ items: [expect.objectContaining({ reference: a.reference, eventKey: transactionEventKey(a.reference, 'success') })], deduplicationKey: undefined, done: undefined }]);
		await response.manualTriggerFunction!();
		expect(fake.emits).toHaveLength(2);
	});
});
