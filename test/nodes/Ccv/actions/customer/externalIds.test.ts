// Issue 28 #5: seed 000:682 (also 000:616, 000:1090) gives the External ID a size (max 64) and no
// character rule, so a CRM's "ACME/123", "123;4" or "a%20b" must sync. In a body the ID goes as it
// is; on a path it is percent-encoded into exactly one segment, which the sandbox decodes once.
// ".", ".." and an empty ID stay refused (pathSafety.test.ts): no ID may change the address called.
import { useSandbox, byExternalId } from '../sandboxRun';

const t = useSandbox();

const IDS: Array<[string, string]> = [
	['ACME/123', 'ACME%2F123'],
	['123;4', '123%3B4'],
	['a%20b', 'a%2520b'],
	['crm?x=1#2', 'crm%3Fx%3D1%232'],
	['back\\slash', 'back%5Cslash'],
	['%2F', '%252F'],
];

describe.each(IDS)('External ID %p', (externalId, segment) => {
	it('Customer > Create sends it in the body as it is, and CCV stores it', async () => {
		const { error } = await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { externalId } });
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => [e.method, e.path, (e.body as { externalId?: string }).externalId])).toEqual([['POST', '/api/v1/customer', externalId]]);
		expect(t.sb.state.customers().map((c) => c.externalId)).toEqual([externalId]);
	});

	it('Customer > Get, Card > Get Many, Customer > Update and Delete reach that customer through one encoded path segment', async () => {
		await t.sb.reset();
		await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { externalId } });
		t.sb.clearLog();
		const get = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('={{ $json.v }}') }, [{ v: externalId }]);
		expect(get.error).toBeUndefined();
		expect(get.items[0].json).toMatchObject({ externalId, customerReference: 'R' });
		const cards = await t.run({ resource: 'card', operation: 'getAll', customer: byExternalId(externalId), returnAll: true });
		expect(cards.error).toBeUndefined();
		const update = await t.run({ resource: 'customer', operation: 'update', customer: byExternalId(externalId), cardLinking: 'disabled' });
		expect(update.error).toBeUndefined();
		const path = `/api/v1/customer/externalId/${segment}`;
		// The merge writes back by the address it read, or by the CCV ID it read (the same customer).
		const [{ id }] = t.sb.state.customers();
		const put = t.sb.log[3]?.path;
		expect([path, `/api/v1/customer/${id}`]).toContain(put);
		expect(t.sb.log.map((e) => [e.method, e.path, e.status])).toEqual([
			['GET', path, 200],
			['GET', `${path}/card`, 204],
			['GET', path, 200],
			['PUT', put, 204],
		]);
		expect(t.sb.state.customers().map((c) => [c.externalId, c.registrationExpiration])).toEqual([[externalId, 0]]);
		const del = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId(externalId) });
		expect(del.error).toBeUndefined();
		expect(t.sb.state.customers()).toEqual([]);
	});

	it('Customer > Create or Update finds and updates the customer by it', async () => {
		await t.sb.reset();
		const parameters = { resource: 'customer', operation: 'createOrUpdate', externalId, customerReference: 'R1', cardLinking: 'keepOpen' };
		expect((await t.run(parameters)).error).toBeUndefined();
		expect((await t.run({ ...parameters, customerReference: 'R2' })).error).toBeUndefined();
		expect(t.sb.state.customers().map((c) => [c.externalId, c.customerReference])).toEqual([[externalId, 'R2']]);
		const [{ id }] = t.sb.state.customers();
		const paths = t.sb.log.filter((e) => e.method !== 'POST').map((e) => e.path);
		expect(paths.length).toBeGreaterThan(0);
		for (const path of paths) expect([`/api/v1/customer/externalId/${segment}`, `/api/v1/customer/${id}`]).toContain(path);
	});
});
