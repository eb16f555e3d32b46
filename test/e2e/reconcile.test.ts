/* eslint-disable no-console -- prints the figures the README quotes */
// Reconciliation in a real n8n 2.41.1 (one process, SQLite): ONE workflow run again and again with
// `n8n execute` (mode "cli", which saves static data as a Schedule Trigger's runs do). Transaction >
// Get Many (pending) and Order > Get Status with Output Only Changes output each status change once;
// between runs the sandbox settles a payment and moves an order.
import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import { Client } from '../sandbox/test-client';
import { buildWorkflow, ccvCredential, createN8n, nodeItems, removeAllTempDirs, setupRuntime } from './harness';
import type { N8nInstance, N8nRun, StartedServer, Workflow } from './harness';
import { duplicatesOf, executionsPerEventKey, pause, reconcileTriggerWorkflow } from './reconcileTrigger';

let sandbox: Sandbox;
let n8n: N8nInstance;
let workflow: Workflow;
let orderIds: string[];

const PAYMENTS = 'Pending payments, only changes';
const ORDERS = 'Boarding orders, only changes';

beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: false });
	n8n = await createN8n();
	const credential = await n8n.importCredential(ccvCredential(sandbox.url));
	// The order ids the user keeps (a Data Table or a sheet in a real workflow; a Code node here).
	const api = new Client(sandbox);
	for (const externalReference of ['SHOP-1', 'SHOP-2']) {
		const answer = await api.post('/api/ordercompletion/reseller/order', { notifyCustomerByEmail: false, externalReference, order: {} });
		if (answer.status >= 300) throw new Error(`SubmitOrder at the sandbox: ${answer.status} ${answer.text}`);
	}
	await api.close();
	orderIds = sandbox.state.orders().map((order) => order.orderId);
	workflow = buildWorkflow(
		'e2e: reconcile',
		[
			{
				name: PAYMENTS,
				parameters: { resource: 'transaction', operation: 'getAll', returnAll: true, filters: { status: 'pending' }, outputOnlyChanges: true, options: {} },
				continueOnFail: false,
			},
			{
				name: ORDERS,
				items: orderIds.map((orderId) => ({ orderId })),
				parameters: { resource: 'order', operation: 'getStatus', orderId: '={{ $json.orderId }}', outputOnlyChanges: true, options: {} },
				continueOnFail: false,
			},
		],
		credential,
	);
	await n8n.importWorkflow(workflow);
});

afterAll(async () => {
	await sandbox?.close();
	await n8n?.cleanup();
	removeAllTempDirs();
});

const seen = (run: N8nRun) => ({
	payments: nodeItems(run, PAYMENTS).map((t) => `${t.reference} ${t.status} <- ${t.previousStatus} [${t.eventKey}]`),
	orders: nodeItems(run, ORDERS).map((o) => `${o.orderId} ${o.orderStatus} <- ${o.previousStatus} [${o.eventKey}]`),
});

test('each payment and order status change is output once over sequential `n8n execute` runs', async () => {
	const a = sandbox.addPayment({ status: 'pending', amount: 12 });
	const b = sandbox.addPayment({ status: 'pending', amount: 13 });

	const first = seen(await n8n.executeWorkflow(workflow.id));
	expect(first.payments).toEqual([
		`${a.reference} pending <- null [transaction:${a.reference}:pending]`,
		`${b.reference} pending <- null [transaction:${b.reference}:pending]`,
	]);
	expect(first.orders).toEqual(orderIds.map((id) => `${id} New <- null [order:${id}:new]`));

	expect(seen(await n8n.executeWorkflow(workflow.id))).toEqual({ payments: [], orders: [] });

	sandbox.settle(a.reference, 'success');
	sandbox.setOrderStatus(orderIds[1], 'Completed');
	const third = seen(await n8n.executeWorkflow(workflow.id));
	expect(third).toEqual({
		payments: [`${a.reference} success <- pending [transaction:${a.reference}:success]`],
		orders: [`${orderIds[1]} Completed <- New [order:${orderIds[1]}:completed]`],
	});

	expect(seen(await n8n.executeWorkflow(workflow.id))).toEqual({ payments: [], orders: [] });
});

