// Add / Remove Link References over several items (issue 23 #9): every customer is read and every
// item checked against CCV's answer before any customer is written, so an item that cannot be
// written stops the run with nothing sent (without Continue On Fail).
import { useSandbox, byExternalId, byId } from '../sandboxRun';

const t = useSandbox();

async function addCustomer(externalId: string, linkReferences: string[]): Promise<string> {
	const { items, error } = await t.run({
		resource: 'customer',
		operation: 'create',
		customerReference: `ref-${externalId}`,
		cardLinking: 'keepOpen',
		additionalFields: { externalId, linkReferences },
	});
	expect(error).toBeUndefined();
	return (items[0].json as { id: string }).id;
}

const many = (prefix: string, n: number) => Array.from({ length: n }, (_, k) => `${prefix}${k}`);
const puts = () => t.sb.log.filter((e) => e.method !== 'GET');
const listOf = (externalId: string) => t.sb.state.customers().find((c) => c.externalId === externalId)?.linkReferences;
const perItem = { customer: '={{ { "__rl": true, "mode": "externalId", "value": $json.customer } }}', linkReferences: '={{ $json.refs }}' };

describe('Add / Remove Link References: every item is checked before any is written', () => {
	it('Add: item 2 would make 26, so nothing is written for item 1 either (no PUT at CCV)', async () => {
		await addCustomer('lr-a', ['a0']);
		await addCustomer('lr-b', many('b', 25));
		t.sb.clearLog();
		const { error } = await t.run({ resource: 'customer', operation: 'addLinkReferences', ...perItem }, [
			{ customer: 'lr-a', refs: 'new-a' },
			{ customer: 'lr-b', refs: 'one-more' },
		]);
		expect(puts()).toEqual([]);
		expect(error?.message).toBe('Item 2 (index 1): "Link References" can hold at most 25 link references (this would make 26)');
		expect(error?.description).toContain('Nothing was written to CCV for any item');
		expect(listOf('lr-a')).toEqual(['a0']);
	});

	it('Add: items for one customer are checked in order against each other (20 + 5 + 1 would make 26): nothing is written', async () => {
		await addCustomer('lr-c', []);
		t.sb.clearLog();
		const { error } = await t.run({ resource: 'customer', operation: 'addLinkReferences', ...perItem }, [
			{ customer: 'lr-c', refs: many('c', 20) },
			{ customer: 'lr-c', refs: many('d', 5) },
			{ customer: 'lr-c', refs: ['e0'] },
		]);
		expect(error?.message).toBe('Item 3 (index 2): "Link References" can hold at most 25 link references (this would make 26)');
		expect(puts()).toEqual([]);
		expect(listOf('lr-c') ?? []).toEqual([]);
	});

	it('Add: two items for one customer (one by External ID, one by CCV ID) both land; neither overwrites the other', async () => {
		const id = await addCustomer('lr-d', ['d0']);
		const { items, error } = await t.run(
			{ resource: 'customer', operation: 'addLinkReferences', customer: '={{ $json.customer }}', linkReferences: '={{ $json.refs }}' },
			[
				{ customer: byExternalId('lr-d'), refs: 'd1' },
				{ customer: byId(id), refs: 'd2' },
			],
		);
		expect(error).toBeUndefined();
		expect(listOf('lr-d')).toEqual(['d0', 'd1', 'd2']);
		expect(items.map((i) => (i.json.changes as { linkReferences: { to: string[] } }).linkReferences.to)).toEqual([
			['d0', 'd1'],
			['d0', 'd1', 'd2'],
		]);
	});

	it('Remove: item 2 names a customer CCV does not have, so nothing is written for item 1', async () => {
		await addCustomer('lr-e', ['e0', 'e1']);
		t.sb.clearLog();
		const { error } = await t.run({ resource: 'customer', operation: 'removeLinkReferences', ...perItem }, [
			{ customer: 'lr-e', refs: 'e0' },
			{ customer: 'lr-ghost', refs: 'x' },
		]);
		expect(puts()).toEqual([]);
		expect(error?.message).toBe('Item 2 (index 1): Customer not found: no customer with external ID "lr-ghost"');
		expect(listOf('lr-e')).toEqual(['e0', 'e1']);
	});

	it('with Continue On Fail the items that pass are written and the one that cannot be is an error item', async () => {
		await addCustomer('lr-f', ['f0']);
		await addCustomer('lr-g', many('g', 25));
		const { items } = await t.run(
			{ resource: 'customer', operation: 'addLinkReferences', ...perItem },
			[
				{ customer: 'lr-f', refs: 'f1' },
				{ customer: 'lr-g', refs: 'one-more' },
			],
			{ continueOnFail: true },
		);
		expect(items.map((i) => i.json.action ?? i.json.error)).toEqual([
			'updated',
			'Item 2 (index 1): "Link References" can hold at most 25 link references (this would make 26)',
		]);
		expect(listOf('lr-f')).toEqual(['f0', 'f1']);
		expect(listOf('lr-g')).toHaveLength(25);
	});
});
