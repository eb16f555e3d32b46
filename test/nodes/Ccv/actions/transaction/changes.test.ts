// "Output Only Changes" on Transaction Get, Transaction Get Many and Order Get Status, run as a
// scheduled workflow runs: n8n's engine, the workflow's static data carried from run to run as n8n
// saves it, and the sandbox changing statuses between runs (sb.settle, sb.setOrderStatus).
import type { IDataObject } from 'n8n-workflow';

import { MAX_REMEMBERED_STATUSES } from '../../../../../nodes/Ccv/helpers/changesMemory';
import { useSandbox } from '../sandboxRun';
import { scheduledWorkflow } from './changesRun';

const t = useSandbox();
const credentials = () => ({ apiKey: t.sb.apiKey, baseUrl: t.sb.url, boardingBaseUrl: t.sb.url });
/** The lookups of one transaction by reference the sandbox received (not the list requests). */
const lookups = () => t.calls().filter((call) => call.startsWith('GET /api/v1/transaction?reference='));
const refs = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json.reference);

const pendingSearch = {
	resource: 'transaction',
	operation: 'getAll',
	returnAll: true,
	filters: { status: 'pending' },
	outputOnlyChanges: true,
	options: {},
};

describe('Transaction > Get Many, Output Only Changes', () => {
	it('outputs each status change exactly once over sequential runs, also when a payment leaves a "pending" search', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const b = t.sb.addPayment({ status: 'pending' });
		t.sb.addPayment({ status: 'success' });
		const wf = scheduledWorkflow(pendingSearch, credentials);

		const first = await wf.run();
		expect(first.error).toBeUndefined();
		expect(refs(first.items)).toEqual([a.reference, b.reference]);
		expect(first.items[0].json).toMatchObject({ status: 'pending', previousStatus: null, eventKey: `transaction:${a.reference}:pending` });

		t.sb.clearLog();
		const second = await wf.run();
		expect(second.items).toEqual([]);
		expect(t.calls()[0]).toBe('GET /api/v1/transaction?status=pending');
		expect(lookups()).toEqual([]);

		t.sb.settle(a.reference, 'success');
		t.sb.clearLog();
		const third = await wf.run();
		expect(third.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ reference: a.reference, status: 'success', previousStatus: 'pending', eventKey: `transaction:${a.reference}:success` }),
		]);
		// a left the pending list: looked up by reference, its key in the query string.
		expect(lookups()).toEqual([`GET /api/v1/transaction?reference=${a.reference}`]);

		t.sb.clearLog();
		const fourth = await wf.run();
		expect(fourth.items).toEqual([]);
		// a is final now: never looked up again.
		expect(lookups()).toEqual([]);

		const c = t.sb.addPayment({ status: 'pending' });
		t.sb.settle(b.reference, 'failed', { failureCode: 'card_refused' });
		const fifth = await wf.run();
		expect(fifth.items.map((i) => [i.json.reference, i.json.status])).toEqual([
			[c.reference, 'pending'],
			[b.reference, 'failed'],
		]);
		expect((await wf.run()).items).toEqual([]);
	});

	it('On First Run "Output Nothing, Only Remember": the first run outputs nothing, later changes are output', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow({ ...pendingSearch, onFirstRun: 'rememberOnly' }, credentials);
		const first = await wf.run();
		expect(first.items).toEqual([]);
		expect(first.saved).toBe(true);
		const b = t.sb.addPayment({ status: 'pending' });
		t.sb.settle(a.reference, 'success');
		const second = await wf.run();
		expect(second.items.map((i) => [i.json.reference, i.json.status])).toEqual([
			[b.reference, 'pending'],
			[a.reference, 'success'],
		]);
	});

	it('the memory is bounded: it keeps the statuses of the transactions seen most recently', async () => {
		const extra = 7;
		const all = Array.from({ length: MAX_REMEMBERED_STATUSES + extra }, () => t.sb.addPayment({ status: 'success' }).reference);
		const wf = scheduledWorkflow({ ...pendingSearch, filters: { status: 'success' } }, credentials);
		expect((await wf.run()).items).toHaveLength(all.length);
		const remembered = Object.keys((wf.stored['node:CCV'] as IDataObject).lastStatus as IDataObject);
		expect(remembered).toHaveLength(MAX_REMEMBERED_STATUSES);
		expect(remembered[0]).toBe(`transaction:${all[extra]}`);
		// The forgotten ones are new again (the same eventKey lets a workflow drop them downstream).
		expect(refs((await wf.run()).items)).toEqual(all.slice(0, extra));
	}, 60_000);

	it('a run that fails remembers nothing, so the next run outputs the same changes', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow({ ...pendingSearch, filters: { status: 'pending' }, options: { retries: 0 } }, credentials);
		t.sb.faults.add({ match: { method: 'GET', path: '^/api/v1/transaction$' }, count: 1, kind: 'status', status: 500 });
		const failed = await wf.run();
		expect(failed.error).toBeDefined();
		expect(wf.stored).toEqual({});
		const next = await wf.run();
		expect(refs(next.items)).toEqual([a.reference]);
	});

	it('runs started by hand in the editor are not remembered (n8n saves no static data for them)', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow(pendingSearch, credentials);
		expect(refs((await wf.run([{}], { mode: 'manual' })).items)).toEqual([a.reference]);
		expect(refs((await wf.run([{}], { mode: 'manual' })).items)).toEqual([a.reference]);
		expect(refs((await wf.run()).items)).toEqual([a.reference]);
		expect((await wf.run()).items).toEqual([]);
	});

	it('two searches in one node keep their own "left the list" lookups', async () => {
		const a = t.sb.addPayment({ status: 'pending', merchantOrderReference: 'ORD-A' });
		const b = t.sb.addPayment({ status: 'pending', merchantOrderReference: 'ORD-B' });
		const wf = scheduledWorkflow(
			{ ...pendingSearch, filters: { status: 'pending', merchantOrderReference: '={{ $json.order }}' } },
			credentials,
		);
		const input = [{ order: 'ORD-A' }, { order: 'ORD-B' }];
		expect(refs((await wf.run(input)).items)).toEqual([a.reference, b.reference]);
		t.sb.settle(b.reference, 'success');
		t.sb.clearLog();
		const second = await wf.run(input);
		expect(second.items.map((i) => [i.json.reference, i.json.status, i.pairedItem])).toEqual([[b.reference, 'success', { item: 1 }]]);
		expect(lookups()).toEqual([`GET /api/v1/transaction?reference=${b.reference}`]);
	});
});

