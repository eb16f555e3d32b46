// Reconciliation in a real n8n 2.41.1 (one process, SQLite): ONE workflow run again and again with
// `n8n execute` (mode "cli", which saves static data as a Schedule Trigger's runs do). Transaction >
// Get Many (pending) and Order > Get Status with Output Only Changes output each status change once;
// between runs the sandbox settles a payment and moves an order.
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { Client } from '../sandbox/test-client';
import { buildWorkflow, ccvCredential, createN8n, nodeItems, removeAllTempDirs, setupRuntime } from './harness';
import type { N8nInstance, N8nRun, Workflow } from './harness';

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
