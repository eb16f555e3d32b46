// Boarding API (seed 003): SubmitOrder and the order status.
import { ORDER_STATUSES } from './index';
import { useTestSandbox } from './testing';

const t = useTestSandbox();

const ORDER_PATH = '/api/ordercompletion/reseller/order';

it('SubmitOrder answers 200 {orderId, externalReference, orderStatus "New"} and keeps the order', async () => {
	const order = { salesPackages: [{ name: 'PSP' }] };
	const res = await t.api.post(ORDER_PATH, {
		notifyCustomerByEmail: true,
		externalReference: '123456',
		statusNotificationInformation: { notificationUrl: 'https://t.api.integrator.nl/orderstatusCCV/', notifyOnStatus: ['Completed', 'Closed'] },
		order,
	});
	expect(res.status).toBe(200);
	expect(res.body).toEqual({ orderId: expect.stringMatching(/^[0-9a-f-]{36}$/), externalReference: '123456', orderStatus: 'New' });
	expect(t.sb.state.orders()).toEqual([
		expect.objectContaining({
			orderId: res.body.orderId,
			notifyCustomerByEmail: true,
			order,
			statusNotificationInformation: { notificationUrl: 'https://t.api.integrator.nl/orderstatusCCV/', notifyOnStatus: ['Completed', 'Closed'] },
		}),
	]);
});

it('externalReference is optional (null in the answer)', async () => {
	const res = await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, order: {} });
	expect(res.body.externalReference).toBeNull();
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
	const { body } = await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, externalReference: 'EXT-9', order: {} });
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
	const { body } = await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, order: {} });
	expect(() => t.sb.setOrderStatus(body.orderId, 'Shipped' as never)).toThrow(/status must be one of/);
	expect(() => t.sb.setOrderStatus('nope', 'Completed')).toThrow(/No order/);
});

it('uses the same Basic auth as the Payment API', async () => {
	expect((await t.api.post(ORDER_PATH, { notifyCustomerByEmail: false, order: {} }, { auth: 'wrong' })).status).toBe(401);
});
