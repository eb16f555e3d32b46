// Outgoing calls: the webhook {"id": reference}, notifications that replace it, order notifications.
import { paymentBody, startReceiver, type Receiver } from './test-client';
import { useTestSandbox } from './testing';

// The receiver is http://127.0.0.1: allowHttpWebhooks is the documented switch for that.
const t = useTestSandbox({ allowHttpWebhooks: true });
let hook: Receiver;

beforeAll(async () => {
	hook = await startReceiver();
});
afterAll(async () => {
	await hook.close();
});
/** No delivery beyond the first `n` arrives within a short while (sends are asynchronous). */
async function expectNoMoreThan(n: number): Promise<void> {
	await expect(t.sb.waitForDeliveries(n + 1, 300)).rejects.toThrow(/deliveries/);
	expect(t.sb.deliveries).toHaveLength(n);
}

beforeEach(() => {
	hook.received.length = 0;
	hook.answerWith(200);
});

describe('webhooks', () => {
	it('POSTs {"id": reference} as JSON to webhookUrl on every status change, not on creation', async () => {
		const { body } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: `${hook.url}/payhook?order=1` }));
		expect(t.sb.deliveries).toEqual([]);
		t.sb.settle(body.reference, 'manualintervention');
		t.sb.settle(body.reference, 'success');
		const deliveries = await t.sb.waitForDeliveries(2);
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(deliveries[0]).toMatchObject({ kind: 'webhook', url: `${hook.url}/payhook?order=1`, body: { id: body.reference } });
		expect(hook.received).toHaveLength(2);
		expect(hook.received[0]).toMatchObject({ method: 'POST', path: '/payhook?order=1', body: JSON.stringify({ id: body.reference }) });
		expect(hook.received[0].headers['content-type']).toBe('application/json');
		await expectNoMoreThan(2);
	});

	it('sends nothing when the status does not change, or without a webhookUrl', async () => {
		const { body: withHook } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: hook.url }));
		const { body: without } = await t.api.post('/api/v1/payment', paymentBody());
		t.sb.settle(without.reference, 'success');
		t.sb.settle(withHook.reference, 'failed');
		t.sb.settle(withHook.reference, 'failed');
		await t.sb.waitForDeliveries(1);
		await expectNoMoreThan(1);
	});

	it('fires for refunds, captures and reversals, and for a mandate payment that succeeds at once', async () => {
		t.sb.addPayment({ reference: 'PAY1' });
		const { body: refund } = await t.api.post('/api/v1/refund', { reference: 'PAY1', webhookUrl: `${hook.url}/refund` });
		t.sb.settle(refund.reference, 'success');
		const { body: first } = await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'yes' }));
		t.sb.settle(first.reference, 'success');
		const { body: mit } = await t.api.post('/api/v1/payment', {
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			mandateId: first.details.mandateId,
			webhookUrl: `${hook.url}/mit`,
		});
		const deliveries = await t.sb.waitForDeliveries(2);
		expect(deliveries.map((d) => [d.url, (d.body as { id: string }).id]).sort()).toEqual(
			[
				[`${hook.url}/mit`, mit.reference],
				[`${hook.url}/refund`, refund.reference],
			].sort(),
		);
	});

	it('records a failed delivery with its error and never retries', async () => {
		const { body } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: 'http://127.0.0.1:1/unreachable' }));
		t.sb.settle(body.reference, 'success');
		const [delivery] = await t.sb.waitForDeliveries(1);
		expect(delivery.status).toBeUndefined();
		expect(delivery.error).toEqual(expect.any(String));
		hook.answerWith(500);
		const { body: other } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: hook.url }));
		t.sb.settle(other.reference, 'success');
		const deliveries = await t.sb.waitForDeliveries(2);
		expect(deliveries[1].status).toBe(500);
		expect(hook.received).toHaveLength(1);
	});

	it('strict default: an http:// webhookUrl is accepted (seed 004:467 "We do not validate this url") but never called', async () => {
		t.sb.readings.set({ allowHttpWebhooks: false });
		const { body } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: `${hook.url}/payhook` }));
		t.sb.settle(body.reference, 'success');
		const [delivery] = await t.sb.waitForDeliveries(1);
		expect(delivery).toMatchObject({ kind: 'webhook', error: expect.stringMatching(/https/) });
		expect(hook.received).toEqual([]);
	});

	it('httpWebhookUrl refused: an http:// webhookUrl or notification url is 400 input_error on its field', async () => {
		t.sb.readings.set({ allowHttpWebhooks: false, httpWebhookUrl: 'refused' });
		const res = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: 'http://shop.example/hook' }));
		expect([res.status, res.body.field]).toEqual([400, 'webhookUrl']);
		t.sb.addPayment({ reference: 'PAY1' });
		const refund = await t.api.post('/api/v1/refund', { reference: 'PAY1', notificationRequests: { url: 'http://shop.example/n' } });
		expect([refund.status, refund.body.field]).toEqual([400, 'notificationRequests.url']);
		expect((await t.api.post('/api/v1/refund', { reference: 'PAY1', webhookUrl: 'https://shop.example/hook' })).status).toBe(200);
	});

	it('a URL that is not a URL is recorded as failed, not thrown', async () => {
		const { body } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: 'not a url' }));
		expect(() => t.sb.settle(body.reference, 'success')).not.toThrow();
		const [delivery] = await t.sb.waitForDeliveries(1);
		expect(delivery.error).toEqual(expect.any(String));
	});
});

