// Payments, mandates, the vault, methods and transaction reads (REFERENCE §3, §7, §8, §10; seed 001).
import { useTestSandbox } from './testing';
import { paymentBody } from './test-client';
import { DEFAULT_READINGS } from '../../sandbox/index';

const t = useTestSandbox();

const REFERENCE = /^[A-Z]\d{15}[0-9A-F]{8}\.[A-Z0-9]$/;

/** A card stored in the vault by a settled first payment. */
async function storedCard(): Promise<{ vaultAccessToken: string; initialTransactionId: string }> {
	const { body } = await t.api.post('/api/v1/payment', paymentBody({ storeInVault: 'yes', merchantOrderReference: 'STORE' }));
	return t.sb.settle(body.reference, 'success').details as { vaultAccessToken: string; initialTransactionId: string };
}

describe('POST /api/v1/payment', () => {
	it('answers 200 with a pending payment and a payUrl, echoing the request', async () => {
		const res = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: 'https://shop.example/hook', metadata: 'shop:1' }));
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			reference: expect.stringMatching(REFERENCE),
			type: 'sale',
			status: 'pending',
			amount: 25,
			currency: 'eur',
			method: 'card',
			language: 'eng',
			merchantOrderReference: 'ORDER-1',
			description: 'Order 1',
			metadata: 'shop:1',
			returnUrl: 'https://shop.example/return?order=1',
			webhookUrl: 'https://shop.example/hook',
			payUrl: `${t.sb.url}/_sandbox/pay?reference=${res.body.reference}`,
		});
		expect(res.body.statusFinalDate).toBeUndefined();
		expect(t.sb.state.transactions()).toEqual([res.body]);
	});

	it('accepts amounts as JSON numbers or decimal strings and keeps exact cents', async () => {
		const a = await t.api.post('/api/v1/payment', paymentBody({ amount: 0.1 }));
		const b = await t.api.post('/api/v1/payment', paymentBody({ amount: '1234567890.99' }));
		expect([a.body.amount, b.body.amount]).toEqual([0.1, 1234567890.99]);
	});

	it.each([
		['1.234', "'1.234' has a scale larger than 2"],
		[113.73999999999, "'113.73999999999' has a scale larger than 2"],
		['0', 'must be greater than 0'],
		['-5.00', 'must be greater than 0'],
		['12,50', "'12,50' is not a valid amount"],
		['1234567890123', "'1234567890123' has more than 12 digits"],
	])('rejects amount %p: 400 input_error on field amount', async (amount, message) => {
		const res = await t.api.post('/api/v1/payment', paymentBody({ amount }));
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ type: 'input_error', field: 'amount', message });
		expect(t.sb.state.transactions()).toEqual([]);
	});

	it('reports every missing field, first one in field', async () => {
		const res = await t.api.post('/api/v1/payment', {});
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ type: 'input_error', message: 'An amount is required', field: 'amount' });
		expect(res.body.fields).toEqual([
			{ field: 'amount', message: 'An amount is required' },
			{ field: 'currency', message: 'A ISO 4217 currency code is required' },
			{ field: 'method', message: 'may not be null' },
			{ field: 'returnUrl', message: 'may not be null' },
		]);
	});

	it('rejects an unknown method, a bad transactionType and an unsupported currency', async () => {
		expect((await t.api.post('/api/v1/payment', paymentBody({ method: 'bitcoin' }))).body.fields).toEqual([
			{ field: 'method', message: 'A supported method is required' },
		]);
		expect((await t.api.post('/api/v1/payment', paymentBody({ transactionType: 'credit' }))).body.field).toBe('transactionType');
		const currency = await t.api.post('/api/v1/payment', paymentBody({ currency: 'xyz' }));
		expect(currency.status).toBe(400);
		expect(currency.body).toMatchObject({ type: 'process_error', failureCode: 'unsupported_currency' });
	});

	it('creates an authorisation with transactionType authorise', async () => {
		const res = await t.api.post('/api/v1/payment', paymentBody({ transactionType: 'authorise' }));
		expect(res.body).toMatchObject({ type: 'authorise', status: 'pending' });
	});

	it('adds card details when the payment settles success', async () => {
		const { body } = await t.api.post('/api/v1/payment', paymentBody());
		const settled = t.sb.settle(body.reference, 'success');
		expect(settled).toMatchObject({ status: 'success', statusFinalDate: expect.any(Number) });
		expect(settled.details).toMatchObject({ maskedPan: '4111XXXXXXXX1111', authorisedAmount: 25, initialTransactionId: expect.any(String) });
	});
});

