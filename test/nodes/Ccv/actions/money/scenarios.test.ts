// Issue 24: one transaction per intention. Each row of the scenario table is a test here,
// at the wire, against the strict sandbox; every row runs under both readings of how long CCV keeps
// an Idempotency-Reference (forever, and a window already past: 0 s).
// Rows 11 and 12 (two processes, a restart) are in processes.test.ts.
import type { IDataObject } from 'n8n-workflow';

import type { RunNodeOptions } from '../../../../helpers/engine';
import { useSandbox } from '../sandboxRun';
import { checkoutParameters } from './checkout';

const t = useSandbox();

const RETENTIONS: Array<[string, 'forever' | number]> = [
	['forever', 'forever'],
	['a window already past (0 s)', 0],
];

function run(parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) {
	const { items, ...rest } = extra;
	return t.run({ additionalFields: {}, options: {}, ...parameters }, items, rest);
}
const refund = (parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) =>
	run({ resource: 'refund', operation: 'create', amountToRefund: 'partial', ...parameters }, extra);
const checkout = (order: string, extra: IDataObject = {}) => run(checkoutParameters(order, extra));

const ofType = (type: string, original?: string) =>
	t.sb.state.transactions().filter((tx) => tx.type === type && (original === undefined || tx.originalReference === original));
const posts = (path: string) => t.sb.log.filter((e) => e.method === 'POST' && e.path === path);

