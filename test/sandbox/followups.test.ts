// Refunds (seed 004), captures and reversals (REFERENCE §8): validation, limits, failure codes.
import { DEFAULT_READINGS } from '../../sandbox/index';
import { useTestSandbox } from './testing';

const t = useTestSandbox();

describe('POST /api/v1/refund', () => {
	beforeEach(() => {
		t.sb.addPayment({ reference: 'PAY1', amount: '100.00', description: 'Order 1', merchantOrderReference: 'ORDER-1', metadata: 'm' });
	});

	it('refunds the full amount by default: 200 refund object, PENDING as seed 004:564 writes it, echoing the payment', async () => {
		const res = await t.api.post('/api/v1/refund', { reference: 'PAY1' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			type: 'refund',
			status: 'PENDING',
			amount: 100,
			currency: 'eur',
			method: 'card',
			brand: 'visa',
			language: 'eng',
			metadata: 'm',
			description: 'Order 1',
			merchantOrderReference: 'ORDER-1',
			originalReference: 'PAY1',
			reference: expect.stringMatching(/^C\d{15}[0-9A-F]{8}\.[A-Z0-9]$/),
		});
	});

	it('takes amount, description and merchantOrderReference from the request', async () => {
		const res = await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: 12.5, description: 'damaged', merchantOrderReference: 'RMA-7' });
		expect(res.body).toMatchObject({ amount: 12.5, description: 'damaged', merchantOrderReference: 'RMA-7' });
	});

	it('caps the refund total at 120 % of the original: refund_limit, counting pending and successful refunds', async () => {
		expect((await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '100.00' })).status).toBe(200);
		const failed = await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '10.00' });
		t.sb.settle(failed.body.reference, 'failed');
		expect((await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '20.00' })).status).toBe(200);
		const over = await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '0.01' });
		expect(over.status).toBe(400);
		expect(over.body).toMatchObject({ type: 'process_error', failureCode: 'refund_limit', reference: expect.any(String) });
		expect(over.body.message).toContain('PAY1');
	});

	it('an unknown payment reference: 400 unknown_reference', async () => {
		const res = await t.api.post('/api/v1/refund', { reference: 'NOPE' });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ type: 'process_error', failureCode: 'unknown_reference' });
	});

	it('validates reference (required, ≤255), amount (≤12 digits, 2 decimals), description and webhookUrl', async () => {
		const res = await t.api.post('/api/v1/refund', {
			amount: '1.001',
			description: 'd'.repeat(256),
			webhookUrl: `https://x/${'w'.repeat(2000)}`,
		});
		expect(res.status).toBe(400);
		expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['reference', 'amount', 'description', 'webhookUrl']);
		expect((await t.api.post('/api/v1/refund', { reference: 'R'.repeat(256) })).body.field).toBe('reference');
		expect((await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '1234567890.123' })).body.field).toBe('amount');
	});

	it('refuses refunds of pending payments, authorisations and landingpage payments', async () => {
		t.sb.addPayment({ reference: 'PEND', status: 'pending' });
		t.sb.addPayment({ reference: 'AUTH', type: 'authorise' });
		t.sb.addPayment({ reference: 'LAND', method: 'landingpage' });
		for (const reference of ['PEND', 'AUTH', 'LAND']) {
			const res = await t.api.post('/api/v1/refund', { reference });
			expect(res.status).toBe(400);
			expect(res.body).toMatchObject({ type: 'process_error', failureCode: 'processing_error' });
		}
	});

	it('terminal refunds need terminalId, managementSystemId, accessProtocol (and merchantLanguage when ATTENDED)', async () => {
		t.sb.addPayment({ reference: 'TERM', method: 'terminal' });
		const missing = await t.api.post('/api/v1/refund', { reference: 'TERM', details: { operatingEnvironment: 'ATTENDED' } });
		expect(missing.status).toBe(400);
		expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual([
			'details.terminalId',
			'details.managementSystemId',
			'details.accessProtocol',
			'details.merchantLanguage',
		]);
		const ok = await t.api.post('/api/v1/refund', {
			reference: 'TERM',
			returnUrl: 'https://pos.example/done',
			details: { terminalId: '1234536', managementSystemId: '000103030', accessProtocol: 'OPI_NL' },
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ returnUrl: 'https://pos.example/done', payUrl: expect.stringContaining('/_sandbox/pay?reference=') });
	});

	// Issue 28 #3: SoftPOS details "are required when refunding a payment which was made using the method
	// softpos" (seed 004:514), though both their fields are optional (004:518-519): an empty object is enough.
	it('a softpos refund without details is refused (004:514); with empty details it is accepted', async () => {
		t.sb.addPayment({ reference: 'SOFT0', method: 'softpos' });
		const missing = await t.api.post('/api/v1/refund', { reference: 'SOFT0' });
		expect([missing.status, missing.body.type, missing.body.field]).toEqual([400, 'input_error', 'details']);
		expect(t.sb.state.transactions().filter((tx) => tx.type === 'refund')).toHaveLength(0);
		expect((await t.api.post('/api/v1/refund', { reference: 'SOFT0', details: {} })).status).toBe(200);
	});

	// Issue 28 #15: "The status may already be success (iDEAL example) or pending" (REFERENCE §8).
	it('refundAnswer success: the refund is answered success at once (default pending)', async () => {
		t.sb.readings.set({ refundAnswer: 'success' });
		const res = await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '5.00' });
		expect([res.status, res.body.type, res.body.status]).toEqual([200, 'refund', expect.stringMatching(/^success$/i)]);
		const [stored] = t.sb.state.transactions().filter((tx) => tx.type === 'refund');
		expect(stored).toMatchObject({ reference: res.body.reference, status: 'success' });
		expect(DEFAULT_READINGS.refundAnswer).toBe('pending');
	});

	it('softpos refund details: terminalId ≤ 20, cardPresent true/false', async () => {
		t.sb.addPayment({ reference: 'SOFT', method: 'softpos' });
		const bad = await t.api.post('/api/v1/refund', { reference: 'SOFT', details: { terminalId: 'T'.repeat(21), cardPresent: 'maybe' } });
		expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['details.terminalId', 'details.cardPresent']);
		expect((await t.api.post('/api/v1/refund', { reference: 'SOFT', details: { cardPresent: 'false' } })).status).toBe(200);
	});

	it('payout instructions: required when the payment has them, and they must add up to the refund amount', async () => {
		t.sb.addPayment({ reference: 'SPLIT', amount: 20, payoutInstructions: [{ externalReference: 'A', amount: 15 }, { externalReference: 'B', amount: 5 }] });
		expect((await t.api.post('/api/v1/refund', { reference: 'SPLIT' })).body.field).toBe('payoutInstructions');
		const mismatch = await t.api.post('/api/v1/refund', { reference: 'SPLIT', amount: '5.00', payoutInstructions: [{ externalReference: 'A', amount: 4 }] });
		expect(mismatch.status).toBe(400);
		expect(mismatch.body.field).toBe('payoutInstructions');
		const ok = await t.api.post('/api/v1/refund', { reference: 'SPLIT', amount: '5.00', payoutInstructions: [{ externalReference: 'A', amount: '5.00' }] });
		expect(ok.status).toBe(200);
		expect(ok.body.payoutInstructions).toEqual([{ externalReference: 'A', amount: 5 }]);
	});
});

