// Issue 15 #4: no id from an item may change which address at CCV is called. Each trick is refused
// before anything is sent, naming the field; a plain id is always percent-encoded. Issue 28 #5: an
// External ID has no character rule (seed 000:682), so only "." and ".." (also once decoded) are
// refused for it; "/", "?", "#", ";", "\" and "%.." go percent-encoded inside one segment.
import type { INodeParameters } from 'n8n-workflow';

import { useSandbox, byExternalId } from '../sandboxRun';

const t = useSandbox();

const WHY = 'it would change which address at CCV is called';

const tricks: Array<[string, string]> = [
	['.', `cannot be ".": ${WHY}`],
	['..', `cannot be "..": ${WHY}`],
	['%2e', `cannot contain "%2e" (a percent-encoded character): ${WHY}`],
	['%2e%2e', `cannot contain "%2e" (a percent-encoded character): ${WHY}`],
	['%2F', `cannot contain "%2F" (a percent-encoded character): ${WHY}`],
	['crm/1', `cannot contain "/": ${WHY}`],
	['../card', `cannot contain "/": ${WHY}`],
	['crm?x=1', `cannot contain "?": ${WHY}`],
	['crm#1', `cannot contain "#": ${WHY}`],
	['crm\\1', `cannot contain "\\": ${WHY}`],
	['crm;1', `cannot contain ";": ${WHY}`],
];

const byLocator: Array<[string, (v: string) => INodeParameters]> = [
	['Card > Delete All', (v) => ({ resource: 'card', operation: 'deleteAll', customer: byExternalId(v) })],
	['Card > Get Many', (v) => ({ resource: 'card', operation: 'getAll', customer: byExternalId(v), returnAll: true })],
	['Customer > Get', (v) => ({ resource: 'customer', operation: 'get', customer: byExternalId(v) })],
	['Customer > Delete', (v) => ({ resource: 'customer', operation: 'delete', customer: byExternalId(v) })],
	['Customer > Update', (v) => ({ resource: 'customer', operation: 'update', customer: byExternalId(v), cardLinking: 'disabled' })],
	['Customer > Add Link References', (v) => ({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId(v), linkReferences: 'x' })],
	['Customer > Remove Link References', (v) => ({ resource: 'customer', operation: 'removeLinkReferences', customer: byExternalId(v), linkReferences: 'x' })],
	['Customer > Create or Update', (v) => ({ resource: 'customer', operation: 'createOrUpdate', externalId: v, customerReference: 'R', cardLinking: 'unchanged' })],
	['Customer > Create', (v) => ({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { externalId: v } })],
];

const dotTricks: Array<[string, string]> = [
	['.', `cannot be ".": ${WHY}`],
	['..', `cannot be "..": ${WHY}`],
	['%2e', `cannot be "%2e" (it stands for "."): ${WHY}`],
	['%2e%2e', `cannot be "%2e%2e" (it stands for ".."): ${WHY}`],
	['.%2E', `cannot be ".%2E" (it stands for ".."): ${WHY}`],
	['', 'is required'],
];

/** The other tricks are legal external IDs: each stays inside its one segment (the sandbox decodes it once). */
const encodedInOneSegment: Array<[string, string]> = [
	['%2F', '%252F'],
	['crm/1', 'crm%2F1'],
	['../card', '..%2Fcard'],
	['crm?x=1', 'crm%3Fx%3D1'],
	['crm#1', 'crm%231'],
	['crm\\1', 'crm%5C1'],
	['crm;1', 'crm%3B1'],
];

describe.each(byLocator)('%s', (name, parameters) => {
	// On Create the External ID is optional: empty means "none".
	it.each(name === 'Customer > Create' ? dotTricks.filter(([v]) => v !== '') : dotTricks)('External ID %p: nothing is sent, the field is named', async (value, problem) => {
		// From an expression, as a CRM column would give it.
		const { error } = await t.run(parameters('={{ $json.v }}'), [{ v: value }]);
		expect(error?.message).toBe(`Item 1 (index 0): "External ID" ${problem}`);
		expect(t.sb.log).toEqual([]);
	});
});

describe.each(encodedInOneSegment)('External ID %p', (value, segment) => {
	it.each(byLocator.filter(([name]) => name !== 'Customer > Create'))('%s calls the external-ID address with it as one segment', async (_name, parameters) => {
		await t.run(parameters('={{ $json.v }}'), [{ v: value }]);
		expect(t.sb.log.length).toBeGreaterThan(0);
		for (const entry of t.sb.log) {
			if (entry.method === 'POST') continue; // Create or Update may create: the ID is then in the body.
			expect(entry.path).toMatch(new RegExp(`^/api/v1/customer/externalId/${segment.replace(/[%\\]/g, (c) => `\\${c}`)}(/card)?$`));
		}
	});
});

it('Card > Delete All with External ID "." no longer deletes the customer whose external ID is "card"', async () => {
	await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { externalId: 'card' } });
	t.sb.clearLog();
	await t.run({ resource: 'card', operation: 'deleteAll', customer: byExternalId('.'), options: { ignoreNotFound: true } });
	expect(t.sb.log).toEqual([]);
	expect(t.sb.state.customers().map((c) => c.externalId)).toEqual(['card']);
});

it('a plain external ID is percent-encoded into exactly one path segment', async () => {
	await t.run({ resource: 'card', operation: 'getAll', customer: byExternalId('crm 10 € +1'), returnAll: true });
	expect(t.sb.log.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /api/v1/customer/externalId/crm%2010%20%E2%82%AC%20%2B1/card']);
});

describe('Mandate > Get', () => {
	it.each([...tricks, ['MAN1/../../customer', `cannot contain "/": ${WHY}`] as [string, string]])(
		'Mandate ID %p: nothing is sent',
		async (value, problem) => {
			const { error } = await t.run({ resource: 'mandate', operation: 'get', mandateId: '={{ $json.v }}' }, [{ v: value }]);
			expect(error?.message).toBe(`Item 1 (index 0): "Mandate ID" ${problem}`);
			expect(t.sb.log).toEqual([]);
		},
	);

	it('a mandate ID as CCV writes them goes out as it is', async () => {
		await t.run({ resource: 'mandate', operation: 'get', mandateId: 'MAN250802142051429CB87E179.R' });
		expect(t.sb.log.map((e) => e.path)).toEqual(['/api/v1/mandate/MAN250802142051429CB87E179.R']);
	});
});

describe('Card ID and CCV ID are UUIDs: any trick fails the format', () => {
	it.each(['.', '..', '%2e', 'a/b'])('%p', async (value) => {
		const card = await t.run({ resource: 'card', operation: 'delete', cardId: '={{ $json.v }}' }, [{ v: value }]);
		expect(card.error?.message).toMatch(/^Item 1 \(index 0\): "Card ID" must be a CCV ID/);
		const customer = await t.run({ resource: 'card', operation: 'deleteAll', customer: { __rl: true, mode: 'ccvId', value: '={{ $json.v }}' } }, [{ v: value }]);
		expect(customer.error?.message).toMatch(/^Item 1 \(index 0\): "CCV ID" must be a UUID/);
		expect(t.sb.log).toEqual([]);
	});
});
