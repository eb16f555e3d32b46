// The control API under /_sandbox/ (for other processes), the seed data and the pay page.
import { SEED } from '../../sandbox/index';
import { paymentBody, startReceiver } from './test-client';
import { useTestSandbox } from './testing';

const t = useTestSandbox({ seed: true, latencyMs: 0, allowHttpWebhooks: true });

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
		expect((await t.api.post('/api/v1/refund', { reference: SEED.payments.cardSale })).body).toMatchObject({ status: 'PENDING', amount: 25 });
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

	it('has the awkward documented values: null and maximal registrationExpiration, served as exact digits', async () => {
		const nullOne = await t.api.get('/api/v1/customer/externalId/crm-1007');
		expect(nullOne.body[0]).toMatchObject({ registrationExpiration: null });
		const res = await t.api.call('GET', '/api/v1/customer/externalId/crm-1008', { auth: t.sb.apiKey });
		expect(res.body[0].registrationExpiration).toBe(9223372036854775807n);
		// The JSON text carries the digits (a plain JSON.parse would read 9223372036854775808).
		expect(t.sb.log.at(-1)?.responseBody).toEqual([expect.objectContaining({ registrationExpiration: 9223372036854775807n })]);
		for (const externalId of ['crm-1001', 'crm-1002', 'crm-1003', 'crm-1005', 'crm-1007', 'crm-1008']) {
			expect((await t.api.get(`/api/v1/customer/externalId/${externalId}/card`)).status).toBe(200);
		}
		// Linking stays open for both: null = no expiry, the maximum = until further notice.
		expect(t.sb.linkCard('LOY-1007').customerId).toBe(SEED.customers['crm-1007']);
		expect(t.sb.linkCard('LOY-1008').customerId).toBe(SEED.customers['crm-1008']);
	});

	it('has a payment whose refund fails unsufficient_balance with the balance object (seed 002:496-507)', async () => {
		const res = await t.api.post('/api/v1/refund', { reference: SEED.payments.lowBalance });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			type: 'process_error',
			message: expect.stringContaining('DENIED'),
			reference: expect.any(String),
			failureCode: 'unsufficient_balance',
			balance: { creditAmount: 0.35, debitAmount: 1.7, total: 1.35 },
		});
		expect((await t.api.post('/api/v1/refund', { reference: SEED.payments.lowBalance, amount: '1.35' })).status).toBe(200);
	});

	it('has a cancelled payment with cancelledBy, a manualintervention, a vault token transaction and a landing page with its child', async () => {
		const get = async (reference: string) => (await t.api.get(`/api/v1/transaction?reference=${reference}`)).body;
		expect(await get(SEED.payments.cancelled)).toMatchObject({ status: 'failed', failureCode: 'cancelled', cancelledBy: 'customer' });
		expect(await get(SEED.payments.manualIntervention)).toMatchObject({ status: 'manualintervention' });
		expect(await get(SEED.vault.reference)).toMatchObject({
			type: 'token',
			method: 'vault',
			status: 'success',
			details: { vaultAccessToken: SEED.vault.accessToken, initialTransactionId: SEED.vault.initialTransactionId },
		});
		const mit = await t.api.post('/api/v1/payment', {
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			details: { vaultAccessToken: SEED.vault.accessToken, initialTransactionId: SEED.vault.initialTransactionId },
			sequenceInfo: { type: 'UNSCHEDULED', mode: 'SUBSEQUENT', source: 'MIT' },
		});
		expect(mit.body.status).toBe('success');
		expect((await t.api.post('/api/v1/refund', { reference: SEED.vault.reference })).body.failureCode).toBe('processing_error');
		expect(await get(SEED.payments.landingPage)).toMatchObject({ method: 'landingpage', details: { childReference: SEED.payments.landingPageChild } });
		expect(await get(SEED.payments.landingPageChild)).toMatchObject({ method: 'card', details: { parentReference: SEED.payments.landingPage } });
		expect((await t.api.post('/api/v1/refund', { reference: SEED.payments.landingPage })).body.failureCode).toBe('processing_error');
		expect((await t.api.post('/api/v1/refund', { reference: SEED.payments.landingPageChild })).status).toBe(200);
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
		expect(state.body.customers).toHaveLength(8);
		expect(state.body.cards[0]).toHaveProperty('customerId');
		await t.api.delete('/api/v1/customer/externalId/crm-1002');
		expect((await t.api.post('/_sandbox/reset', undefined, control)).status).toBe(204);
		expect((await t.api.get('/_sandbox/state', control)).body.customers).toHaveLength(8);
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

	it('GET/POST /_sandbox/readings: read, change (checked), and reset restores the start options', async () => {
		expect((await t.api.get('/_sandbox/readings', control)).body).toMatchObject({ invalidUrlBody: 'json', allowHttpWebhooks: true, statusCase: 'as-documented' });
		const set = await t.api.post('/_sandbox/readings', { statusCase: 'upper', listPageSize: 2 }, control);
		expect(set.body).toMatchObject({ statusCase: 'upper', listPageSize: 2 });
		expect((await t.api.get(`/api/v1/transaction?reference=${SEED.payments.pending}`)).body.status).toBe('PENDING');
		const bad = await t.api.post('/_sandbox/readings', { statusCase: 'mixed' }, control);
		expect([bad.status, bad.body.error]).toEqual([400, expect.stringContaining('statusCase must be one of')]);
		expect((await t.api.post('/_sandbox/readings', { noSuch: 1 }, control)).status).toBe(400);
		t.sb.reset();
		expect(t.sb.readings.get().statusCase).toBe('as-documented');
	});

	it('POST /_sandbox/transactions/{reference}/events sends any documented event to its subscribers', async () => {
		const hook = await startReceiver();
		try {
			const { body } = await t.api.post('/api/v1/payment', paymentBody({ notificationRequests: { url: hook.url, events: ['TerminalMessageUpdate'] } }));
			const res = await t.api.post(`/_sandbox/transactions/${body.reference}/events`, { eventType: 'TerminalMessageUpdate', data: { message: 'waiting for PIN' } }, control);
			expect(res.body).toEqual({ sent: 1 });
			const [delivery] = await t.sb.waitForDeliveries(1);
			expect(delivery.body).toMatchObject({ eventType: 'TerminalMessageUpdate', reference: body.reference, data: { message: 'waiting for PIN' } });
			expect((await t.api.post(`/_sandbox/transactions/${body.reference}/events`, { eventType: 'Nope' }, control)).status).toBe(400);
		} finally {
			await hook.close();
		}
	});

	it('POST /_sandbox/balances sets or removes a method balance; settle takes cancelledBy', async () => {
		t.sb.addPayment({ reference: 'IDEAL1', method: 'ideal', amount: '10.00' });
		expect((await t.api.post('/_sandbox/balances', { method: 'ideal', creditAmount: 1, debitAmount: 0, total: 1 }, control)).status).toBe(204);
		expect((await t.api.post('/api/v1/refund', { reference: 'IDEAL1' })).body.failureCode).toBe('unsufficient_balance');
		await t.api.post('/_sandbox/balances', { method: 'ideal' }, control);
		expect((await t.api.post('/api/v1/refund', { reference: 'IDEAL1' })).status).toBe(200);
		const cancelled = await t.api.post(`/_sandbox/transactions/${SEED.payments.pending}/settle`, { status: 'failed', failureCode: 'cancelled', cancelledBy: 'merchant' }, control);
		expect(cancelled.body).toMatchObject({ failureCode: 'cancelled', cancelledBy: 'merchant' });
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
