/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Boarding order status notifications as CCV documents them (seed 003): the notificationUrl is fixed
// at SubmitOrder, before CCV has given any order id; CCV's call carries nothing and is never retried.
// The trigger checks the orders listed in "Order IDs to Check" and outputs each verified change once.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { INodeParameters } from 'n8n-workflow';

import { orderEventKey } from '../../../../nodes/Ccv/helpers/changesEventKey';
import type { OrderStatus } from '../../../../sandbox';
import { useTestSandbox } from '../../../sandbox/testing';
import { prepareContainer } from '../../../helpers/engine/container';
import { callTrigger, credentialsFor, post } from './helpers';
import { useTriggerReceiver } from './receiver';
import type { TriggerReceiver } from './receiver';

// Default readings: SubmitOrder answers without an orderId, https:// only; the receiver is http://.
const t = useTestSandbox({ allowHttpWebhooks: true });
const receivers = useTriggerReceiver();

const TOKEN = randomBytes(16).toString('hex');
const statusPath = (orderId: string) => `/api/ordercompletion/reseller/order/${orderId}/status`;

async function listen(parameters: INodeParameters) {
	// The same object: a test changes Order IDs to Check as a user edits the trigger.
	Object.assign(parameters, { eventSource: 'orderStatus', token: TOKEN });
	return await receivers.start({ parameters, credentials: credentialsFor(t.sb) });
}

/** Order Submit as the README wires it; the order id comes from CCV, not from the answer. */
async function submit(r: TriggerReceiver, externalReference: string, notifyOnStatus: OrderStatus[]) {
	const answer = await t.api.post('/api/ordercompletion/reseller/order', {
		notifyCustomerByEmail: false,
		externalReference,
		statusNotificationInformation: { notificationUrl: `${r.url}?token=${TOKEN}`, notifyOnStatus },
		order: {},
	});
	expect(answer.status).toBe(200);
	expect(answer.body?.orderId).toBeUndefined();
	const order = t.sb.state.orders().find((o) => o.externalReference === externalReference);
	if (!order) throw new Error('the sandbox holds no such order');
	return order.orderId;
}

/** n8n's logger as the trigger's context gets it (Container.get(Logger)), to count its warnings. */
function n8nLogger(): { warn: (message: string) => void } {
	const fromCore = createRequire(require.resolve('n8n-core'));
	const { Container } = fromCore('@n8n/di') as { Container: { get(type: unknown): unknown } };
	const { Logger } = fromCore('@n8n/backend-common') as { Logger: unknown };
	return Container.get(Logger) as { warn: (message: string) => void };
}

async function move(orderId: string, status: OrderStatus, deliveries: number) {
	t.sb.setOrderStatus(orderId, status);
	return await t.sb.waitForDeliveries(deliveries);
}

