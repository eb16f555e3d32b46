// What the node reads before a refund (issue 28 #11, #12) and how a failed refund is reported
// (28 #6): GET ?reference=<payment> and GET ?originalReferences=<payment>, then at most one POST.
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../sandboxRun';

const t = useSandbox();

const refund = (parameters: IDataObject) =>
	t.run({ resource: 'refund', operation: 'create', amountToRefund: 'partial', additionalFields: { merchantOrderReference: 'RMA-1' }, options: {}, ...parameters });
const refundPosts = () => t.sb.log.filter((e) => e.method === 'POST' && e.path === '/api/v1/refund');

describe('28 #12: a refund above what is left of the payment', () => {
	it('is refused before sending, naming both figures; the reads it cost are GETs only', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		expect((await refund({ paymentReference: payment.reference, amount: '30.00' })).error).toBeUndefined();
		t.sb.clearLog();
		const { error } = await refund({ paymentReference: payment.reference, amount: '25.00', additionalFields: { merchantOrderReference: 'RMA-2' } });
		expect(error?.message).toBe(`Item 1 (index 0): "Amount" 25.00 is more than is left to refund of payment ${payment.reference} (20.00)`);
		expect(error?.description).toContain('The payment was 50.00; 30.00 of it is already refunded or being refunded');
		expect(error?.description).toContain('Allow Refund Above What Is Left');
		// The payment, its follow-ups, and (the list not being empty) CCV's paging to see there are no more.
		expect(t.calls().slice(0, 2)).toEqual([
			`GET /api/v1/transaction?reference=${encodeURIComponent(payment.reference)}`,
			`GET /api/v1/transaction?originalReferences=${encodeURIComponent(payment.reference)}`,
		]);
		expect(t.calls().every((c) => c.startsWith('GET /api/v1/transaction?'))).toBe(true);
		expect(t.calls().length).toBeLessThanOrEqual(4);
	});

	it('a Full Amount refund after a partial one is refused too', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		await refund({ paymentReference: payment.reference, amount: '10.00' });
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full', additionalFields: {} });
		expect(error?.message).toContain('(Full Amount, 50.00) is more than is left to refund');
		expect(refundPosts()).toHaveLength(1);
	});

	it('is sent when the user allows more (CCV then decides)', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		await refund({ paymentReference: payment.reference, amount: '30.00' });
		const { error } = await refund({ paymentReference: payment.reference, amount: '25.00', additionalFields: { merchantOrderReference: 'RMA-2' }, options: { allowAboveRemaining: true } });
		expect(error).toBeUndefined();
		expect(refundPosts()).toHaveLength(2);
	});

	it('a failed refund does not count against what is left', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const first = await refund({ paymentReference: payment.reference, amount: '40.00' });
		t.sb.settle(String(first.items[0].json.reference), 'failed');
		const { error } = await refund({ paymentReference: payment.reference, amount: '40.00', additionalFields: { merchantOrderReference: 'RMA-2' } });
		expect(error).toBeUndefined();
	});
});

describe('28 #11: a refund of an authorisation', () => {
	it('captured: refused before sending, naming the capture to refund', async () => {
		const auth = t.sb.addPayment({ type: 'authorise', amount: '30.00' });
		const capture = await t.run({ resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'full', additionalFields: {}, options: {} });
		const captureRef = String(capture.items[0].json.reference);
		const { error } = await refund({ paymentReference: auth.reference, amount: '10.00' });
		expect(error?.message).toBe(`Item 1 (index 0): "Payment Reference" ${auth.reference} is an authorisation: refund its capture instead`);
		expect(error?.description).toContain(`use ${captureRef} as the Payment Reference`);
		expect(refundPosts()).toHaveLength(0);
	});

	it('not captured: refused before sending, pointing to Payment > Reversal', async () => {
		const auth = t.sb.addPayment({ type: 'authorise', amount: '30.00' });
		const { error } = await refund({ paymentReference: auth.reference, amountToRefund: 'full', additionalFields: {} });
		expect(error?.description).toContain('release it with Payment > Reversal');
		expect(refundPosts()).toHaveLength(0);
	});
});

describe('28 #6: one rule for a failed refund', () => {
	it('an error naming a transactionReference: the node looks it up and says what CCV holds, never "outcome unknown"', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const other = t.sb.addPayment({ amount: '5.00', status: 'failed', failureCode: 'refund_limit' });
		t.sb.faults.add({
			match: { method: 'POST', path: '^/api/v1/refund$' },
			count: 1,
			kind: 'respond',
			status: 400,
			body: { type: 'process_error', message: 'Refund limit reached', reference: 'ab12cd34', failureCode: 'refund_limit', transactionReference: other.reference },
		});
		const { error } = await refund({ paymentReference: payment.reference, amount: '5.00' });
		expect(error?.description).not.toContain('outcome is unknown');
		expect(error?.description).toContain(`The node looked it up: CCV holds transaction ${other.reference} with status failed (failure code refund_limit).`);
		expect(t.calls()).toContain(`GET /api/v1/transaction?reference=${encodeURIComponent(other.reference)}`);
	});

	it('a final refusal without one: "CCV created no refund for this request"', async () => {
		const payment = t.sb.addPayment({ amount: '10.00' });
		const { error } = await refund({ paymentReference: payment.reference, amount: '12.01', options: { allowAboveRemaining: true } });
		expect(error?.context?.ccvError).toMatchObject({ failureCode: expect.stringMatching(/^refund_limit$/i) });
		expect(error?.description).toContain('CCV created no refund for this request.');
		expect(error?.description).not.toContain('outcome is unknown');
	});
});
