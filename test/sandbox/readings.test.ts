/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// The readings (switches) where CCV's docs are ambiguous or silent: each reading's behaviour, and
// the strict defaults. README "Readings" names the source of each.
import { DEFAULT_READINGS, parseReading } from '../../sandbox/readings';
import { paymentBody } from './test-client';
import { useTestSandbox } from './testing';

const t = useTestSandbox();
const IDEM = { 'idempotency-reference': 'ref-1' };

it('defaults are the strict readings', () => {
	expect(t.sb.readings.get()).toEqual(DEFAULT_READINGS);
	expect(DEFAULT_READINGS).toMatchObject({
		invalidUrlBody: 'json',
		wrongMethod: 'invalid-url',
		dotSegments: 'reject',
		notificationRequests: 'object',
		submitOrderAnswer: 'empty',
		allowHttpWebhooks: false,
		cardPresent: 'string',
		initialTransactionId: 'details',
		statusCase: 'as-documented',
	});
	expect(() => parseReading('listPageSize', 0)).toThrow(/listPageSize must be one of/);
	expect(parseReading('idempotencyRetention', '30')).toBe(30);
});

describe('statusCase', () => {
	beforeEach(() => t.sb.addPayment({ reference: 'PAY1', amount: '10.00' }));

	it('as-documented: the refund answer says PENDING (seed 004:564); reads and failure codes stay lower case', async () => {
		const refund = await t.api.post('/api/v1/refund', { reference: 'PAY1', amount: '1.00' });
		expect(refund.body.status).toBe('PENDING');
		expect((await t.api.get(`/api/v1/transaction?reference=${refund.body.reference}`)).body.status).toBe('pending');
		expect((await t.api.post('/api/v1/refund', { reference: 'NOPE' })).body.failureCode).toBe('unknown_reference');
		expect(t.sb.state.transactions().find((x) => x.reference === refund.body.reference)?.status).toBe('pending');
	});

	it('upper: statuses and failure codes upper case everywhere on the wire', async () => {
		t.sb.readings.set({ statusCase: 'upper' });
		const payment = await t.api.post('/api/v1/payment', paymentBody());
		expect(payment.body.status).toBe('PENDING');
		t.sb.settle(payment.body.reference, 'failed', { failureCode: 'card_refused' });
		expect((await t.api.get(`/api/v1/transaction?reference=${payment.body.reference}`)).body).toMatchObject({ status: 'FAILED', failureCode: 'CARD_REFUSED' });
		expect((await t.api.get('/api/v1/transaction?status=failed')).body[0].status).toBe('FAILED');
		expect((await t.api.post('/api/v1/refund', { reference: 'NOPE' })).body.failureCode).toBe('UNKNOWN_REFERENCE');
	});

	it('lower: the refund answer too', async () => {
		t.sb.readings.set({ statusCase: 'lower' });
		expect((await t.api.post('/api/v1/refund', { reference: 'PAY1' })).body.status).toBe('pending');
	});
});

describe('idempotencyRetention', () => {
	const pay = () => t.api.post('/api/v1/payment', paymentBody(), { headers: IDEM });

	it('forever (default): the second request replays the first', async () => {
		const [a, b] = [await pay(), await pay()];
		expect(b.body.reference).toBe(a.body.reference);
	});

	it('off: every request creates', async () => {
		t.sb.readings.set({ idempotencyRetention: 'off' });
		const [a, b] = [await pay(), await pay()];
		expect(b.body.reference).not.toBe(a.body.reference);
	});

	it('N seconds: replayed within, created anew after', async () => {
		t.sb.readings.set({ idempotencyRetention: 1 });
		const a = await pay();
		expect((await pay()).body.reference).toBe(a.body.reference);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect((await pay()).body.reference).not.toBe(a.body.reference);
	});
});