describe('mandates and merchant-initiated payments', () => {
	it('obtainMandate returns details.mandateId; the mandate is pending until the payment succeeds', async () => {
		const { body: payment } = await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'yes' }));
		const mandateId = payment.details.mandateId as string;
		expect(mandateId).toMatch(/^MAN\d{15}[0-9A-F]{8}\.0$/);
		const pending = await t.api.get(`/api/v1/mandate/${mandateId}`);
		expect(pending.status).toBe(200);
		expect(pending.body).toMatchObject({
			mandateId,
			type: 'card',
			externalMandateReference: mandateId,
			status: 'pending',
			signed: null,
			merchantOrderReference: 'ORDER-1',
			signUrl: payment.payUrl,
			returnUrl: 'https://shop.example/return?order=1',
			details: {},
		});
		t.sb.settle(payment.reference, 'success');
		const active = await t.api.get(`/api/v1/mandate/${mandateId}`);
		expect(active.body).toMatchObject({ status: 'active', signed: expect.any(Number) });
	});

	it('a failed obtaining payment leaves the mandate inactive, and an inactive mandate cannot pay', async () => {
		const { body: payment } = await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'yes' }));
		t.sb.settle(payment.reference, 'failed', { failureCode: 'card_refused' });
		const mandate = await t.api.get(`/api/v1/mandate/${payment.details.mandateId}`);
		expect(mandate.body.status).toBe('inactive');
		const mit = await t.api.post('/api/v1/payment', { amount: '5.00', currency: 'eur', method: 'card', mandateId: payment.details.mandateId });
		expect(mit.status).toBe(400);
		expect(mit.body).toMatchObject({ type: 'process_error', failureCode: 'processing_error' });
	});

	it('a payment with an active mandate succeeds at once, without a payUrl and without returnUrl', async () => {
		const { body: first } = await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'yes' }));
		t.sb.settle(first.reference, 'success');
		const mandateId = first.details.mandateId;
		const res = await t.api.post('/api/v1/payment', { amount: '250.00', currency: 'eur', method: 'card', mandateId });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'success', amount: 250, details: { mandateId, maskedPan: '4111XXXXXXXX1111' } });
		expect(res.body.payUrl).toBeUndefined();
	});

	it('an unknown mandate id: 400 unknown_reference, for payments and GET /mandate', async () => {
		const pay = await t.api.post('/api/v1/payment', { amount: '5.00', currency: 'eur', method: 'card', mandateId: 'MAN-NOPE' });
		expect(pay.status).toBe(400);
		expect(pay.body.failureCode).toBe('unknown_reference');
		const read = await t.api.get('/api/v1/mandate/MAN-NOPE');
		expect(read.status).toBe(400);
		expect(read.body).toMatchObject({ type: 'process_error', failureCode: 'unknown_reference' });
	});

	it('storeInVault yields a vault token on success; MIT with it succeeds at once, CIT answers pending', async () => {
		const { body: first } = await t.api.post('/api/v1/payment', paymentBody({ storeInVault: 'yes' }));
		expect(first.details).toBeUndefined();
		const settled = t.sb.settle(first.reference, 'success');
		const { vaultAccessToken, initialTransactionId } = settled.details as Record<string, string>;
		expect(vaultAccessToken).toEqual(expect.any(String));
		const body = (source: string) => ({
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			returnUrl: 'https://shop.example/r',
			details: { vaultAccessToken, initialTransactionId },
			sequenceInfo: { type: 'UNSCHEDULED', mode: 'SUBSEQUENT', source },
		});
		const mit = await t.api.post('/api/v1/payment', body('MIT'));
		expect(mit.body).toMatchObject({ status: 'success', details: { initialTransactionId } });
		const cit = await t.api.post('/api/v1/payment', body('CIT'));
		expect(cit.body).toMatchObject({ status: 'pending', payUrl: expect.any(String) });
	});

	it('a vault token needs sequenceInfo and initialTransactionId; an unknown token is vault_token_expired', async () => {
		const missing = await t.api.post('/api/v1/payment', paymentBody({ details: { vaultAccessToken: 'T' } }));
		expect(missing.status).toBe(400);
		expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['sequenceInfo', 'details.initialTransactionId']);
		const badSequence = await t.api.post(
			'/api/v1/payment',
			paymentBody({ details: { vaultAccessToken: 'T', initialTransactionId: 'I' }, sequenceInfo: { type: 'SOMETIMES', mode: 'SUBSEQUENT', source: 'MIT' } }),
		);
		expect(badSequence.body.field).toBe('sequenceInfo.type');
		const unknown = await t.api.post(
			'/api/v1/payment',
			paymentBody({ details: { vaultAccessToken: 'T', initialTransactionId: 'I' }, sequenceInfo: { type: 'RECURRING', mode: 'SUBSEQUENT', source: 'MIT' } }),
		);
		expect(unknown.body).toMatchObject({ type: 'process_error', failureCode: 'vault_token_expired' });
	});

	// Issue 28 #2: every example reads "mode": "SUBSEQUENT" (seed 001:237, 282, 314, 325; REFERENCE §10).
	it('sequenceInfo.mode other than SUBSEQUENT is refused, on any payment (001:237, 282, 314, 325)', async () => {
		const initial = await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'yes', sequenceInfo: { type: 'RECURRING', mode: 'INITIAL', source: 'CIT' } }));
		expect([initial.status, initial.body.type, initial.body.field]).toEqual([400, 'input_error', 'sequenceInfo.mode']);
		expect(t.sb.state.transactions().filter((tx) => tx.merchantOrderReference === 'ORDER-1')).toHaveLength(0);
	});

	// Issue 28 #1: the examples (001:231-234, 276-279) put initialTransactionId in details, the FAQ
	// (001:330) in sequenceInfo. Strict default: details; the other reading is a switch. A request with it
	// in both places is accepted under either reading; one with it only in the other place is refused,
	// naming the field, and nothing is created.
	it.each(['details', 'sequenceInfo'] as const)('initialTransactionId reading %s: its place or both places accepted, the other place alone refused', async (reading) => {
		t.sb.readings.set({ initialTransactionId: reading });
		const { vaultAccessToken, initialTransactionId } = await storedCard();
		const body = (inDetails: boolean, inSequence: boolean) => ({
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			details: { vaultAccessToken, ...(inDetails ? { initialTransactionId } : {}) },
			sequenceInfo: { type: 'UNSCHEDULED', mode: 'SUBSEQUENT', source: 'MIT', ...(inSequence ? { initialTransactionId } : {}) },
		});
		const own = await t.api.post('/api/v1/payment', body(reading === 'details', reading === 'sequenceInfo'));
		expect([own.status, own.body.status]).toEqual([200, 'success']);
		const both = await t.api.post('/api/v1/payment', body(true, true));
		expect([both.status, both.body.status]).toEqual([200, 'success']);
		const before = t.sb.state.transactions().length;
		const other = await t.api.post('/api/v1/payment', body(reading === 'sequenceInfo', reading === 'details'));
		expect([other.status, other.body.type, other.body.field]).toEqual([400, 'input_error', `${reading}.initialTransactionId`]);
		expect(t.sb.state.transactions()).toHaveLength(before);
	});

	it('the strict default reading of initialTransactionId is details, as both request examples show', () => {
		expect(DEFAULT_READINGS.initialTransactionId).toBe('details');
	});

	it('an input_error refusal is not remembered under its Idempotency-Reference: the corrected request goes through', async () => {
		const { vaultAccessToken, initialTransactionId } = await storedCard();
		const headers = { headers: { 'Idempotency-Reference': 'fix-and-resend' } };
		const sequenceInfo = { type: 'UNSCHEDULED', mode: 'SUBSEQUENT', source: 'MIT' };
		const refused = await t.api.post('/api/v1/payment', { amount: '5.00', currency: 'eur', method: 'card', details: { vaultAccessToken }, sequenceInfo }, headers);
		expect(refused.status).toBe(400);
		const fixed = await t.api.post('/api/v1/payment', { amount: '5.00', currency: 'eur', method: 'card', details: { vaultAccessToken, initialTransactionId }, sequenceInfo }, headers);
		expect([fixed.status, fixed.body.status]).toEqual([200, 'success']);
		const again = await t.api.post('/api/v1/payment', { amount: '5.00', currency: 'eur', method: 'card', details: { vaultAccessToken, initialTransactionId }, sequenceInfo }, headers);
		expect(again.body.reference).toBe(fixed.body.reference);
	});
});

