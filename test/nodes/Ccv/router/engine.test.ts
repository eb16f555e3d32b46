import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../actions/sandboxRun';

// Issue 15 #12 through a real operation (Customer > Create) and n8n's engine: a bad item 2 of 3
// stops the run before items 1 and 3 go out; re-running after fixing the row then works.
const t = useSandbox();

const create = {
	resource: 'customer',
	operation: 'create',
	customerReference: '={{ $json.ref }}',
	cardLinking: 'keepOpen',
	additionalFields: { externalId: '={{ $json.id }}' },
};
const rows = [
	{ ref: 'R-1', id: 'E-1' },
	{ ref: 'x'.repeat(65), id: 'E-2' },
	{ ref: 'R-3', id: 'E-3' },
];

it('without Continue On Fail: nothing is sent, the error names item 2; the fixed re-run creates all three', async () => {
	const { error, items } = await t.run(create, rows);
	expect(t.sb.log).toHaveLength(0);
	expect(t.sb.state.customers()).toHaveLength(0);
	expect(items).toEqual([]);
	expect(error?.message).toMatch(/^Item 2 \(index 1\): "Customer Reference"/);
	expect(error?.description).toContain('Nothing was sent to CCV for any item');

	const fixed = await t.run(create, [rows[0], { ref: 'R-2', id: 'E-2' }, rows[2]]);
	expect(fixed.error).toBeUndefined();
	expect(t.sb.state.customers()).toHaveLength(3);
});

it('with Continue On Fail: item 2 outputs its error (paired), items 1 and 3 are created', async () => {
	const { error, items } = await t.run(create, rows, { continueOnFail: true });
	expect(error).toBeUndefined();
	expect(t.sb.log.map((e) => e.method)).toEqual(['POST', 'POST']);
	expect(items.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[1].json.error).toMatch(/^Item 2 \(index 1\): "Customer Reference"/);
	expect(t.sb.state.customers()).toHaveLength(2);
});

describe('two partial refunds of one payment with the same own reference in one run (issue 15 #2, issue 24, through the router)', () => {
	const refund = (items: IDataObject[], continueOnFail = false) =>
		t.run(
			{ resource: 'refund', operation: 'create', paymentReference: '={{ $json.payment }}', amount: '={{ $json.amount }}', additionalFields: { merchantOrderReference: '={{ $json.rma }}' }, options: {} },
			items,
			{ continueOnFail },
		);

	it('are both refused, naming both items; nothing is sent', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const { error } = await refund([
			{ payment: payment.reference, amount: '5.00', rma: 'RMA-1' },
			{ payment: payment.reference, amount: '7.00', rma: 'RMA-2' },
			{ payment: payment.reference, amount: '5.00', rma: 'RMA-1' },
		]);
		expect(t.sb.log.filter((e) => e.method === 'POST')).toHaveLength(0);
		expect(error?.message).toMatch(/^Item 1 \(index 0\) and Item 3 \(index 2\) would be the same refund/);
		expect(error?.description).toContain('give each its own Idempotency Key');
		expect(error?.description).toContain('Nothing was sent to CCV for any item');
	});

	it('with Continue On Fail, both output that error and the distinct refund is sent', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const { error, items } = await refund(
			[
				{ payment: payment.reference, amount: '5.00', rma: 'RMA-1' },
				{ payment: payment.reference, amount: '7.00', rma: 'RMA-2' },
				{ payment: payment.reference, amount: '5.00', rma: 'RMA-1' },
			],
			true,
		);
		expect(error).toBeUndefined();
		expect(t.sb.log.filter((e) => e.method === 'POST').map((e) => (e.body as { amount: string }).amount)).toEqual(['7.00']);
		expect(items[0].json.error).toMatch(/would be the same refund/);
		expect(items[2].json.error).toMatch(/would be the same refund/);
		expect(items.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