// CCV Reconciliation Trigger (issue 26) in a running n8n (`n8n start`, one process, SQLite): a
// change seen by many checks, a restart, and a restart after the static data was lost (what a crash
// right after an emit leaves: the execution is stored, n8n's save of the memory is not). Each must
// give exactly one execution per change: the deduplication key, not the memory, holds it.
describe('CCV Reconciliation Trigger (n8n start, one process)', () => {
	let live: N8nInstance;
	let server: StartedServer;
	let triggerWorkflow: Workflow;
	const CHECKS = 12_000; // more than two checks at 5 s

	beforeAll(async () => {
		live = await createN8n();
		const credential = await live.importCredential(ccvCredential(sandbox.url));
		triggerWorkflow = reconcileTriggerWorkflow('e2e: reconciliation trigger', credential, { orderIds: orderIds.join(',') });
		await live.importWorkflow(triggerWorkflow);
		await live.publish(triggerWorkflow.id);
	}, 120_000);

	afterAll(async () => {
		await live?.cleanup();
	});

	const executions = async () => await server.api.listExecutions(triggerWorkflow.id);
	const settled = async (count: number) => await server.waitForExecutions(triggerWorkflow.id, count, 60_000);

	test('each change starts exactly one execution: seen by many checks, after a restart, after the memory was lost', async () => {
		const a = sandbox.addPayment({ status: 'pending', amount: 21 });
		const b = sandbox.addPayment({ status: 'success', amount: 22 });
		// Everything CCV lists now (the payments of the test above too) and the orders named.
		const expected = new Set([
			...sandbox.state.transactions().map((t) => `transaction:${t.reference}:${t.status}`),
			...sandbox.state.orders().map((o) => `order:${o.orderId}:${String(o.orderStatus).toLowerCase()}`),
		]);
		expect(expected.has(`transaction:${a.reference}:pending`) && expected.has(`transaction:${b.reference}:success`)).toBe(true);
		server = await live.startServer();
		await settled(expected.size);
		await pause(CHECKS);
		expect((await executions()).length).toBe(expected.size);

		sandbox.settle(a.reference, 'success');
		sandbox.setOrderStatus(orderIds[0], 'Closed');
		expected.add(`transaction:${a.reference}:success`).add(`order:${orderIds[0]}:closed`);
		await settled(expected.size);
		await pause(CHECKS);
		expect((await executions()).length).toBe(expected.size);

		// A restart: the memory is in static data; the checks go on.
		await server.stop();
		server = await live.startServer();
		await pause(CHECKS);
		expect((await executions()).length).toBe(expected.size);

		// The memory lost (re-imported without static data, as if n8n died right after emitting):
		// every change in the window is emitted again, and n8n refuses each by its key.
		await server.stop();
		await live.importWorkflow(triggerWorkflow);
		await live.publish(triggerWorkflow.id);
		server = await live.startServer();
		await pause(CHECKS);
		const refused = (server.output().match(/duplicate deduplication key/g) ?? []).length;
		// Printed, not asserted: in this run n8n's log did not show the refusals (see the README).
		expect((await executions()).length).toBe(expected.size);

		const c = sandbox.addPayment({ status: 'success', amount: 23 });
		expected.add(`transaction:${c.reference}:success`);
		await settled(expected.size);
		await pause(CHECKS);
		const all = await executions();
		const counts = await executionsPerEventKey(server.api, all);
		const duplicated = duplicatesOf(counts);
		const lost = [...expected].filter((key) => !counts.has(key)).length;
		console.log(`[reconcile] one process: ${expected.size} changes, ${all.length} executions, duplicated ${duplicated}, lost ${lost}, refused by key after the memory was lost ${refused}`);
		expect({ duplicated, lost, extra: [...counts.keys()].filter((key) => !expected.has(key)) }).toEqual({ duplicated: 0, lost: 0, extra: [] });
	}, 420_000);
});