describe('GET /api/v1/method', () => {
	it('lists the methods with card brands and iDEAL issuers', async () => {
		const res = await t.api.get('/api/v1/method');
		expect(res.status).toBe(200);
		expect(res.body).toContainEqual(expect.objectContaining({ method: 'card', options: expect.arrayContaining([{ brand: 'visa' }]) }));
		expect(res.body).toContainEqual(
			expect.objectContaining({ method: 'ideal', options: expect.arrayContaining([expect.objectContaining({ issuerid: 'INGBNL2A' })]) }),
		);
	});
});

describe('GET /api/v1/transaction', () => {
	it('reads one transaction by reference; an unknown one is 400 unknown_reference', async () => {
		const { body } = await t.api.post('/api/v1/payment', paymentBody());
		const res = await t.api.get(`/api/v1/transaction?reference=${body.reference}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual(body);
		const unknown = await t.api.get('/api/v1/transaction?reference=NOPE');
		expect(unknown.status).toBe(400);
		expect(unknown.body).toMatchObject({ type: 'process_error', failureCode: 'unknown_reference' });
		const tooLong = await t.api.get(`/api/v1/transaction?reference=${'R'.repeat(256)}`);
		expect(tooLong.body).toMatchObject({ type: 'input_error', field: 'reference' });
	});

	it('includeRelatedTransactions adds the successful related transactions', async () => {
		t.sb.addPayment({ reference: 'P1', amount: 50 });
		t.sb.addPayment({ reference: 'R1', type: 'refund', amount: 10, originalReference: 'P1' });
		t.sb.addPayment({ reference: 'R2', type: 'refund', amount: 10, originalReference: 'P1', status: 'failed' });
		const res = await t.api.get('/api/v1/transaction?reference=P1&includeRelatedTransactions=true');
		expect(res.body.relatedTransactions.map((t: { reference: string }) => t.reference)).toEqual(['R1']);
		const plain = await t.api.get('/api/v1/transaction?reference=P1');
		expect(plain.body.relatedTransactions).toBeUndefined();
	});

	describe('the filtered list', () => {
		beforeEach(() => {
			const base = Date.UTC(2025, 0, 1);
			for (let i = 1; i <= 30; i++) {
				t.sb.addPayment({
					reference: `T${String(i).padStart(2, '0')}`,
					amount: i,
					created: base + i * 1000,
					method: i % 2 === 0 ? 'ideal' : 'card',
					merchantOrderReference: `O${i % 3}`,
				});
			}
			t.sb.addPayment({ reference: 'RF', type: 'refund', amount: 1, originalReference: 'T05', created: base + 31_000 });
		});
		const refs = (body: Array<{ reference: string }>) => body.map((t) => t.reference);

		it('answers a plain array in creation order, at most 25, paged by referenceAfter / referenceBefore', async () => {
			const first = await t.api.get('/api/v1/transaction');
			expect(first.status).toBe(200);
			expect(Array.isArray(first.body)).toBe(true);
			expect(first.body).toHaveLength(25);
			expect(refs(first.body).slice(0, 3)).toEqual(['T01', 'T02', 'T03']);
			const next = await t.api.get('/api/v1/transaction?referenceAfter=T25');
			expect(refs(next.body)).toEqual(['T26', 'T27', 'T28', 'T29', 'T30', 'RF']);
			const before = await t.api.get('/api/v1/transaction?referenceBefore=T28');
			expect(refs(before.body)).toEqual(Array.from({ length: 25 }, (_, i) => `T${String(i + 3).padStart(2, '0')}`));
			const unknownCursor = await t.api.get('/api/v1/transaction?referenceAfter=NOPE');
			expect(unknownCursor.body.failureCode).toBe('unknown_reference');
		});

		it('filters by references, originalReferences, merchantOrderReference, type, method and status', async () => {
			expect(refs((await t.api.get('/api/v1/transaction?references=T03,T07,NOPE')).body)).toEqual(['T03', 'T07']);
			expect(refs((await t.api.get('/api/v1/transaction?originalReferences=T05')).body)).toEqual(['RF']);
			expect(refs((await t.api.get('/api/v1/transaction?type=refund')).body)).toEqual(['RF']);
			const o1 = (await t.api.get('/api/v1/transaction?merchantOrderReference=O1&method=card')).body;
			expect(refs(o1)).toEqual(['T01', 'T07', 'T13', 'T19', 'T25']);
			expect((await t.api.get('/api/v1/transaction?status=pending')).body).toEqual([]);
		});

		it('filters by created (exclusive, epoch ms) and amount (inclusive)', async () => {
			const base = Date.UTC(2025, 0, 1);
			const created = await t.api.get(`/api/v1/transaction?createdAfter=${base + 3000}&createdBefore=${base + 6000}`);
			expect(refs(created.body)).toEqual(['T04', 'T05']);
			const amounts = await t.api.get('/api/v1/transaction?amountMinimum=2.00&amountMaximum=4&type=sale');
			expect(refs(amounts.body)).toEqual(['T02', 'T03', 'T04']);
		});

		it('rejects malformed filters with 400 input_error', async () => {
			expect((await t.api.get('/api/v1/transaction?type=gift')).body).toMatchObject({ type: 'input_error', field: 'type' });
			// REFERENCE §7's type filter lists sale, refund, token, credit, authorise, capture, vault: not reversal.
			expect((await t.api.get('/api/v1/transaction?type=reversal')).body).toMatchObject({ type: 'input_error', field: 'type' });
			for (const type of ['sale', 'refund', 'token', 'credit', 'authorise', 'capture', 'vault']) {
				expect((await t.api.get(`/api/v1/transaction?type=${type}`)).status).toBe(200);
			}
			expect((await t.api.get('/api/v1/transaction?createdAfter=yesterday')).body.field).toBe('createdAfter');
			expect((await t.api.get('/api/v1/transaction?amountMinimum=1.001')).body.field).toBe('amountMinimum');
		});
	});
});
