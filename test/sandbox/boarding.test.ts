// Boarding API (seed 003): SubmitOrder and the order status.
import { ORDER_STATUSES } from '../../sandbox/index';
import { useTestSandbox } from './testing';

const t = useTestSandbox();

const ORDER_PATH = '/api/ordercompletion/reseller/order';

/** The order just submitted: SubmitOrder's answer names no orderId by default, so look it up. */
const lastOrderId = () => t.sb.state.orders().at(-1)?.orderId as string;

it('SubmitOrder answers 200 without a body by default (seed 003:438-446 give codes only; REFERENCE §12: body UNCONFIRMED) and keeps the order', async () => {
	const order = { salesPackages: [{ name: 'PSP' }] };
	const res = await t.api.post(ORDER_PATH, {
		notifyCustomerByEmail: true,
		externalReference: '123456',
		statusNotificationInformation: { notificationUrl: 'https://t.api.integrator.nl/orderstatusCCV/', notifyOnStatus: ['Completed', 'Closed'] },
		order,
	});
	expect(res.status).toBe(200);
	expect(res.body).toBeUndefined();
	expect(t.sb.log.at(-1)?.responseBody).toBeUndefined();
	expect(t.sb.state.orders()).toEqual([
		expect.objectContaining({
			orderId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			notifyCustomerByEmail: true,
			order,
			statusNotificationInformation: { notificationUrl: 'https://t.api.integrator.nl/orderstatusCCV/', notifyOnStatus: ['Completed', 'Closed'] },
		}),
	]);
});

it('externalReference is optional (null in the status answer)', async () => {
	const res = await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, order: {} });
	expect(res.status).toBe(200);
	expect((await t.api.get(`${ORDER_PATH}/${lastOrderId()}/status`)).body.externalReference).toBeNull();
});

it('requires notifyCustomerByEmail as a boolean and order as an object', async () => {
	const res = await t.api.post(ORDER_PATH, {});
	expect(res.status).toBe(400);
	expect(res.body).toMatchObject({ type: 'input_error', field: 'notifyCustomerByEmail' });
	expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['notifyCustomerByEmail', 'order']);
	const wrongTypes = await t.api.post(ORDER_PATH, { notifyCustomerByEmail: 'yes', order: [] });
	expect(wrongTypes.body.fields).toEqual([
		{ field: 'notifyCustomerByEmail', message: 'must be a boolean' },
		{ field: 'order', message: 'must be an object' },
	]);
});

it('accepts only the documented statuses in notifyOnStatus', async () => {
	const res = await t.api.post(ORDER_PATH, {
		notifyCustomerByEmail: false,
		statusNotificationInformation: { notificationUrl: 'https://x', notifyOnStatus: ['Completed', 'Shipped'] },
		order: {},
	});
	expect(res.status).toBe(400);
	expect(res.body.field).toBe('statusNotificationInformation.notifyOnStatus[1]');
});

it('GET .../order/{orderId}/status answers {orderStatus, externalReference}, or 404', async () => {
	await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, externalReference: 'EXT-9', order: {} });
	const [{ orderId }] = t.sb.ordersByExternalReference('EXT-9');
	const body = { orderId };
	const res = await t.api.get(`${ORDER_PATH}/${body.orderId}/status`);
	expect(res.status).toBe(200);
	expect(res.body).toEqual({ orderStatus: 'New', externalReference: 'EXT-9' });
	t.sb.setOrderStatus(body.orderId, 'FulfillmentDone');
	expect((await t.api.get(`${ORDER_PATH}/${body.orderId}/status`)).body.orderStatus).toBe('FulfillmentDone');
	const missing = await t.api.get(`${ORDER_PATH}/00000000-0000-4000-8000-000000000000/status`);
	expect(missing.status).toBe(404);
	expect(missing.body).toMatchObject({ type: 'input_error', message: 'Order not found' });
});

it('setOrderStatus knows the twelve documented statuses and refuses others', async () => {
	expect(ORDER_STATUSES).toHaveLength(12);
	await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, order: {} });
	expect(() => t.sb.setOrderStatus(lastOrderId(), 'Shipped' as never)).toThrow(/status must be one of/);
	expect(() => t.sb.setOrderStatus('nope', 'Completed')).toThrow(/No order/);
});

it('uses the same Basic auth as the Payment API', async () => {
	expect((await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, order: {} }, { auth: 'wrong' })).status).toBe(401);
});

describe('readings', () => {
	const submit = () => t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, externalReference: 'R-1', order: {} });

	it('submitOrderAnswer: without-orderId answers {externalReference, orderStatus}; with-orderId adds the id', async () => {
		t.sb.readings.set({ submitOrderAnswer: 'without-orderId' });
		const without = await submit();
		expect(without.body).toEqual({ externalReference: 'R-1', orderStatus: 'New' });
		t.sb.readings.set({ submitOrderAnswer: 'with-orderId' });
		const withId = await submit();
		expect(withId.body).toEqual({ orderId: lastOrderId(), externalReference: 'R-1', orderStatus: 'New' });
	});

	it('an http:// notificationUrl is refused (seed 003:399), unless allowHttpWebhooks', async () => {
		const body = {
			notifyCustomerByEmail: false,
			statusNotificationInformation: { notificationUrl: 'http://integrator.example/status', notifyOnStatus: ['Completed'] },
			order: {},
		};
		const refused = await t.api.post(ORDER_PATH, body);
		expect([refused.status, refused.body.field]).toEqual([400, 'statusNotificationInformation.notificationUrl']);
		t.sb.readings.set({ allowHttpWebhooks: true });
		expect((await t.api.post(ORDER_PATH, body)).status).toBe(200);
	});

	it('the control API finds orders by externalReference', async () => {
		await submit();
		const found = await t.api.get('/_sandbox/orders?externalReference=R-1');
		expect(found.body).toEqual([expect.objectContaining({ orderId: lastOrderId(), externalReference: 'R-1' })]);
		expect((await t.api.get('/_sandbox/orders?externalReference=none')).body).toEqual([]);
	});
});
