// Transaction > Get and Get Many: exact queries, cursor paging with referenceAfter, filters, and
// list answers in either shape CCV might use.
import type { IDataObject } from 'n8n-workflow';

import { transactionsOf } from '../../../../../nodes/Ccv/actions/transaction/transaction.helpers';
import { LIST_PAGE_SIZE } from '../../../../../sandbox';
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

function run(operation: 'get' | 'getAll', parameters: IDataObject, continueOnFail = false) {
	return t.run({ resource: 'transaction', operation, options: {}, ...parameters }, undefined, { continueOnFail });
}

const queries = () => t.sb.log.map((e) => e.query);

describe('Transaction > Get', () => {
	it('GET /api/v1/transaction?reference= outputs the transaction', async () => {
		const payment = t.sb.addPayment({ amount: '12.34', merchantOrderReference: 'ORD-1' });
		const { items, error } = await run('get', { transactionReference: payment.reference });
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => [e.method, e.path])).toEqual([['GET', '/api/v1/transaction']]);
		expect(queries()).toEqual([{ reference: payment.reference }]);
		expect(items[0].json).toEqual(payment);
	});

	it('Include Related Transactions asks CCV for them', async () => {
		const payment = t.sb.addPayment({ amount: '20.00' });
		t.sb.addPayment({ type: 'refund', amount: '5.00', originalReference: payment.reference });
		const { items } = await run('get', { transactionReference: payment.reference, options: { includeRelatedTransactions: true } });
		expect(queries()).toEqual([{ reference: payment.reference, includeRelatedTransactions: 'true' }]);
		expect(items[0].json.relatedTransactions).toHaveLength(1);
	});

	it('an unknown reference fails the item with unknown_reference; Continue On Fail keeps the rest', async () => {
		const payment = t.sb.addPayment();
		const { items } = await t.run(
			{ resource: 'transaction', operation: 'get', transactionReference: '={{ $json.ref }}', options: {} },
			[{ ref: 'X000000000000000DEADBEEF.X' }, { ref: payment.reference }],
			{ continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({ error: expect.any(String), ccvError: { failureCode: 'unknown_reference' } });
		expect(items[1].json.reference).toBe(payment.reference);
	});
});

describe('Transaction > Get Many', () => {
	function addMany(n: number): string[] {
		return Array.from({ length: n }, (_, i) => t.sb.addPayment({ amount: `${i + 1}.00` }).reference);
	}

	it('Return All pages with referenceAfter = the last reference of each page, until a page is empty', async () => {
		const references = addMany(LIST_PAGE_SIZE * 2 + 10);
		const { items, error } = await run('getAll', { returnAll: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.reference)).toEqual(references);
		expect(queries()).toEqual([
			{},
			{ referenceAfter: references[LIST_PAGE_SIZE - 1] },
			{ referenceAfter: references[LIST_PAGE_SIZE * 2 - 1] },
			{ referenceAfter: references[references.length - 1] },
		]);
		expect(new Set(items.map((i) => JSON.stringify(i.pairedItem)))).toEqual(new Set(['{"item":0}']));
	});

	it('Limit stops paging as soon as it has enough', async () => {
		const references = addMany(LIST_PAGE_SIZE * 2 + 10);
		const { items } = await run('getAll', { returnAll: false, limit: LIST_PAGE_SIZE + 3 });
		expect(items.map((i) => i.json.reference)).toEqual(references.slice(0, LIST_PAGE_SIZE + 3));
		expect(t.sb.log).toHaveLength(2);
	});

	it('sends the filters as CCV names them: dates as epoch ms, reference lists comma-separated', async () => {
		const payment = t.sb.addPayment({ amount: '20.00', merchantOrderReference: 'ORD-9', created: Date.UTC(2025, 0, 10) });
		const refund = t.sb.addPayment({ type: 'refund', amount: '5.00', originalReference: payment.reference, created: Date.UTC(2025, 0, 11) });
		const other = t.sb.addPayment({ amount: '7.00' });
		const { items, error } = await run('getAll', {
			returnAll: true,
			filters: {
				originalReferences: `${payment.reference}, ${other.reference}`,
				createdAfter: '2025-01-01T00:00:00.000Z',
				createdBefore: '2025-02-01T00:00:00.000Z',
				type: 'refund',
				status: 'success',
				amountMinimum: '1.00',
				amountMaximum: '100',
				method: 'card',
			},
		});
		expect(error).toBeUndefined();
		expect(queries()[0]).toEqual({
			originalReferences: `${payment.reference},${other.reference}`,
			createdAfter: String(Date.UTC(2025, 0, 1)),
			createdBefore: String(Date.UTC(2025, 1, 1)),
			type: 'refund',
			status: 'success',
			amountMinimum: '1.00',
			amountMaximum: '100',
			method: 'card',
		});
		expect(items.map((i) => i.json.reference)).toEqual([refund.reference]);
	});

	it('finds payments by merchant order reference (several may share one)', async () => {
		const a = t.sb.addPayment({ merchantOrderReference: 'ORD-5' });
		t.sb.addPayment({ merchantOrderReference: 'ORD-6' });
		const b = t.sb.addPayment({ merchantOrderReference: 'ORD-5' });
		const { items } = await run('getAll', { returnAll: true, filters: { merchantOrderReference: 'ORD-5' } });
		expect(queries()[0]).toEqual({ merchantOrderReference: 'ORD-5' });
		expect(items.map((i) => i.json.reference)).toEqual([a.reference, b.reference]);
	});

	it('no match: no output items', async () => {
		t.sb.addPayment();
		const { items, error } = await run('getAll', { returnAll: true, filters: { merchantOrderReference: 'nothing' } });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	const bad: Array<[string, IDataObject, string]> = [
		['a date that is no date', { createdAfter: 'last tuesday' }, '"Created After" "last tuesday" is not a date'],
		['dates in the wrong order', { createdAfter: '2025-02-01T00:00:00Z', createdBefore: '2025-01-01T00:00:00Z' }, '"Created Before" must be later than "Created After"'],
		['an amount with a comma', { amountMinimum: '1,5' }, '"Amount Minimum" "1,5" uses a comma'],
	];
	it.each(bad)('refuses %s before sending', async (_name, filters, problem) => {
		const { error } = await run('getAll', { returnAll: true, filters });
		expect(error?.message).toContain(`Item 1 (index 0): ${problem}`);
		expect(t.sb.log).toHaveLength(0);
	});
});

describe('list answers: a plain list or an object holding it (CCV does not document which)', () => {
	const tx = (reference: string) => ({ reference, type: 'sale', status: 'success' });
	it.each([
		['a plain list', [tx('A'), tx('B')]],
		['{ transactions: [...] }', { transactions: [tx('A'), tx('B')] }],
		['{ data: [...], page: {...} }', { data: [tx('A'), tx('B')], page: { size: 2 } }],
		['an object with another list key', { hits: [tx('A'), tx('B')], total: 2 }],
	])('%s', (_name, body) => {
		expect(transactionsOf(body).map((tx) => tx.reference)).toEqual(['A', 'B']);
	});

	it('nothing (204) is an empty list', () => {
		expect(transactionsOf(undefined)).toEqual([]);
	});
});
