import { useSandbox, byExternalId, byId } from '../sandboxRun';

const t = useSandbox();
const KEEP_OPEN = Number.MAX_SAFE_INTEGER;

async function addCustomer(externalId: string, extra: Record<string, unknown> = {}) {
	const { items, error } = await t.run({
		resource: 'customer',
		operation: 'create',
		customerReference: `ref-${externalId}`,
		cardLinking: 'keepOpen',
		additionalFields: { externalId, linkReferences: [`lr-${externalId}`] },
		...extra,
	});
	expect(error).toBeUndefined();
	return items[0].json as { id: string };
}

describe('Customer > Create', () => {
	it('sends exactly the customer given and outputs CCV\'s customer', async () => {
		const { items, error } = await t.run({
			resource: 'customer',
			operation: 'create',
			customerReference: 'LOY-1',
			cardLinking: 'until',
			linkingUntil: '2030-01-01T00:00:00.000Z',
			additionalFields: { externalId: 'crm-1', linkReferences: '123, 49-LF-LF' },
		});
		expect(error).toBeUndefined();
		expect(t.sb.log).toHaveLength(1);
		expect(t.sb.log[0]).toMatchObject({
			method: 'POST',
			path: '/api/v1/customer',
			body: {
				customerReference: 'LOY-1',
				externalId: 'crm-1',
				registrationExpiration: Date.parse('2030-01-01T00:00:00.000Z'),
				linkReferences: ['123', '49-LF-LF'],
			},
		});
		expect(t.sb.log[0].headers['user-agent']).toMatch(/^n8n-nodes-ccv\/\d+\.\d+\.\d+$/);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ customerReference: 'LOY-1', externalId: 'crm-1', linkReferences: ['123', '49-LF-LF'] });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([
		['keepOpen', KEEP_OPEN],
		['disabled', 0],
	])('card linking "%s" sends registrationExpiration %p', async (cardLinking, expected) => {
		await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking });
		expect((t.sb.log[0].body as { registrationExpiration: number }).registrationExpiration).toBe(expected);
	});

	it('rejects a bad item before sending anything, naming the item and the field', async () => {
		const { error } = await t.run(
			{ resource: 'customer', operation: 'create', customerReference: '={{ $json.ref }}', cardLinking: 'keepOpen' },
			[{ ref: 'ok' }, { ref: 'x'.repeat(65) }],
		);
		expect(error?.message).toBe('Item 2 (index 1): "Customer Reference" must be at most 64 characters (it has 65)');
		// Every item is checked before any is sent: the good item 1 did not go out either.
		expect(t.sb.log).toHaveLength(0);
	});

	it('rejects seconds where CCV expects milliseconds', async () => {
		const { error } = await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'until', linkingUntil: '={{ 1893456000 }}' });
		expect(error?.message).toContain('looks like seconds since 1970; CCV expects milliseconds (1893456000000)');
		expect(t.sb.log).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item outputs its error and the others go through', async () => {
		const { items } = await t.run(
			{
				resource: 'customer',
				operation: 'create',
				customerReference: 'R',
				cardLinking: 'keepOpen',
				additionalFields: { linkReferences: '={{ $json.refs }}' },
			},
			[{ refs: 'a' }, { refs: Array.from({ length: 26 }, (_, k) => `r${k}`) }, { refs: 'c' }],
			{ continueOnFail: true },
		);
		expect(items).toHaveLength(3);
		expect(items[1].json.error).toBe('Item 2 (index 1): "Link References" can hold at most 25 link references (this would make 26)');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(t.sb.state.customers()).toHaveLength(2);
	});

	it('passes CCV\'s error object on intact (duplicate external ID)', async () => {
		await addCustomer('dup');
		const { error } = await t.run({
			resource: 'customer',
			operation: 'create',
			customerReference: 'R',
			cardLinking: 'keepOpen',
			additionalFields: { externalId: 'dup' },
		});
		expect(error?.httpCode).toBe('400');
		expect(error?.context?.ccvError).toMatchObject({ type: 'input_error', field: 'externalId' });
		expect(error?.description).toContain('Field "externalId"');
	});
});