describe('CCV Trigger: Boarding order status notifications', () => {
	it('outputs each verified status change of the listed orders once, from empty notifications to a URL fixed at submit', async () => {
		const parameters: INodeParameters = { orderIds: '' };
		const r = await listen(parameters);
		const orderId = await submit(r, 'SHOP-77', ['Screening', 'FulfillmentDone', 'Completed']);
		parameters.orderIds = orderId; // the user lists the order id CCV gave

		await move(orderId, 'Screening', 1);
		await move(orderId, 'New', 1); // not subscribed: CCV does not call
		await move(orderId, 'FulfillmentDone', 2);
		await move(orderId, 'Completed', 3);
		expect(await post(`${r.url}?token=${TOKEN}`, '')).toBe(200); // any later call: nothing new

		expect(t.sb.deliveries.map((d) => [d.kind, d.body, d.status])).toEqual([
			['order', '', 200],
			['order', '', 200],
			['order', '', 200],
		]);
		expect(r.emitted()).toEqual(
			(['Screening', 'FulfillmentDone', 'Completed'] as const).map((orderStatus) => ({
				orderId,
				orderStatus,
				externalReference: 'SHOP-77',
				final: orderStatus === 'Completed',
				eventKey: orderEventKey(orderId, orderStatus),
				unverified: { query: {} },
			})),
		);
		// An order output in an end state is not asked again.
		expect(t.sb.log.filter((e) => e.path === statusPath(orderId))).toHaveLength(3);
	});

	it('checks every listed order on each call and outputs only those that changed, filtered by Order Statuses', async () => {
		const parameters: INodeParameters = { orderIds: '', orderStatuses: ['Completed', 'Failed'] };
		const r = await listen(parameters);
		const a = await submit(r, 'SHOP-1', ['New', 'Completed', 'Failed', 'Screening']);
		const b = await submit(r, 'SHOP-2', ['New', 'Completed', 'Failed', 'Screening']);
		parameters.orderIds = `${a},\n${b}`;

		await move(a, 'Screening', 1);
		await move(b, 'Screening', 2);
		expect(r.emitted()).toEqual([]);
		await move(a, 'Completed', 3);
		await move(b, 'Failed', 4);

		expect(r.emitted().map((item) => [item.orderId, item.orderStatus])).toEqual([
			[a, 'Completed'],
			[b, 'Failed'],
		]);
	});

	it('answers 503 when a lookup fails and outputs the other orders; the missed change is output by the next call', async () => {
		const parameters: INodeParameters = { orderIds: '', orderStatuses: ['Completed'] };
		const r = await listen(parameters);
		const a = await submit(r, 'SHOP-A', ['Completed']);
		const b = await submit(r, 'SHOP-B', ['Completed']);
		parameters.orderIds = `${a} ${b}`;
		t.sb.faults.add({ kind: 'status', status: 500, match: { method: 'GET', path: `^${statusPath(a)}$` }, count: 3 });

		t.sb.setOrderStatus(b, 'Completed');
		const [first] = await t.sb.waitForDeliveries(1);
		t.sb.setOrderStatus(a, 'Completed');
		const [, second] = await t.sb.waitForDeliveries(2);

		expect(first.status).toBe(503);
		expect(r.calls[0].emitted?.map((item) => item.orderId)).toEqual([b]);
		expect(second.status).toBe(200);
		expect(r.emitted().map((item) => [item.orderId, item.orderStatus])).toEqual([
			[b, 'Completed'],
			[a, 'Completed'],
		]);
	});

	it('outputs nothing for orders CCV does not know or when no order is listed, and answers as for any other call', async () => {
		const parameters: INodeParameters = { orderIds: 'no-such-order' };
		const r = await listen(parameters);

		expect(await post(`${r.url}?token=${TOKEN}`, '')).toBe(200);
		parameters.orderIds = '';
		expect(await post(`${r.url}?token=${TOKEN}`, '')).toBe(200);

		expect(t.sb.log.filter((e) => e.method === 'GET').map((e) => [e.path, e.status])).toEqual([[statusPath('no-such-order'), 404]]);
		expect(r.emitted()).toEqual([]);
		expect(r.calls.map((c) => c.answer)).toEqual([{ received: true }, { received: true }]);
	});

	it('one unknown id in Order IDs to Check (404 without a field) does not make calls answer 503: the others are checked and output (issue 28 #9)', async () => {
		const parameters: INodeParameters = { orderIds: '', orderStatuses: ['Completed'] };
		const r = await listen(parameters);
		const a = await submit(r, 'SHOP-KNOWN', ['Completed']);
		parameters.orderIds = `mistyped-order-1 ${a}`;
		t.sb.faults.add({ kind: 'respond', status: 404, body: { type: 'input_error', message: 'Order not found', reference: 'a1b2c3d4' }, match: { method: 'GET', path: `^${statusPath('mistyped-order-1')}$` } });
		t.sb.setOrderStatus(a, 'Completed');
		const [first] = await t.sb.waitForDeliveries(1);
		expect(first.status).toBe(200);
		expect(r.emitted().map((item) => [item.orderId, item.orderStatus])).toEqual([[a, 'Completed']]);
		expect(await post(`${r.url}?token=${TOKEN}`, '')).toBe(200);
	});

	it('warns once per unknown order id (and credential), not on every call (issue 28 #9)', async () => {
		const parameters = { eventSource: 'orderStatus', orderIds: 'no-such-order-a, no-such-order-b' };
		prepareContainer();
		const warn = jest.spyOn(n8nLogger(), 'warn');
		try {
			for (let call = 0; call < 3; call++) expect((await callTrigger(t.sb, parameters, { body: '' })).response.statusCode).toBe(200);
			const unknown = warn.mock.calls.map(([message]) => String(message)).filter((message) => /CCV has no order/.test(message));
			expect(unknown).toEqual([expect.stringContaining('no-such-order-a'), expect.stringContaining('no-such-order-b')]);
			expect(t.sb.log.filter((e) => e.method === 'GET')).toHaveLength(6);
		} finally {
			warn.mockRestore();
		}
	});

	it('still reads an ?orderId= an earlier setup put in the URL, which CCV verifies', async () => {
		const r = await listen({});
		const orderId = await submit(r, 'SHOP-OLD', []);
		t.sb.setOrderStatus(orderId, 'Completed');

		expect(await post(`${r.url}?orderId=${orderId}&token=${TOKEN}`, '')).toBe(200);

		expect(r.emitted()).toEqual([
			{
				orderId,
				orderStatus: 'Completed',
				externalReference: 'SHOP-OLD',
				final: true,
				eventKey: orderEventKey(orderId, 'Completed'),
				unverified: { query: { orderId } },
			},
		]);
	});
});
