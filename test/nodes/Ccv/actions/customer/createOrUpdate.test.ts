import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox, byExternalId } from '../sandboxRun';

const t = useSandbox();

const upsert = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'customer',
	operation: 'createOrUpdate',
	externalId: '={{ $json.id }}',
	customerReference: '={{ $json.ref }}',
	cardLinking: 'unchanged',
	linkReferences: '={{ $json.refs }}',
	...extra,
});

async function seed(id: string, ref: string, refs: string[]) {
	const { error } = await t.run(upsert(), [{ id, ref, refs }]);
	expect(error).toBeUndefined();
	t.sb.clearLog();
}

describe('Customer > Create or Update', () => {
	it('creates a customer that CCV does not have (Keep Linking Open for new ones)', async () => {
		const { items } = await t.run(upsert(), [{ id: 'crm-1', ref: 'LOY-1', refs: ['a'] }]);
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/crm-1', 'POST /api/v1/customer']);
		expect(t.sb.log[1].body).toEqual({ customerReference: 'LOY-1', externalId: 'crm-1', registrationExpiration: Number.MAX_SAFE_INTEGER, linkReferences: ['a'] });
		expect(items[0].json).toMatchObject({ action: 'created', customer: { externalId: 'crm-1', customerReference: 'LOY-1' } });
	});

	it('updates only what changed and lists the changes (old -> new)', async () => {
		await seed('crm-2', 'LOY-2', ['a']);
		const id = t.sb.state.customers()[0].id;
		const { items } = await t.run(upsert(), [{ id: 'crm-2', ref: 'LOY-2b', refs: ['b'] }]);
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/crm-2', `PUT /api/v1/customer/${id}`]);
		expect(t.sb.log[1].body).toEqual({ externalId: 'crm-2', customerReference: 'LOY-2b', registrationExpiration: Number.MAX_SAFE_INTEGER, linkReferences: ['a', 'b'] });
		expect(items[0].json).toMatchObject({
			action: 'updated',
			changes: {
				customerReference: { from: 'LOY-2', to: 'LOY-2b' },
				linkReferences: { from: ['a'], to: ['a', 'b'] },
			},
		});
	});

	it('sends no PUT when nothing would change', async () => {
		await seed('crm-3', 'LOY-3', ['a', 'b']);
		const { items } = await t.run(upsert(), [{ id: 'crm-3', ref: 'LOY-3', refs: 'b' }]);
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/crm-3']);
		expect(items[0].json).toMatchObject({ action: 'unchanged', customer: { externalId: 'crm-3' } });
	});

	it('Replace mode leaves exactly the references given', async () => {
		await seed('crm-4', 'LOY-4', ['a', 'b']);
		await t.run(upsert({ options: { linkReferencesMode: 'replace' } }), [{ id: 'crm-4', ref: 'LOY-4', refs: ['c'] }]);
		expect(t.sb.state.customers()[0].linkReferences).toEqual(['c']);
	});

	it('refuses to pick when CCV has two customers with the external ID, writing nothing', async () => {
		await seed('crm-5', 'LOY-5', []);
		// Two records with one external ID cannot be made through the API; put the second one in directly.
		const store = t.sb.state.customers();
		expect(store).toHaveLength(1);
		const { items: twice } = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('crm-5') });
		expect(twice).toHaveLength(1);
		t.sb.faults.add({ match: { method: 'GET', path: '^/api/v1/customer/externalId/crm-5$' }, kind: 'respond', status: 200, body: [store[0], { ...store[0], id: '00000000-0000-4000-8000-000000000000' }] } as never);
		t.sb.clearLog();
		const { error } = await t.run(upsert(), [{ id: 'crm-5', ref: 'X', refs: [] }]);
		expect(error?.message).toBe('Item 1 (index 0): CCV has 2 customers with external ID "crm-5"');
		expect(t.sb.log.every((e) => e.method === 'GET')).toBe(true);
	});

	it('applies items with the same external ID in input order, even at concurrency 5', async () => {
		const items: IDataObject[] = [
			{ id: 'same', ref: 'R1', refs: ['a'] },
			{ id: 'other', ref: 'O', refs: [] },
			{ id: 'same', ref: 'R2', refs: ['b'] },
			{ id: 'same', ref: 'R3', refs: ['c'] },
		];
		const { items: out, error } = await t.run(upsert({ options: { maxConcurrency: 5 } }), items);
		expect(error).toBeUndefined();
		expect(out.map((o) => o.json.action)).toEqual(['created', 'created', 'updated', 'updated']);
		const same = t.sb.state.customers().filter((c) => c.externalId === 'same');
		expect(same).toHaveLength(1);
		expect(same[0]).toMatchObject({ customerReference: 'R3', linkReferences: ['a', 'b', 'c'] });
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});

	it('names the item and field of bad input, and sends nothing for it', async () => {
		const { items } = await t.run(upsert(), [{ id: '', ref: 'R', refs: [] }, { id: 'ok', ref: 'y'.repeat(70), refs: [] }], { continueOnFail: true });
		expect(items[0].json.error).toBe('Item 1 (index 0): "External ID" is required');
		expect(items[1].json.error).toBe('Item 2 (index 1): "Customer Reference" must be at most 64 characters (it has 70)');
		expect(t.sb.log).toHaveLength(0);
	});
});