describe('Customer > Get', () => {
	it('by external ID outputs one item per customer CCV returns', async () => {
		const created = await addCustomer('g1');
		t.sb.clearLog();
		const { items } = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('g1') });
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/g1']);
		expect(items.map((i) => i.json.id)).toEqual([created.id]);
	});

	it('by CCV ID', async () => {
		const created = await addCustomer('g2');
		t.sb.clearLog();
		const { items } = await t.run({ resource: 'customer', operation: 'get', customer: byId(created.id) });
		expect(t.calls()).toEqual([`GET /api/v1/customer/${created.id}`]);
		expect(items[0].json).toMatchObject({ id: created.id, externalId: 'g2' });
	});

	it('fails plainly when the customer does not exist, or outputs nothing with Ignore Not Found', async () => {
		const missing = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('nobody') });
		expect(missing.error?.message).toBe('Item 1 (index 0): Customer not found: no customer with external ID "nobody"');
		const ignored = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('nobody'), options: { ignoreNotFound: true } });
		expect(ignored.error).toBeUndefined();
		expect(ignored.items).toEqual([]);
	});

	it('rejects a CCV ID that is not a UUID without sending anything', async () => {
		// A typed-in value is caught by n8n's own field check; one from an expression by ours.
		const { error } = await t.run({ resource: 'customer', operation: 'get', customer: byId('={{ $json.id }}') }, [{ id: '12345' }]);
		expect(error?.message).toBe('Item 1 (index 0): "CCV ID" must be a UUID such as 632785d0-e01b-466d-8048-f5539665444d (the ID CCV gave the customer)');
		expect(t.sb.log).toHaveLength(0);
	});
});

describe('Customer > Get Many', () => {
	beforeEach(async () => {
		for (let k = 0; k < 120; k++) {
			await addCustomer(`p${k}`, { customerReference: 'SHARED' });
		}
		t.sb.clearLog();
	});

	it('Return All pages through all 3 pages of 50', async () => {
		const { items } = await t.run({ resource: 'customer', operation: 'getAll', customerReference: 'SHARED', returnAll: true });
		expect(items).toHaveLength(120);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(120);
		expect(t.calls()).toEqual([0, 1, 2].map((p) => `GET /api/v1/customer?customerReference=SHARED&page=${p}&size=50`));
	});

	it('stops exactly at Limit', async () => {
		const { items } = await t.run({ resource: 'customer', operation: 'getAll', customerReference: 'SHARED', returnAll: false, limit: 7 });
		expect(items).toHaveLength(7);
		expect(t.calls()).toEqual(['GET /api/v1/customer?customerReference=SHARED&page=0&size=7']);
	});
});

describe('Customer > Update', () => {
	it('merges: only the fields set change; link references, external ID and expiration stay', async () => {
		const created = await addCustomer('u1');
		t.sb.clearLog();
		const { items, error } = await t.run({
			resource: 'customer',
			operation: 'update',
			customer: byExternalId('u1'),
			cardLinking: 'unchanged',
			updateFields: { customerReference: 'NEW-REF' },
		});
		expect(error).toBeUndefined();
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/u1', `PUT /api/v1/customer/${created.id}`]);
		expect(t.sb.log[1].body).toEqual({
			externalId: 'u1',
			customerReference: 'NEW-REF',
			registrationExpiration: KEEP_OPEN,
			linkReferences: ['lr-u1'],
		});
		expect(t.sb.state.customers()[0]).toMatchObject({ externalId: 'u1', customerReference: 'NEW-REF', linkReferences: ['lr-u1'], registrationExpiration: KEEP_OPEN });
		expect(items[0].json).toMatchObject({ id: created.id, customerReference: 'NEW-REF' });
	});

	it('Replace Entire Customer sends exactly what was given (and CCV clears the rest)', async () => {
		const created = await addCustomer('u2');
		t.sb.clearLog();
		await t.run({
			resource: 'customer',
			operation: 'update',
			customer: byId(created.id),
			cardLinking: 'disabled',
			updateFields: { customerReference: 'ONLY' },
			updateMode: 'replace',
		});
		expect(t.calls()).toEqual([`PUT /api/v1/customer/${created.id}`]);
		expect(t.sb.log[0].body).toEqual({ externalId: null, customerReference: 'ONLY', registrationExpiration: 0 });
	});

	it('fails when the customer does not exist, sending no PUT', async () => {
		const { error } = await t.run({ resource: 'customer', operation: 'update', customer: byExternalId('ghost'), cardLinking: 'disabled' });
		expect(error?.message).toContain('Customer not found');
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/ghost']);
	});
});

