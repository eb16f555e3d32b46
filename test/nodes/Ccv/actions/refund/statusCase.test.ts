// One rule for the status of every transaction output (REFERENCE §7: compare case-insensitively):
// `status` is lower case, as CCV's JSON writes it, so an IF node on "pending" works; CCV's own
// spelling is kept in `statusAsSent` only when it differed (seed 004's refund answer says "PENDING").
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

describe('status case of transaction outputs', () => {
	it('Refund > Create, sandbox as documented (refund answer "PENDING"): status "pending", statusAsSent "PENDING"', async () => {
		t.sb.readings.set({ statusCase: 'as-documented' });
		const payment = t.sb.addPayment({ amount: '40.00' });
		const { items, error } = await t.run({
			resource: 'refund',
			operation: 'create',
			paymentReference: payment.reference,
			amountToRefund: 'partial',
			amount: '10.00',
			additionalFields: { merchantOrderReference: 'RMA-1' },
			options: {},
		});
		expect(error).toBeUndefined();
		expect(t.sb.log.find((e) => e.method === 'POST')?.responseBody).toMatchObject({ status: 'PENDING' });
		expect(items[0].json).toMatchObject({ status: 'pending', statusAsSent: 'PENDING' });
	});

	it('Payment > Capture answered in lower case: status unchanged, no statusAsSent', async () => {
		t.sb.readings.set({ statusCase: 'as-documented' });
		const auth = t.sb.addPayment({ type: 'authorise', amount: '30.00' });
		const { items, error } = await t.run({
			resource: 'payment',
			operation: 'capture',
			paymentReference: auth.reference,
			amountToCapture: 'full',
			additionalFields: {},
			options: {},
		});
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('pending');
		expect(items[0].json).not.toHaveProperty('statusAsSent');
	});

	it('Transaction > Get with upper-case statuses and failure codes: status lower case, failure code explained', async () => {
		t.sb.readings.set({ statusCase: 'upper' });
		const payment = t.sb.addPayment({ amount: '12.00', status: 'pending' });
		t.sb.settle(payment.reference, 'failed', { failureCode: 'card_refused' });
		const { items, error } = await t.run({ resource: 'transaction', operation: 'get', transactionReference: payment.reference, options: {} });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ status: 'failed', statusAsSent: 'FAILED', failureCode: 'CARD_REFUSED' });
		expect(items[0].json.failureCodeMeaning).toEqual(expect.any(String));
	});
});