describe('Transaction > Get, Output Only Changes (references the user keeps)', () => {
	const byReference = {
		resource: 'transaction',
		operation: 'get',
		transactionReference: '={{ $json.reference }}',
		outputOnlyChanges: true,
		options: {},
	};

	it('outputs each reference once per status; the same reference twice in one run is output once', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const b = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow(byReference, credentials);
		const input = [{ reference: a.reference }, { reference: b.reference }, { reference: a.reference }];
		const first = await wf.run(input);
		expect(first.items.map((i) => [i.json.reference, i.pairedItem])).toEqual([
			[a.reference, { item: 0 }],
			[b.reference, { item: 1 }],
		]);
		expect((await wf.run(input)).items).toEqual([]);
		t.sb.settle(b.reference, 'success');
		const third = await wf.run(input);
		expect(third.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ reference: b.reference, status: 'success', previousStatus: 'pending', eventKey: `transaction:${b.reference}:success` }),
		]);
		expect((await wf.run(input)).items).toEqual([]);
	});

	it('without the option every run outputs the transaction and nothing is stored', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow({ ...byReference, outputOnlyChanges: false }, credentials);
		expect(refs((await wf.run([{ reference: a.reference }])).items)).toEqual([a.reference]);
		expect(refs((await wf.run([{ reference: a.reference }])).items)).toEqual([a.reference]);
		expect(wf.stored).toEqual({});
	});

	it('with Continue On Fail, an unknown reference is an error item and the others are remembered', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow(byReference, credentials);
		const input = [{ reference: 'X000000000000000DEADBEEF.X' }, { reference: a.reference }];
		const first = await wf.run(input, { continueOnFail: true });
		const shown = (items: Array<{ json: IDataObject }>) =>
			items.map((i) => (i.json.error ? (i.json.ccvError as IDataObject).failureCode : i.json.reference));
		expect(shown(first.items)).toEqual(['unknown_reference', a.reference]);
		const second = await wf.run(input, { continueOnFail: true });
		expect(shown(second.items)).toEqual(['unknown_reference']);
	});

	// Issue 23 #7: n8n's Retry On Fail runs the node again on the same input; the try that failed must
	// leave the memory as if it never ran, and the try n8n keeps saves exactly what it output.
	const firstLookupFails = () =>
		t.sb.faults.add({ match: { method: 'GET', path: '^/api/v1/transaction$' }, count: 1, kind: 'status', status: 500 });

	it('with Retry On Fail, a try that failed leaves the memory as if it never ran: each change is output once', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const b = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow({ ...byReference, options: { retries: 0 } }, credentials);
		const input = [{ reference: b.reference }, { reference: a.reference }];
		firstLookupFails();
		const first = await wf.run(input, { retryOnFail: 2 });
		expect(first.error).toBeUndefined();
		expect(refs(first.items)).toEqual([b.reference, a.reference]);
		expect(first.saved).toBe(true);
		expect((await wf.run(input, { retryOnFail: 2 })).items).toEqual([]);
		t.sb.settle(a.reference, 'success');
		expect((await wf.run(input, { retryOnFail: 2 })).items.map((i) => [i.json.reference, i.json.status])).toEqual([[a.reference, 'success']]);
	});

	it('with Retry On Fail and Continue On Fail, n8n runs the node again when item 1 is an error: no change is lost', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const b = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow({ ...byReference, options: { retries: 0 } }, credentials);
		const input = [{ reference: b.reference }, { reference: a.reference }];
		firstLookupFails();
		const first = await wf.run(input, { retryOnFail: 2, continueOnFail: true });
		expect(refs(first.items)).toEqual([b.reference, a.reference]);
		expect((await wf.run(input, { retryOnFail: 2, continueOnFail: true })).items).toEqual([]);
	});

	it('with Retry On Fail, when every try fails nothing is remembered and the next run outputs the changes', async () => {
		const a = t.sb.addPayment({ status: 'pending' });
		const b = t.sb.addPayment({ status: 'pending' });
		const wf = scheduledWorkflow({ ...byReference, options: { retries: 0 } }, credentials);
		const input = [{ reference: b.reference }, { reference: a.reference }];
		t.sb.faults.add({ match: { method: 'GET', path: '^/api/v1/transaction$' }, kind: 'status', status: 500 });
		const failed = await wf.run(input, { retryOnFail: 2 });
		expect(failed.error).toBeDefined();
		expect(wf.stored).toEqual({});
		t.sb.faults.clear();
		expect(refs((await wf.run(input, { retryOnFail: 2 })).items)).toEqual([b.reference, a.reference]);
	});
});

