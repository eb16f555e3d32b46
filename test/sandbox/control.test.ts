// The control API under /_sandbox/ (for other processes), the seed data and the pay page.
import { SEED } from './index';
import { paymentBody, startReceiver } from './test-client';
import { useTestSandbox } from './testing';

const t = useTestSandbox({ seed: true, latencyMs: 0 });

// Control calls need no auth; a wrong key proves none is checked.
const control = { auth: 'not-the-key' };

describe('seed data', () => {
	it('has customers with externalIds crm-…, cards, and expired registrations for the clean-up demo', async () => {
		const anna = await t.api.get('/api/v1/customer/externalId/crm-1001');
		expect(anna.body[0]).toMatchObject({ id: SEED.customers['crm-1001'], customerReference: 'LOY-1001' });
		expect((await t.api.get('/api/v1/customer/externalId/crm-1001/card')).body).toHaveLength(2);
		const now = Date.now();
		const expired = t.sb.state.customers().filter((c) => c.registrationExpiration !== null && c.registrationExpiration < now && c.registrationExpiration > 0);
		expect(expired.map((c) => c.externalId).sort()).toEqual([...SEED.expiredExternalIds]);
		expect(t.sb.state.customers().every((c) => /^crm-\d{4}$/.test(c.externalId ?? ''))).toBe(true);
		const household = await t.api.get('/api/v1/customer?customerReference=LOY-1001');
		expect(household.body.page.totalElements).toBe(2);
	});

	it('has payments to refund, an authorisation to capture or reverse, an active mandate and an order', async () => {
		expect((await t.api.post('/api/v1/refund', { reference: SEED.payments.cardSale })).body).toMatchObject({ status: 'pending', amount: 25 });
		// €100 with €30 refunded: €90 more stays under 120 %, €90.01 does not.
		expect((await t.api.post('/api/v1/refund', { reference: SEED.payments.partlyRefunded, amount: '90.01' })).body.failureCode).toBe('refund_limit');
		expect((await t.api.post('/api/v1/capture', { reference: SEED.authorisation })).body).toMatchObject({ type: 'capture', amount: 75 });
		expect((await t.api.get(`/api/v1/mandate/${SEED.mandate}`)).body.status).toBe('active');
		const mit = await t.api.post('/api/v1/payment', { amount: '9.99', currency: 'eur', method: 'card', mandateId: SEED.mandate });
		expect(mit.body.status).toBe('success');
		expect((await t.api.get(`/api/ordercompletion/reseller/order/${SEED.order.orderId}/status`)).body).toEqual({
			orderStatus: 'New',
			externalReference: SEED.order.externalReference,
		});
		const pending = await t.api.get(`/api/v1/transaction?reference=${SEED.payments.pending}`);
		expect(pending.body).toMatchObject({ status: 'pending', payUrl: `${t.sb.url}/_sandbox/pay?reference=${SEED.payments.pending}` });
	});

	it('reset brings the seed back', async () => {
		await t.api.delete('/api/v1/customer/externalId/crm-1001');
		t.sb.reset();
		expect((await t.api.get('/api/v1/customer/externalId/crm-1001')).status).toBe(200);
	});
});