describe('notifications', () => {
	it('notificationRequests is "An object" (seed 004:470): {url, events?}; StatusChanged replaces the webhook', async () => {
		const { body } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: `${hook.url}/webhook`, notificationRequests: { url: `${hook.url}/n` } }));
		t.sb.settle(body.reference, 'success');
		const [delivery] = await t.sb.waitForDeliveries(1);
		expect(delivery).toMatchObject({ kind: 'notification', url: `${hook.url}/n`, body: { eventType: 'StatusChanged', data: { status: 'success' } } });
		await expectNoMoreThan(1);
	});

	it('notificationRequests array reading: each entry is a subscription', async () => {
		t.sb.readings.set({ notificationRequests: 'array' });
		const { body } = await t.api.post(
			'/api/v1/payment',
			paymentBody({
				webhookUrl: `${hook.url}/webhook`,
				notificationRequests: [{ url: `${hook.url}/n1` }, { url: `${hook.url}/n2`, events: ['StatusChanged', 'MandateUpdated'] }],
			}),
		);
		const before = Date.now();
		t.sb.settle(body.reference, 'success');
		const deliveries = await t.sb.waitForDeliveries(2);
		expect(deliveries.map((d) => d.kind)).toEqual(['notification', 'notification']);
		expect(deliveries.map((d) => d.url).sort()).toEqual([`${hook.url}/n1`, `${hook.url}/n2`]);
		expect(hook.received.map((r) => r.path).sort()).toEqual(['/n1', '/n2']);
		const payload = JSON.parse(hook.received[0].body);
		expect(payload).toEqual({
			notificationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			eventType: 'StatusChanged',
			reference: body.reference,
			created: expect.any(Number),
			data: { status: 'success' },
		});
		expect(payload.created).toBeGreaterThanOrEqual(before);
		expect(hook.received[0].headers['content-type']).toBe('application/json');
	});

	it('reading notificationsReplaceWebhook status-changed: without StatusChanged among the events, the webhook still fires', async () => {
		t.sb.readings.set({ notificationsReplaceWebhook: 'status-changed' });
		const { body } = await t.api.post(
			'/api/v1/payment',
			paymentBody({ webhookUrl: `${hook.url}/webhook`, notificationRequests: { url: `${hook.url}/n`, events: ['MandateUpdated'] } }),
		);
		t.sb.settle(body.reference, 'failed');
		const [delivery] = await t.sb.waitForDeliveries(1);
		expect(delivery).toMatchObject({ kind: 'webhook', url: `${hook.url}/webhook`, body: { id: body.reference } });
	});

	it('only the reading\'s shape is accepted: an array under "object", an object under "array"; unknown events refused', async () => {
		const res = await t.api.post('/api/v1/payment', paymentBody({ notificationRequests: [{ url: hook.url }] }));
		expect([res.status, res.body.field]).toEqual([400, 'notificationRequests']);
		const noUrl = await t.api.post('/api/v1/refund', { reference: 'X', notificationRequests: { events: ['StatusChanged'] } });
		expect(noUrl.body.field).toBe('notificationRequests.url');
		const unknown = await t.api.post('/api/v1/payment', paymentBody({ notificationRequests: { url: hook.url, events: ['Paid'] } }));
		expect(unknown.body.field).toBe('notificationRequests.events[0]');
		t.sb.readings.set({ notificationRequests: 'array' });
		const object = await t.api.post('/api/v1/payment', paymentBody({ notificationRequests: { url: hook.url } }));
		expect([object.status, object.body.field]).toEqual([400, 'notificationRequests']);
		const noUrlArray = await t.api.post('/api/v1/refund', { reference: 'X', notificationRequests: [{ events: ['StatusChanged'] }] });
		expect(noUrlArray.body.field).toBe('notificationRequests[0].url');
	});

	it('models events besides StatusChanged: AuthenticationStarted/Completed, MandateUpdated, MandateUsed', async () => {
		const all = ['StatusChanged', 'AuthenticationStarted', 'AuthenticationCompleted', 'MandateUpdated', 'MandateUsed'];
		const { body: first } = await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'yes', notificationRequests: { url: `${hook.url}/first`, events: all } }));
		t.sb.settle(first.reference, 'success');
		const firstEvents = await t.sb.waitForDeliveries(4);
		expect(firstEvents.map((d) => (d.body as { eventType: string }).eventType)).toEqual([
			'AuthenticationStarted',
			'AuthenticationCompleted',
			'MandateUpdated',
			'StatusChanged',
		]);
		expect(firstEvents[2].body).toMatchObject({ data: { mandateId: first.details.mandateId, status: 'active' } });
		const { body: mit } = await t.api.post('/api/v1/payment', {
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			mandateId: first.details.mandateId,
			notificationRequests: { url: `${hook.url}/mit`, events: all },
		});
		const mitEvents = (await t.sb.waitForDeliveries(6)).slice(4);
		expect(mitEvents.map((d) => [(d.body as { eventType: string }).eventType, (d.body as { reference: string }).reference])).toEqual([
			['MandateUsed', mit.reference],
			['StatusChanged', mit.reference],
		]);
	});
});

