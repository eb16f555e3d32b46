// statusCase: seed 004:564 writes the refund answer's status "PENDING", 004:404 UNSUFFICIENT_BALANCE;
// every other example is lower case. The node must work with lower, upper and the mixed (as documented).
import type { IDataObject } from 'n8n-workflow';
import { SEED } from '../../../../sandbox';
import { useMatrixSandbox, type ReadingCase } from './matrix';

const t = useMatrixSandbox();

const CASES: ReadingCase[] = [
	['lower', { statusCase: 'lower' }],
	['upper', { statusCase: 'upper' }],
	['as-documented', { statusCase: 'as-documented' }],
];

describe.each(CASES)('statusCase %s', (_label, readings) => {
	beforeEach(() => t.sb.readings.set(readings));

	it('Refund > Create: one refund, output names it, status pending in any case', async () => {
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
		const refunds = t.sb.state.transactions().filter((x) => x.type === 'refund' && x.originalReference === payment.reference);
		expect(refunds).toHaveLength(1);
		expect(items[0].json).toMatchObject({ reference: refunds[0].reference, status: expect.stringMatching(/^pending$/i) });
	});

	it('Refund > Create refused with unsufficient_balance: the user reads the balance whatever the case of the code', async () => {
		const { error } = await t.run({
			resource: 'refund',
			operation: 'create',
			paymentReference: SEED.payments.lowBalance,
			amountToRefund: 'full',
			additionalFields: {},
			options: {},
		});
		expect(error?.message).toMatch(/^CCV refused the refund/);
		expect(error?.description).toContain('Balance at CCV: credit 0.35, debit 1.7, total 1.35.');
	});

	it('Payment > Create and Transaction > Get / Get Many: the status CCV sent, nothing lost', async () => {
		const created = await t.run({
			resource: 'payment',
			operation: 'create',
			amount: '19.99',
			currency: 'eur',
			method: 'card',
			returnUrl: 'https://shop.example/return',
			additionalFields: { merchantOrderReference: 'MATRIX-1' },
			options: {},
		});
		expect(created.error).toBeUndefined();
		const reference = created.items[0].json.reference as string;
		t.sb.settle(reference, 'failed', { failureCode: 'card_refused' });
		const got = await t.run({ resource: 'transaction', operation: 'get', transactionReference: reference, options: {} });
		expect(got.error).toBeUndefined();
		expect(got.items[0].json).toMatchObject({ status: expect.stringMatching(/^failed$/i), failureCode: expect.stringMatching(/^card_refused$/i) });
		const many = await t.run({ resource: 'transaction', operation: 'getAll', returnAll: true, filters: { merchantOrderReference: 'MATRIX-1' }, options: {} });
		expect(many.error).toBeUndefined();
		expect(many.items.map((i) => (i.json as IDataObject).reference)).toEqual([reference]);
	});
});
