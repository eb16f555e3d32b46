import { useWire } from '../transport/wire';
import { executed, runProbe } from './fakeNode';

// The router checks every item before any item is sent (issue 15 #12), and refuses two items of one
// run that would share one Idempotency-Reference.
const wire = useWire();
beforeEach(() => {
	wire.handle(() => ({ status: 200, body: { ok: true } }));
});

const FAKE_TEST_KEY = ['t', 'router', 'fake'].join('_');
const creds = () => ({ apiKey: FAKE_TEST_KEY, baseUrl: wire.url });
const four = [{ bad: false }, { bad: true }, { bad: false }, { bad: true }];
const badFromItem = { bad: '={{ $json.bad }}' };

describe('every item is checked before anything is sent', () => {
	it('without Continue On Fail, a bad item 2 of 4 stops the run before any request; the error names it and counts the others', async () => {
		const { error, items } = await runProbe(creds(), badFromItem, four);
		expect(wire.log).toHaveLength(0);
		expect(executed).toEqual([]);
		expect(items).toEqual([]);
		expect(error?.message).toBe('Item 2 (index 1): "Bad" is set, so this item is not valid');
		expect(error?.description).toContain('1 more item is not valid either: Item 4 (index 3).');
		expect(error?.description).toContain('Nothing was sent to CCV');
		expect(error?.itemIndex).toBe(1);
	});

	it('one bad item alone: says nothing was sent', async () => {
		const { error } = await runProbe(creds(), badFromItem, [{ bad: false }, { bad: true }]);
		expect(wire.log).toHaveLength(0);
		expect(error?.message).toBe('Item 2 (index 1): "Bad" is set, so this item is not valid');
		expect(error?.description).toMatch(/Nothing was sent to CCV/);
		expect(error?.description).not.toMatch(/more item/);
	});

	it('with Continue On Fail, bad items output their error (paired) and only good items are sent', async () => {
		const { error, items } = await runProbe(creds(), badFromItem, four, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(wire.log).toHaveLength(2);
		expect(executed.sort()).toEqual([0, 2]);
		expect(items.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items[0].json).toEqual({ status: 200, body: { ok: true } });
		expect(items[1].json.error).toBe('Item 2 (index 1): "Bad" is set, so this item is not valid');
		expect(items[3].json.error).toBe('Item 4 (index 3): "Bad" is set, so this item is not valid');
	});
});

describe('two items that would share one Idempotency-Reference', () => {
	const refs = [{ ref: 'R-1' }, { ref: 'R-2' }, { ref: 'R-1' }];
	const refFromItem = { method: 'POST', ref: '={{ $json.ref }}' };

	it('are both refused, naming both items, and nothing is sent', async () => {
		const { error } = await runProbe(creds(), refFromItem, refs);
		expect(wire.log).toHaveLength(0);
		expect(error?.message).toBe('Item 1 (index 0) and Item 3 (index 2) would be the same probe');
		expect(error?.description).toContain('give each its own Idempotency Key');
		expect(error?.description).toContain('Nothing was sent to CCV');
	});

	it('with Continue On Fail, both get an error item and the distinct one is sent', async () => {
		const { error, items } = await runProbe(creds(), refFromItem, refs, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(wire.log.map((r) => r.headers['idempotency-reference'])).toEqual(['R-2']);
		expect(items[0].json.error).toBe('Item 1 (index 0) and Item 3 (index 2) would be the same probe');
		expect(items[2].json.error).toBe('Item 1 (index 0) and Item 3 (index 2) would be the same probe');
		expect(items[1].json.status).toBe(200);
		expect(items.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