it('every row carries changes, so n8n\'s table shows no "undefined" (issue 19 #12)', async () => {
	await seed('tbl-1', 'T', ['t']);
	const { items } = await t.run(upsert(), [
		{ id: 'tbl-new', ref: 'N', refs: ['n'] },
		{ id: 'tbl-1', ref: 'T', refs: ['t'] },
	]);
	expect(items.map((i) => i.json.action)).toEqual(['created', 'unchanged']);
	expect(items[0].json.changes).toEqual({
		customerReference: { from: null, to: 'N' },
		externalId: { from: null, to: 'tbl-new' },
		registrationExpiration: { from: null, to: Number.MAX_SAFE_INTEGER },
		linkReferences: { from: null, to: ['n'] },
	});
	expect(items[1].json.changes).toEqual({});
});

describe('Dry Run', () => {
	const contacts = [
		{ id: 'new-1', ref: 'N', refs: ['n'] },
		{ id: 'chg-1', ref: 'CHANGED', refs: ['x'] },
		{ id: 'same-1', ref: 'S', refs: ['s'] },
	];

	async function prepare() {
		await seed('chg-1', 'C', ['x']);
		await seed('same-1', 'S', ['s']);
	}

	it('reads, writes nothing, and reports the same actions and changes as a real run', async () => {
		await prepare();
		const before = JSON.stringify(t.sb.state.customers());
		const dry = await t.run(upsert({ options: { dryRun: true } }), contacts);
		expect(t.sb.log.every((e) => e.method === 'GET')).toBe(true);
		expect(JSON.stringify(t.sb.state.customers())).toBe(before);
		expect(dry.items.map((i) => i.json.dryRun)).toEqual([true, true, true]);
		expect(dry.items[0].json.request).toEqual({
			method: 'POST',
			path: '/api/v1/customer',
			body: { customerReference: 'N', externalId: 'new-1', registrationExpiration: Number.MAX_SAFE_INTEGER, linkReferences: ['n'] },
		});
		expect(JSON.stringify(dry.items)).not.toContain(t.sb.apiKey);

		const real = await t.run(upsert(), contacts);
		const summary = (items: typeof real.items) => items.map((i) => ({ action: i.json.action, changes: i.json.changes }));
		expect(summary(dry.items)).toEqual(summary(real.items));
		expect(summary(real.items).map((s) => s.action)).toEqual(['created', 'updated', 'unchanged']);
	});

	it('on Delete, Update and Link References: reads only', async () => {
		await prepare();
		t.sb.clearLog();
		const del = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId('chg-1'), options: { dryRun: true } });
		const upd = await t.run({ resource: 'customer', operation: 'update', customer: byExternalId('chg-1'), cardLinking: 'disabled', options: { dryRun: true } });
		const add = await t.run({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('chg-1'), linkReferences: ['new'], options: { dryRun: true } });
		const create = await t.run({ resource: 'customer', operation: 'create', customerReference: 'Z', cardLinking: 'keepOpen', options: { dryRun: true } });
		expect(t.sb.log.every((e) => e.method === 'GET')).toBe(true);
		expect(t.sb.state.customers()).toHaveLength(2);
		expect(del.items[0].json).toMatchObject({ dryRun: true, deleted: false, request: { method: 'DELETE', path: '/api/v1/customer/externalId/chg-1' } });
		expect(upd.items[0].json).toMatchObject({ dryRun: true, changes: { registrationExpiration: { from: Number.MAX_SAFE_INTEGER, to: 0 } } });
		expect(add.items[0].json).toMatchObject({ dryRun: true, action: 'updated' });
		expect(create.items[0].json).toMatchObject({ dryRun: true, request: { method: 'POST', path: '/api/v1/customer' } });
		const missing = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId('nobody'), options: { dryRun: true } });
		expect(missing.items[0].json).toEqual({ externalId: 'nobody', deleted: false, reason: 'not found', dryRun: true });
	});
});