describe('order notifications', () => {
	it('an empty-bodied POST to notificationUrl, once per subscribed status, never for others', async () => {
		await t.api.post('/api/ordercompletion/reseller/order', {
			notifyCustomerByEmail: true,
			externalReference: '123456',
			statusNotificationInformation: { notificationUrl: `${hook.url}/orderstatus/123456`, notifyOnStatus: ['Completed', 'Canceled'] },
			order: {},
		});
		const [{ orderId }] = t.sb.ordersByExternalReference('123456');
		const body = { orderId };
		t.sb.setOrderStatus(body.orderId, 'Processing');
		t.sb.setOrderStatus(body.orderId, 'Completed');
		t.sb.setOrderStatus(body.orderId, 'Completed');
		const [delivery] = await t.sb.waitForDeliveries(1);
		expect(delivery).toMatchObject({ kind: 'order', url: `${hook.url}/orderstatus/123456`, body: '', status: 200 });
		expect(hook.received).toEqual([expect.objectContaining({ method: 'POST', path: '/orderstatus/123456', body: '' })]);
		expect(hook.received[0].headers['content-length']).toBe('0');
		await expectNoMoreThan(1);
		t.sb.setOrderStatus(body.orderId, 'Canceled');
		await t.sb.waitForDeliveries(2);
		await expectNoMoreThan(2);
	});

	it('is sent once even when the receiver fails', async () => {
		hook.answerWith(503);
		t.sb.readings.set({ submitOrderAnswer: 'with-orderId' });
		const { body } = await t.api.post('/api/ordercompletion/reseller/order', {
			notifyCustomerByEmail: false,
			statusNotificationInformation: { notificationUrl: hook.url, notifyOnStatus: ['Failed'] },
			order: {},
		});
		t.sb.setOrderStatus(body.orderId, 'Failed');
		const [delivery] = await t.sb.waitForDeliveries(1);
		expect(delivery.status).toBe(503);
		expect(hook.received).toHaveLength(1);
	});
});

it('waitForDeliveries rejects when too few arrive in time', async () => {
	await expect(t.sb.waitForDeliveries(1, 50)).rejects.toThrow(/expected 1 deliveries/);
});
