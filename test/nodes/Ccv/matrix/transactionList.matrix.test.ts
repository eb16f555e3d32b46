// Transaction > Get Many against every list reading REFERENCE §7 leaves UNCONFIRMED: envelope,
// order, page size and the unit of createdBefore/createdAfter. Return All must give every
// matching transaction exactly once, whatever CCV's list looks like.
import type { Readings } from '../../../../sandbox';
import { itUnless, useMatrixSandbox } from './matrix';

const t = useMatrixSandbox();

const ENVELOPES: Array<Readings['listEnvelope']> = ['array', 'data', 'data-page'];
const ORDERS: Array<Readings['listOrder']> = ['asc', 'desc'];
const SIZES = [3, 25];

const CASES = ENVELOPES.flatMap((listEnvelope) =>
	ORDERS.flatMap((listOrder) => SIZES.map((listPageSize) => [`${listEnvelope}/${listOrder}/${listPageSize}`, { listEnvelope, listOrder, listPageSize }] as const)),
);

describe.each(CASES)('list %s', (_label, readings) => {
	beforeEach(() => t.sb.readings.set(readings));

	// Under 'desc' the node must notice newest-first pages and page backwards (REFERENCE §7: order unconfirmed).
	it('Return All outputs each matching transaction exactly once', async () => {
		const mine = Array.from({ length: 8 }, (_, i) => t.sb.addPayment({ amount: `${i + 1}.00`, merchantOrderReference: 'LIST-1' }).reference);
		const { items, error } = await t.run({
			resource: 'transaction',
			operation: 'getAll',
			returnAll: true,
			filters: { merchantOrderReference: 'LIST-1' },
			options: {},
		});
		expect(error).toBeUndefined();
		const got = items.map((i) => i.json.reference as string);
		expect([...got].sort()).toEqual([...mine].sort());
	});
});

describe.each([
	['ms', { listTimeUnit: 'ms' }],
	['s', { listTimeUnit: 's' }],
] as const)('listTimeUnit %s', (_label, readings) => {
	beforeEach(() => t.sb.readings.set(readings));

	// Under 's' the node sends epoch ms where CCV would read seconds: nothing matches (REFERENCE §7 unit unconfirmed).
	itUnless(readings.listTimeUnit === 's')('Created After finds the transactions created after the date', async () => {
		t.sb.addPayment({ reference: 'OLD-1', merchantOrderReference: 'TIME-1', created: Date.UTC(2024, 0, 1) });
		t.sb.addPayment({ reference: 'NEW-1', merchantOrderReference: 'TIME-1', created: Date.UTC(2025, 5, 1) });
		const { items, error } = await t.run({
			resource: 'transaction',
			operation: 'getAll',
			returnAll: true,
			filters: { merchantOrderReference: 'TIME-1', createdAfter: '2025-01-01T00:00:00.000Z' },
			options: {},
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.reference)).toEqual(['NEW-1']);
	});
});
