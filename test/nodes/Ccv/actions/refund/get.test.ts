// Refund > Get: a refund's status by its own reference.
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

const get = (refundReference: string) =>
	t.run({ resource: 'refund', operation: 'get', refundReference, options: {} });

it('reads the refund with GET /api/v1/transaction?reference= and follows its status', async () => {
	const payment = t.sb.addPayment({ amount: '20.00' });
	const refund = t.sb.addPayment({ type: 'refund', amount: '5.00', originalReference: payment.reference, status: 'pending' });

	const pending = await get(refund.reference);
	expect(t.sb.log.map((e) => [e.method, e.path, e.query])).toEqual([['GET', '/api/v1/transaction', { reference: refund.reference }]]);
	expect(pending.items[0].json).toMatchObject({ reference: refund.reference, type: 'refund', status: 'pending', originalReference: payment.reference });

	t.sb.settle(refund.reference, 'success');
	const done = await get(refund.reference);
	expect(done.items[0].json).toMatchObject({ status: 'success', statusFinalDate: expect.any(Number) });
});

it('a failed refund outputs CCV\'s failure code with its meaning', async () => {
	const payment = t.sb.addPayment({ amount: '20.00' });
	const refund = t.sb.addPayment({ type: 'refund', amount: '5.00', originalReference: payment.reference, status: 'pending' });
	t.sb.settle(refund.reference, 'failed', { failureCode: 'unsufficient_balance' });
	const { items } = await get(refund.reference);
	expect(items[0].json).toMatchObject({
		status: 'failed',
		failureCode: 'unsufficient_balance',
		failureCodeMeaning: 'The refund was refused because your balance at CCV for this payment method is too low.',
	});
});

it('an unknown refund reference fails with CCV\'s unknown_reference, explained', async () => {
	const { error } = await get('R000000000000000DEADBEEF.X');
	expect(error?.message).toMatch(/^CCV refused the request/);
	expect(error?.context?.ccvError).toMatchObject({ failureCode: expect.stringMatching(/^unknown_reference$/i) });
	expect(error?.description).toContain('CCV does not know this reference');
});