describe('Customer > Add / Remove Link References', () => {
	it('adds only new references and writes the whole customer back', async () => {
		const created = await addCustomer('l1');
		t.sb.clearLog();
		const { items } = await t.run({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('l1'), linkReferences: ['lr-l1', 'extra'] });
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/l1', `PUT /api/v1/customer/${created.id}`]);
		expect((t.sb.log[1].body as { linkReferences: string[] }).linkReferences).toEqual(['lr-l1', 'extra']);
		expect(items[0].json).toMatchObject({ action: 'updated', changes: { linkReferences: { from: ['lr-l1'], to: ['lr-l1', 'extra'] } } });
	});

	it('adding a reference it has, or removing one it lacks, writes nothing', async () => {
		await addCustomer('l2');
		t.sb.clearLog();
		const add = await t.run({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('l2'), linkReferences: ['lr-l2'] });
		const remove = await t.run({ resource: 'customer', operation: 'removeLinkReferences', customer: byExternalId('l2'), linkReferences: ['absent'] });
		expect(add.items[0].json.action).toBe('unchanged');
		expect(remove.items[0].json.action).toBe('unchanged');
		expect(t.sb.log.every((e) => e.method === 'GET')).toBe(true);
	});

	it('removes a reference, keeping the others', async () => {
		await addCustomer('l3', { additionalFields: { externalId: 'l3', linkReferences: ['a', 'b', 'c'] } });
		await t.run({ resource: 'customer', operation: 'removeLinkReferences', customer: byExternalId('l3'), linkReferences: 'b' });
		expect(t.sb.state.customers()[0].linkReferences).toEqual(['a', 'c']);
	});

	it('names the count when the list would exceed 25', async () => {
		await addCustomer('l4', { additionalFields: { externalId: 'l4', linkReferences: Array.from({ length: 25 }, (_, k) => `x${k}`) } });
		t.sb.clearLog();
		const { error } = await t.run({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('l4'), linkReferences: ['one-more'] });
		expect(error?.message).toBe('Item 1 (index 0): "Link References" can hold at most 25 link references (this would make 26)');
		expect(t.sb.log.every((e) => e.method === 'GET')).toBe(true);
	});
});

describe('Customer > Delete', () => {
	it('removes by external ID and reports it; a second run is safe', async () => {
		await addCustomer('d1');
		t.sb.clearLog();
		const first = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId('d1') });
		const second = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId('d1') });
		expect(t.calls()).toEqual(['DELETE /api/v1/customer/externalId/d1', 'DELETE /api/v1/customer/externalId/d1']);
		expect(first.items[0].json).toEqual({ externalId: 'd1', deleted: true });
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toEqual({ externalId: 'd1', deleted: false, reason: 'not found' });
	});

	it('fails on a missing customer when Ignore Not Found is off', async () => {
		const { error } = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId('gone'), options: { ignoreNotFound: false } });
		expect(error?.message).toContain('Customer not found');
	});

	it('counts a DELETE whose answer was lost, then repeated, as deleted', async () => {
		await addCustomer('d2');
		t.sb.faults.add({ match: { method: 'DELETE' }, count: 1, kind: 'drop-after-apply' });
		t.sb.clearLog();
		const { items, error } = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId('d2') });
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => e.status)).toEqual([0, 404]);
		expect(items[0].json).toEqual({ externalId: 'd2', deleted: true });
	});
});
