// Idempotency-Reference on payment, capture, refund and reversal (REFERENCE §4 + our README's choices).
import { paymentBody } from './test-client';
import { useTestSandbox } from './testing';

const t = useTestSandbox();
beforeEach(() => {
	t.sb.addPayment({ reference: 'PAY1', amount: 100 });
	t.sb.addPayment({ reference: 'AUTH', type: 'authorise', amount: 50 });
});

const key = (value: string) => ({ headers: { 'Idempotency-Reference': value } });

describe.each([
	['/api/v1/payment', () => paymentBody()],
	['/api/v1/refund', () => ({ reference: 'PAY1', amount: '10.00' })],
	['/api/v1/capture', () => ({ reference: 'AUTH', amount: '10.00' })],
	['/api/v1/reversal', () => ({ reference: 'AUTH' })],
])('%s', (path, body) => {
	it('the same reference and body answers the first answer again and creates nothing', async () => {
		const first = await t.api.post(path, body(), key('idem-1'));
		expect(first.status).toBe(200);
		const count = t.sb.state.transactions().length;
		const again = await t.api.post(path, body(), key('idem-1'));
		expect(again.status).toBe(first.status);
		expect(again.body).toEqual(first.body);
		expect(t.sb.state.transactions()).toHaveLength(count);
	});

	it('the same reference with another body is a 400 input_error on Idempotency-Reference', async () => {
		await t.api.post(path, body(), key('idem-2'));
		const count = t.sb.state.transactions().length;
		const other = await t.api.post(path, { ...body(), description: 'something else' }, key('idem-2'));
		expect(other.status).toBe(400);
		expect(other.body).toMatchObject({ type: 'input_error', field: 'Idempotency-Reference' });
		expect(t.sb.state.transactions()).toHaveLength(count);
	});
});

it('ignores the order of keys when comparing bodies', async () => {
	const first = await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '10.00' }, key('order'));
	const again = await t.api.post('/api/v1/refund', { amount: '10.00', reference: 'PAY1' }, key('order'));
	expect(again.body).toEqual(first.body);
});

it('replays the first answer even after the transaction has moved on', async () => {
	const first = await t.api.post('/api/v1/payment', paymentBody(), key('later'));
	t.sb.settle(first.body.reference, 'success');
	const again = await t.api.post('/api/v1/payment', paymentBody(), key('later'));
	expect(again.body.status).toBe('pending');
	expect((await t.api.get(`/api/v1/transaction?reference=${first.body.reference}`)).body.status).toBe('success');
});

it('replays an error answer too (same status and body)', async () => {
	const first = await t.api.post('/api/v1/refund', { reference: 'NOPE' }, key('err'));
	t.sb.addPayment({ reference: 'NOPE' });
	const again = await t.api.post('/api/v1/refund', { reference: 'NOPE' }, key('err'));
	expect(again.status).toBe(400);
	expect(again.body).toEqual(first.body);
});

it('keeps references per operation and without a header creates every time', async () => {
	const refund = await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '1.00' }, key('shared'));
	const capture = await t.api.post('/api/v1/capture', { reference: 'AUTH', amount: '1.00' }, key('shared'));
	expect(capture.body.type).toBe('capture');
	expect(refund.body.type).toBe('refund');
	await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '1.00' });
	await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '1.00' });
	expect(t.sb.state.transactions().filter((t) => t.type === 'refund')).toHaveLength(3);
});

it('rejects a reference over 50 characters (50 is fine)', async () => {
	const long = await t.api.post('/api/v1/payment', paymentBody(), key('k'.repeat(51)));
	expect(long.status).toBe(400);
	expect(long.body).toMatchObject({ type: 'input_error', field: 'Idempotency-Reference' });
	expect(t.sb.state.transactions()).toHaveLength(2);
	expect((await t.api.post('/api/v1/payment', paymentBody(), key('k'.repeat(50)))).status).toBe(200);
});

it('does not apply to other writes', async () => {
	const customer = { customerReference: 'R', registrationExpiration: 0 };
	await t.api.post('/api/v1/customer', customer, key('c'));
	await t.api.post('/api/v1/customer', customer, key('c'));
	expect(t.sb.state.customers()).toHaveLength(2);
});