describe('transaction list', () => {
	beforeEach(() => {
		for (let i = 1; i <= 5; i++) t.sb.addPayment({ reference: `P${i}`, created: 1_700_000_000_000 + i * 1000 });
	});

	it('listEnvelope: array (default), {data}, {data, page}', async () => {
		expect((await t.api.get('/api/v1/transaction')).body.map((x: { reference: string }) => x.reference)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
		t.sb.readings.set({ listEnvelope: 'data' });
		expect(Object.keys((await t.api.get('/api/v1/transaction')).body)).toEqual(['data']);
		t.sb.readings.set({ listEnvelope: 'data-page', listPageSize: 2 });
		expect((await t.api.get('/api/v1/transaction')).body).toEqual({
			data: [expect.objectContaining({ reference: 'P1' }), expect.objectContaining({ reference: 'P2' })],
			page: { size: 2, totalElements: 5 },
		});
	});

	it('listOrder desc + listPageSize: newest first; referenceAfter still means "created after"', async () => {
		t.sb.readings.set({ listOrder: 'desc', listPageSize: 2 });
		const refs = async (query: string) => (await t.api.get(`/api/v1/transaction${query}`)).body.map((x: { reference: string }) => x.reference);
		expect(await refs('')).toEqual(['P5', 'P4']);
		expect(await refs('?referenceAfter=P2')).toEqual(['P5', 'P4']);
		expect(await refs('?referenceBefore=P4')).toEqual(['P3', 'P2']);
	});

	it('listTimeUnit s: createdAfter in seconds', async () => {
		t.sb.readings.set({ listTimeUnit: 's' });
		const res = await t.api.get('/api/v1/transaction?createdAfter=1700000003');
		expect(res.body.map((x: { reference: string }) => x.reference)).toEqual(['P4', 'P5']);
	});
});

describe('payment and refund wire shapes', () => {
	it('cardPresent: string "true"/"false" (seed 004:527) by default; JSON booleans under the boolean reading', async () => {
		t.sb.addPayment({ reference: 'SOFT', method: 'softpos' });
		const refund = (cardPresent: unknown) => t.api.post('/api/v1/refund', { reference: 'SOFT', amount: '1.00', details: { cardPresent } });
		expect((await refund(false)).body.field).toBe('details.cardPresent');
		expect((await refund('false')).status).toBe(200);
		t.sb.readings.set({ cardPresent: 'boolean' });
		expect((await refund('false')).body.field).toBe('details.cardPresent');
		expect((await refund(false)).status).toBe(200);
	});

	it('obtainMandate / storeInVault: only "yes"/"no" (seed 001:55, 001:178); JSON booleans are refused', async () => {
		expect((await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: true }))).body.field).toBe('obtainMandate');
		expect((await t.api.post('/api/v1/payment', paymentBody({ storeInVault: false }))).body.field).toBe('storeInVault');
		expect((await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'no', storeInVault: 'yes' }))).status).toBe(200);
	});

	it('initialTransactionId: in details (examples 001:231-234, 276-279) by default; in sequenceInfo (FAQ 001:330) under the sequenceInfo reading', async () => {
		const { body: first } = await t.api.post('/api/v1/payment', paymentBody({ storeInVault: 'yes' }));
		const { vaultAccessToken, initialTransactionId } = t.sb.settle(first.reference, 'success').details as Record<string, string>;
		const sequenceInfo = { type: 'UNSCHEDULED', mode: 'SUBSEQUENT', source: 'MIT' };
		const inDetails = { amount: '5.00', currency: 'eur', method: 'card', details: { vaultAccessToken, initialTransactionId }, sequenceInfo };
		const inSequence = { amount: '5.00', currency: 'eur', method: 'card', details: { vaultAccessToken }, sequenceInfo: { ...sequenceInfo, initialTransactionId } };
		expect((await t.api.post('/api/v1/payment', inSequence)).body.field).toBe('details.initialTransactionId');
		expect((await t.api.post('/api/v1/payment', inDetails)).body.status).toBe('success');
		t.sb.readings.set({ initialTransactionId: 'sequenceInfo' });
		expect((await t.api.post('/api/v1/payment', inDetails)).body.field).toBe('sequenceInfo.initialTransactionId');
		expect((await t.api.post('/api/v1/payment', inSequence)).body.status).toBe('success');
	});
});

describe('registrationExpiration as a Java long (seed 000:580 "the maximum value")', () => {
	const customer = (registrationExpiration: unknown) => ({ customerReference: 'R', externalId: 'x', registrationExpiration });

	it('9223372036854775807 is kept and served as the exact digits; PUT keeps it', async () => {
		const added = await t.api.post('/api/v1/customer', customer(9223372036854775807n));
		expect(added.status).toBe(200);
		expect(added.body.registrationExpiration).toBe(9223372036854775807n);
		expect(t.sb.log[0].body).toMatchObject({ registrationExpiration: 9223372036854775807n });
		expect((await t.api.put(`/api/v1/customer/${added.body.id}`, customer(9007199254740993n))).status).toBe(204);
		expect((await t.api.get(`/api/v1/customer/${added.body.id}`)).body.registrationExpiration).toBe(9007199254740993n);
	});

	it('above the maximum long (what JSON.parse + JSON.stringify makes of it: 9223372036854775808) is 400 input_error', async () => {
		const res = await t.api.post('/api/v1/customer', customer(9223372036854775808n));
		expect([res.status, res.body.field]).toEqual([400, 'registrationExpiration']);
		expect((await t.api.post('/api/v1/customer', customer(1.5))).body.field).toBe('registrationExpiration');
	});
});