describe('control API over HTTP', () => {
	it('GET/DELETE /_sandbox/log, never logging itself', async () => {
		await t.api.get('/api/v1/method');
		const log = await t.api.get('/_sandbox/log', control);
		expect(log.status).toBe(200);
		expect(log.body).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v1/method', status: 200 })]);
		expect((await t.api.delete('/_sandbox/log', control)).status).toBe(204);
		expect(t.sb.log).toEqual([]);
	});

	it('GET /_sandbox/state and POST /_sandbox/reset', async () => {
		const state = await t.api.get('/_sandbox/state', control);
		expect(Object.keys(state.body)).toEqual(['customers', 'cards', 'transactions', 'mandates', 'orders']);
		expect(state.body.customers).toHaveLength(6);
		expect(state.body.cards[0]).toHaveProperty('customerId');
		await t.api.delete('/api/v1/customer/externalId/crm-1002');
		expect((await t.api.post('/_sandbox/reset', undefined, control)).status).toBe(204);
		expect((await t.api.get('/_sandbox/state', control)).body.customers).toHaveLength(6);
	});

	it('POST/GET/DELETE /_sandbox/faults with a path as a RegExp source', async () => {
		expect((await t.api.post('/_sandbox/faults', { kind: 'status', status: 503, count: 1, match: { path: '^/api/v1/method$' } }, control)).status).toBe(204);
		expect((await t.api.get('/_sandbox/faults', control)).body).toEqual([
			{ kind: 'status', status: 503, count: 1, match: { path: '^/api/v1/method$' } },
		]);
		expect((await t.api.get('/api/v1/customer/x')).status).toBe(404);
		expect((await t.api.get('/api/v1/method')).status).toBe(503);
		await t.api.post('/_sandbox/faults', { kind: 'drop-before-apply' }, control);
		expect((await t.api.delete('/_sandbox/faults', control)).status).toBe(204);
		expect((await t.api.get('/api/v1/method')).status).toBe(200);
		const bad = await t.api.post('/_sandbox/faults', { kind: 'status', status: 404 }, control);
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatch(/status must be one of/);
		expect((await t.api.post('/_sandbox/faults', { kind: 'latency', ms: 5, match: { path: '(' } }, control)).status).toBe(400);
	});

	it('POST /_sandbox/capacity and /_sandbox/latency', async () => {
		expect((await t.api.post('/_sandbox/capacity', { ratePerSecond: 1, burst: 1, retryAfterSeconds: 2 }, control)).status).toBe(204);
		expect((await t.api.get('/_sandbox/capacity', control)).body).toEqual({ maxInFlight: null, ratePerSecond: 1, burst: 1, retryAfterSeconds: 2 });
		await t.api.get('/api/v1/method');
		const limited = await t.api.get('/api/v1/method');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBe('2');
		expect((await t.api.post('/_sandbox/capacity', { maxInFlight: 0 }, control)).status).toBe(400);
		expect((await t.api.post('/_sandbox/latency', { ms: 5 }, control)).status).toBe(204);
		expect((await t.api.post('/_sandbox/latency', { ms: 'slow' }, control)).status).toBe(400);
	});

	it('POST /_sandbox/transactions/{reference}/settle changes the status and sends the webhook', async () => {
		const hook = await startReceiver();
		try {
			const { body } = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: hook.url }));
			const res = await t.api.post(`/_sandbox/transactions/${body.reference}/settle`, { status: 'failed', failureCode: 'card_refused' }, control);
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ reference: body.reference, status: 'failed', failureCode: 'card_refused' });
			await t.sb.waitForDeliveries(1);
			const deliveries = await t.api.get('/_sandbox/deliveries', control);
			expect(deliveries.body).toEqual([expect.objectContaining({ kind: 'webhook', url: hook.url, body: { id: body.reference }, status: 200 })]);
			const again = await t.api.post(`/_sandbox/transactions/${body.reference}/settle`, { status: 'success' }, control);
			expect(again.status).toBe(409);
			expect((await t.api.post('/_sandbox/transactions/NOPE/settle', { status: 'success' }, control)).status).toBe(404);
			expect((await t.api.post(`/_sandbox/transactions/${SEED.payments.pending}/settle`, { status: 'done' }, control)).status).toBe(400);
		} finally {
			await hook.close();
		}
	});

	it('POST /_sandbox/orders/{orderId}/status', async () => {
		const res = await t.api.post(`/_sandbox/orders/${SEED.order.orderId}/status`, { status: 'Completed' }, control);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ orderId: SEED.order.orderId, orderStatus: 'Completed' });
		expect((await t.api.post('/_sandbox/orders/nope/status', { status: 'Completed' }, control)).status).toBe(404);
	});

	it('POST /_sandbox/cards links a card; POST /_sandbox/payments adds a payment fixture', async () => {
		const card = await t.api.post('/_sandbox/cards', { linkReference: 'LOY-1002', maskedPan: '4111XXXXXXXX9999' }, control);
		expect(card.status).toBe(200);
		expect(card.body).toMatchObject({ maskedPan: '4111XXXXXXXX9999', customerId: SEED.customers['crm-1002'] });
		expect((await t.api.post('/_sandbox/cards', { linkReference: 'LOY-1003' }, control)).status).toBe(409);
		expect((await t.api.post('/_sandbox/cards', { maskedPan: '4111XXXXXXXX9999' }, control)).status).toBe(400);
		const payment = await t.api.post('/_sandbox/payments', { reference: 'FIX1', amount: '12.34', method: 'ideal' }, control);
		expect(payment.body).toMatchObject({ reference: 'FIX1', amount: 12.34, method: 'ideal', status: 'success', type: 'sale' });
		expect((await t.api.post('/_sandbox/payments', { reference: 'FIX1' }, control)).status).toBe(409);
		expect((await t.api.post('/_sandbox/payments', { amount: '1.001' }, control)).status).toBe(400);
	});

	it('unknown control actions and non-JSON bodies are refused with {error}', async () => {
		const unknown = await t.api.get('/_sandbox/nothing', control);
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatch(/no control action/);
		const bad = await t.api.call('POST', '/_sandbox/latency', { raw: 'fast', ...control });
		expect(bad.status).toBe(400);
	});
});

describe('the pay page', () => {
	it('shows the payment and settles it, then sends the customer back to returnUrl', async () => {
		const { body } = await t.api.post('/api/v1/payment', paymentBody({ description: 'Order <1>' }));
		const page = await t.api.get(`/_sandbox/pay?reference=${body.reference}`, { auth: false });
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.text).toContain('EUR 25.00');
		expect(page.text).toContain('Order &#60;1&#62;');
		const pay = await t.api.call('POST', `/_sandbox/pay?reference=${body.reference}&status=success`, { auth: false });
		expect(pay.status).toBe(303);
		expect(pay.headers.location).toBe('https://shop.example/return?order=1');
		expect((await t.api.get(`/api/v1/transaction?reference=${body.reference}`)).body.status).toBe('success');
	});
});