describe.each(RETENTIONS)('idempotencyRetention %s', (_label, retention) => {
	beforeEach(() => t.sb.readings.set({ idempotencyRetention: retention }));

	it('row 1: a refund whose connection dropped after CCV applied it, Retry On Fail: 1 refund', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		t.sb.faults.add({ match: { method: 'POST', path: '^/api/v1/refund$' }, count: 1, kind: 'drop-after-apply' });
		const { items, error } = await refund(
			{ paymentReference: payment.reference, amount: '20.00', additionalFields: { merchantOrderReference: 'RMA-1' }, options: { retries: 0 } },
			{ retryOnFail: { maxTries: 2, waitBetweenTries: 1 } },
		);
		expect(error).toBeUndefined();
		expect(ofType('refund', payment.reference)).toHaveLength(1);
		expect(items[0].json).toMatchObject({ reference: ofType('refund')[0].reference, replayed: true });
	});

	it('row 2: a re-run of the same execution with $now in the Description: 1 refund, replayed: true', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const parameters = {
			paymentReference: payment.reference,
			amount: '5.00',
			additionalFields: { merchantOrderReference: 'RMA-7', description: '={{ "Refund " + $now.toMillis() + " " + Math.random() }}' },
		};
		const first = await refund(parameters);
		const again = await refund(parameters);
		expect([first.error, again.error]).toEqual([undefined, undefined]);
		expect(ofType('refund', payment.reference)).toHaveLength(1);
		expect(first.items[0].json).toMatchObject({ replayed: false });
		expect(again.items[0].json).toMatchObject({ reference: first.items[0].json.reference, replayed: true });
	});

	it('row 3: the same payment and partial amount, RMA-1 then RMA-2 on two days: 2 refunds', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const first = await refund({ paymentReference: payment.reference, amount: '10.00', additionalFields: { merchantOrderReference: 'RMA-1' } });
		const second = await refund({ paymentReference: payment.reference, amount: '10.00', additionalFields: { merchantOrderReference: 'RMA-2' } });
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		expect(ofType('refund', payment.reference).map((tx) => tx.merchantOrderReference)).toEqual(['RMA-1', 'RMA-2']);
		expect(second.items[0].json).toMatchObject({ merchantOrderReference: 'RMA-2', replayed: false });
	});

	it('row 3, with keys: one Merchant Order Reference (the order number) on two returns, each with its own Idempotency Key: the second is never output as the first', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const byKey = (key: string) =>
			refund({ paymentReference: payment.reference, amount: '10.00', additionalFields: { merchantOrderReference: 'ORDER-1001' }, options: { idempotencyKey: key } });
		const first = await byKey('RMA-1');
		expect(first.error).toBeUndefined();
		const [made] = ofType('refund', payment.reference);
		// CCV shows no key on a refund: the node cannot tell RMA-2 from RMA-1 run again, so it asks instead of guessing.
		const second = await byKey('RMA-2');
		expect(second.items).toEqual([]);
		expect(second.error?.message).toContain(`CCV already holds refund ${made.reference} with Merchant Order Reference "ORDER-1001"`);
		expect(second.error?.description).toContain('give this refund its own Merchant Order Reference');
		expect(posts('/api/v1/refund')).toHaveLength(1);
		// The same key in the same n8n process is that refund run again: output as replayed.
		const again = await byKey('RMA-1');
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ reference: made.reference, replayed: true });
		expect(ofType('refund', payment.reference)).toHaveLength(1);
	});

	it('row 9: two partial captures with distinct references, then a re-run: 2 captures', async () => {
		const auth = t.sb.addPayment({ amount: '50.00', type: 'authorise' });
		const capture = (key: string) =>
			run({ resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'partial', amount: '10.00', options: { idempotencyKey: key } });
		for (const key of ['SHIP-1', 'SHIP-2']) expect((await capture(key)).error).toBeUndefined();
		const again = await capture('SHIP-1');
		if (retention === 'forever') {
			expect(again.error).toBeUndefined();
			expect(again.items[0].json).toMatchObject({ replayed: true });
			expect(ofType('capture', auth.reference)).toHaveLength(2);
		} else {
			// CCV shows no key on a capture: beyond its window only CCV's own rules stand in the way.
			expect(ofType('capture', auth.reference).length).toBeGreaterThanOrEqual(2);
		}
	});

	it('row 6: a checkout that failed, the same order run again: a new payment with a live payUrl, attempt 2', async () => {
		const first = await checkout('1001');
		t.sb.settle(String(first.items[0].json.reference), 'failed', { failureCode: 'rejected' });
		const second = await checkout('1001');
		expect(second.error).toBeUndefined();
		const payments = ofType('sale').filter((tx) => tx.merchantOrderReference === '1001');
		expect(payments).toHaveLength(2);
		expect(second.items[0].json).toMatchObject({ status: 'pending', attempt: 2, replayed: false });
		expect(second.items[0].json.reference).not.toBe(first.items[0].json.reference);
		expect(String(second.items[0].json.payUrl)).toContain(String(second.items[0].json.reference));
		expect(first.items[0].json).toMatchObject({ attempt: 1 });
	});

	it('row 7: a checkout still pending (then paid), the same order run again: the existing payment, replayed, no second', async () => {
		const first = await checkout('1002');
		const again = await checkout('1002');
		expect(again.items[0].json).toMatchObject({ reference: first.items[0].json.reference, replayed: true, attempt: 1 });
		t.sb.settle(String(first.items[0].json.reference), 'success');
		const paid = await checkout('1002');
		expect(paid.items[0].json).toMatchObject({ reference: first.items[0].json.reference, status: 'success', replayed: true });
		expect(ofType('sale').filter((tx) => tx.merchantOrderReference === '1002')).toHaveLength(1);
		expect(posts('/api/v1/payment')).toHaveLength(1);
	});

	it('row 10: a re-run after CCV forgot the key: still 1 refund and 1 payment', async () => {
		const payment = t.sb.addPayment({ amount: '30.00' });
		const parameters = { paymentReference: payment.reference, amount: '10.00', additionalFields: { merchantOrderReference: 'RMA-10' } };
		await refund(parameters);
		const again = await refund(parameters);
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ replayed: true, merchantOrderReference: 'RMA-10' });
		expect(ofType('refund', payment.reference)).toHaveLength(1);
		const full = { paymentReference: payment.reference, amountToRefund: 'full' };
		const other = t.sb.addPayment({ amount: '12.00' });
		await refund({ ...full, paymentReference: other.reference });
		expect((await refund({ ...full, paymentReference: other.reference })).items[0].json).toMatchObject({ replayed: true });
		expect(ofType('refund', other.reference)).toHaveLength(1);
		await checkout('IDEM-10');
		await checkout('IDEM-10');
		expect(ofType('sale').filter((tx) => tx.merchantOrderReference === 'IDEM-10')).toHaveLength(1);
	});

	it('row 4: a partial refund without own reference or key: refused before sending, 0 requests', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		t.sb.clearLog();
		const { error } = await refund({ paymentReference: payment.reference, amount: '10.00' });
		expect(error?.message).toContain('"Merchant Order Reference" is required for a partial refund (or set an Idempotency Key)');
		expect(error?.description).toContain('a second refund of the same amount on this payment would otherwise be taken for this one');
		expect(t.sb.log).toHaveLength(0);
	});

	it('row 5: two items with the same payment, amount and reference in one run are refused naming both; different references make 2 refunds', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		t.sb.clearLog();
		const parameters = { paymentReference: payment.reference, amount: '10.00', additionalFields: { merchantOrderReference: '={{ $json.rma }}' } };
		const twins = await refund(parameters, { items: [{ rma: 'RMA-5' }, { rma: 'RMA-5' }] });
		expect(twins.error?.message).toMatch(/Item 1 .* and Item 2 .* would be the same refund/);
		expect(t.sb.log).toHaveLength(0);
		const two = await refund(parameters, { items: [{ rma: 'RMA-5' }, { rma: 'RMA-6' }] });
		expect(two.error).toBeUndefined();
		expect(ofType('refund', payment.reference).map((tx) => tx.merchantOrderReference).sort()).toEqual(['RMA-5', 'RMA-6']);
	});

	it('row 8: mandate SUB-7 2026-01, then 2026-02, then 2026-01 again: 2 charges', async () => {
		const setup = await checkout('SUB-7', { additionalFields: { merchantOrderReference: 'SUB-7', obtainMandate: true } });
		const mandateId = String((setup.items[0].json.details as IDataObject).mandateId);
		t.sb.settle(String(setup.items[0].json.reference), 'success');
		const charge = (period: string) =>
			run({
				resource: 'payment',
				operation: 'create',
				amount: '9.99',
				currency: 'eur',
				method: 'card',
				paymentFlow: 'mandate',
				mandateId,
				additionalFields: { merchantOrderReference: `SUB-7 ${period}` },
			});
		const results = [await charge('2026-01'), await charge('2026-02'), await charge('2026-01')];
		expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
		const charges = ofType('sale').filter((tx) => String(tx.merchantOrderReference).startsWith('SUB-7 '));
		expect(charges.map((tx) => tx.merchantOrderReference)).toEqual(['SUB-7 2026-01', 'SUB-7 2026-02']);
		expect(results[2].items[0].json).toMatchObject({ reference: results[0].items[0].json.reference, replayed: true });
	});

	it('row 13: a reused Idempotency Key with another amount: CCV\'s refusal in plain words, no second transaction', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		expect((await refund({ paymentReference: payment.reference, amount: '10.00', options: { idempotencyKey: 'TICKET-13' } })).error).toBeUndefined();
		const [first] = ofType('refund', payment.reference);
		const { error } = await refund({ paymentReference: payment.reference, amount: '12.00', options: { idempotencyKey: 'TICKET-13' } });
		// The node finds the key's refund at CCV (sent as its Merchant Order Reference) before sending,
		// so the refusal does not depend on CCV still remembering the key.
		expect(error?.message).toContain(`CCV already holds refund ${first.reference}, and it is not what this item asks for: its amount is 10, this item asks for 12.00`);
		expect(posts('/api/v1/refund')).toHaveLength(1);
		expect(error?.description).toContain('CCV already holds a refund made with the Idempotency Key "TICKET-13" and other details (for example another amount)');
		expect(error?.description).toContain('Nothing new was created');
		expect(ofType('refund', payment.reference)).toHaveLength(1);
	});

	it('row 14: CCV answers with a transaction of another amount or payment: the item fails and names it', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const other = t.sb.addPayment({ amount: '50.00' });
		t.sb.faults.add({
			match: { method: 'POST', path: '^/api/v1/capture$' },
			count: 1,
			kind: 'respond',
			status: 200,
			body: { reference: 'C-EARLIER.1', type: 'capture', status: 'success', amount: 7.5, currency: 'eur', originalReference: other.reference, created: 1 },
		});
		const auth = t.sb.addPayment({ amount: '50.00', type: 'authorise' });
		const { error } = await run({ resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'partial', amount: '10.00', options: { idempotencyKey: 'SHIP-14' } });
		expect(error?.message).toContain('CCV answered with transaction C-EARLIER.1');
		expect(error?.message).toContain('its amount is 7.5, this item asks for 10.00');
		expect(error?.message).toContain(`it belongs to payment ${other.reference}, this item names payment ${auth.reference}`);
		expect(payment.reference).toBeTruthy();
	});
});
