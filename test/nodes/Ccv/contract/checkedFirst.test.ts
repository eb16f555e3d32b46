// Every operation checks every item before any item is sent (the operation contract's required
// `prepare`). Refund > Get checked its reference only while sending, so item 1 went out before a bad
// item 2 stopped the run.
import { useSandbox } from '../actions/sandboxRun';

const t = useSandbox();

it('Refund > Get: a bad reference in item 2 of 3 stops the run before any request is sent', async () => {
	const payment = t.sb.addPayment({ amount: '20.00' });
	const refund = t.sb.addPayment({ type: 'refund', amount: '5.00', originalReference: payment.reference, status: 'pending' });
	t.sb.clearLog();
	const { error, items } = await t.run(
		{ resource: 'refund', operation: 'get', refundReference: '={{ $json.reference }}', options: {} },
		[{ reference: refund.reference }, { reference: '' }, { reference: refund.reference }],
	);
	expect(t.calls()).toEqual([]);
	expect(items).toEqual([]);
	expect(error?.message).toBe('Item 2 (index 1): "Refund Reference" is required');
	expect(error?.description).toContain('Nothing was sent to CCV');
});

it('Refund > Get: with Continue On Fail, only the good items are read and the bad one outputs its error', async () => {
	const payment = t.sb.addPayment({ amount: '20.00' });
	const refund = t.sb.addPayment({ type: 'refund', amount: '5.00', originalReference: payment.reference, status: 'pending' });
	t.sb.clearLog();
	const { error, items } = await t.run(
		{ resource: 'refund', operation: 'get', refundReference: '={{ $json.reference }}', options: {} },
		[{ reference: refund.reference }, { reference: '' }],
		{ continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(t.calls()).toEqual([`GET /api/v1/transaction?reference=${refund.reference}`]);
	expect(items.map((o) => o.json.error ?? o.json.reference)).toEqual([refund.reference, 'Item 2 (index 1): "Refund Reference" is required']);
});