describe('POST /api/v1/capture', () => {
	beforeEach(() => {
		t.sb.addPayment({ reference: 'AUTH', type: 'authorise', amount: '75.00' });
	});

	it('captures the open amount by default, partially when asked', async () => {
		const part = await t.api.post('/api/v1/capture', { reference: 'AUTH', amount: '25.00' });
		expect(part.status).toBe(200);
		expect(part.body).toMatchObject({ type: 'capture', status: 'pending', amount: 25, originalReference: 'AUTH' });
		const rest = await t.api.post('/api/v1/capture', { reference: 'AUTH' });
		expect(rest.body.amount).toBe(50);
		const again = await t.api.post('/api/v1/capture', { reference: 'AUTH' });
		expect(again.body).toMatchObject({ type: 'process_error', failureCode: 'duplicate_request' });
	});

	it('refuses more than the open amount, non-authorisations and unknown references', async () => {
		expect((await t.api.post('/api/v1/capture', { reference: 'AUTH', amount: '75.01' })).body.failureCode).toBe('amount_limit_exceeded');
		t.sb.addPayment({ reference: 'SALE' });
		expect((await t.api.post('/api/v1/capture', { reference: 'SALE' })).body.failureCode).toBe('processing_error');
		expect((await t.api.post('/api/v1/capture', { reference: 'NOPE' })).body.failureCode).toBe('unknown_reference');
		expect((await t.api.post('/api/v1/capture', {})).body).toMatchObject({ type: 'input_error', field: 'reference' });
	});

	it('a successful capture can be refunded', async () => {
		const { body: capture } = await t.api.post('/api/v1/capture', { reference: 'AUTH' });
		t.sb.settle(capture.reference, 'success');
		expect((await t.api.post('/api/v1/refund', { reference: capture.reference, amount: '10.00' })).status).toBe(200);
	});
});

describe('POST /api/v1/reversal', () => {
	beforeEach(() => {
		t.sb.addPayment({ reference: 'AUTH', type: 'authorise', amount: '75.00' });
	});

	it('reverses an authorisation once; a second reversal is duplicate_request, also while the first is pending', async () => {
		const first = await t.api.post('/api/v1/reversal', { reference: 'AUTH', description: 'cancelled order' });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ type: 'reversal', status: 'pending', amount: 75, originalReference: 'AUTH', description: 'cancelled order' });
		const second = await t.api.post('/api/v1/reversal', { reference: 'AUTH' });
		expect(second.status).toBe(400);
		expect(second.body).toMatchObject({ type: 'process_error', failureCode: 'duplicate_request' });
		t.sb.settle(first.body.reference, 'success');
		expect((await t.api.post('/api/v1/reversal', { reference: 'AUTH' })).body.failureCode).toBe('duplicate_request');
		expect((await t.api.post('/api/v1/capture', { reference: 'AUTH' })).body.failureCode).toBe('processing_error');
	});

	it('allows a new reversal after a failed one', async () => {
		const first = await t.api.post('/api/v1/reversal', { reference: 'AUTH' });
		t.sb.settle(first.body.reference, 'failed');
		expect((await t.api.post('/api/v1/reversal', { reference: 'AUTH' })).status).toBe(200);
	});

	it('refuses sales of online methods and unknown references; allows terminal sales', async () => {
		t.sb.addPayment({ reference: 'SALE' });
		t.sb.addPayment({ reference: 'TSALE', method: 'terminal' });
		expect((await t.api.post('/api/v1/reversal', { reference: 'SALE' })).body.failureCode).toBe('processing_error');
		expect((await t.api.post('/api/v1/reversal', { reference: 'NOPE' })).body.failureCode).toBe('unknown_reference');
		expect((await t.api.post('/api/v1/reversal', { reference: 'TSALE' })).status).toBe(200);
	});
});