describe('Order > Get Status, Output Only Changes (order ids the user keeps)', () => {
	async function submitOrder(): Promise<string> {
		const { items, error } = await t.run(
			{ resource: 'order', operation: 'submit', notifyCustomerByEmail: false, order: '{"salesPackages":[]}', additionalFields: {}, options: {} },
			[{}],
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		// The sandbox's SubmitOrder may answer without an orderId (CCV does not document one): take it from its state.
		const orders = t.sb.state.orders();
		return orders[orders.length - 1].orderId;
	}

	it('outputs each order status change once, with eventKey and final', async () => {
		const first = await submitOrder();
		const second = await submitOrder();
		const wf = scheduledWorkflow(
			{ resource: 'order', operation: 'getStatus', orderId: '={{ $json.orderId }}', outputOnlyChanges: true, options: {} },
			credentials,
		);
		const input = [{ orderId: first }, { orderId: second }];
		const run1 = await wf.run(input);
		expect(run1.items.map((i) => i.json)).toEqual([
			{ orderId: first, externalReference: null, orderStatus: 'New', final: false, eventKey: `order:${first}:new`, previousStatus: null },
			expect.objectContaining({ orderId: second, orderStatus: 'New' }),
		]);
		expect((await wf.run(input)).items).toEqual([]);
		t.sb.setOrderStatus(second, 'Completed');
		const run3 = await wf.run(input);
		expect(run3.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ orderId: second, orderStatus: 'Completed', final: true, previousStatus: 'New', eventKey: `order:${second}:completed` }),
		]);
		expect(run3.items[0].pairedItem).toEqual({ item: 1 });
		expect((await wf.run(input)).items).toEqual([]);
	});
});
