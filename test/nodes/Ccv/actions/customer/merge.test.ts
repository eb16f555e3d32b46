// Issue 15 #6 and #11: merge writes carry CCV's stored registrationExpiration through, whether it is
// null (optional, seed 000) or above 2^53-1 ("the maximum value" keeps linking open), and never
// PUT /api/v1/customer/undefined.
import type { INodeParameters } from 'n8n-workflow';

import example from '../../../../../examples/crm-to-loyalty-sync.json';
import { basic } from '../../../../sandbox/test-client';
import { useSandbox, byExternalId, byId } from '../sandboxRun';

const t = useSandbox({ seed: true });
const KEEP_OPEN = Number.MAX_SAFE_INTEGER;

async function create(externalId: string | undefined, refs = [`lr-${externalId ?? 'none'}`]): Promise<string> {
	const { items, error } = await t.run({
		resource: 'customer',
		operation: 'create',
		customerReference: `ref-${externalId ?? 'none'}`,
		cardLinking: 'keepOpen',
		additionalFields: { ...(externalId ? { externalId } : {}), linkReferences: refs },
	});
	expect(error).toBeUndefined();
	return items[0].json.id as string;
}

/** A customer whose registrationExpiration is null, as CCV's PUT by external ID leaves it when the field is left out. */
async function customerWithoutExpiration(externalId: string): Promise<string> {
	const id = await create(externalId);
	const res = await fetch(`${t.sb.url}/api/v1/customer/externalId/${externalId}`, {
		method: 'PUT',
		headers: { authorization: basic(t.sb.apiKey), 'content-type': 'application/json' },
		body: JSON.stringify({ externalId, customerReference: `ref-${externalId}`, linkReferences: [`lr-${externalId}`] }),
	});
	expect(res.status).toBe(204);
	expect(t.sb.state.customers().find((c) => c.id === id)?.registrationExpiration).toBeNull();
	t.sb.clearLog();
	return id;
}

/** CCV answers the read with a registrationExpiration above 2^53-1 (here 2^63, which n8n reads as 9223372036854775808). */
function answerWithHugeExpiration(externalId: string, id: string) {
	const stored = t.sb.state.customers().find((c) => c.id === id)!;
	t.sb.faults.add({
		match: { method: 'GET', path: `^/api/v1/customer/externalId/${externalId}$` },
		count: 1,
		kind: 'respond',
		status: 200,
		body: [{ ...stored, registrationExpiration: 2 ** 63 }],
	} as never);
	t.sb.clearLog();
}

const calls = () => t.sb.log.map((e) => `${e.method} ${e.path}`);

describe('registrationExpiration null (optional at CCV)', () => {
	it('Update keeps it null: PUT by external ID, where CCV allows it to be left out', async () => {
		await customerWithoutExpiration('n1');
		const { error } = await t.run({ resource: 'customer', operation: 'update', customer: byExternalId('n1'), cardLinking: 'unchanged', updateFields: { customerReference: 'NEW' } });
		expect(error).toBeUndefined();
		expect(calls()).toEqual(['GET /api/v1/customer/externalId/n1', 'PUT /api/v1/customer/externalId/n1']);
		expect(t.sb.log[1].body).toEqual({ externalId: 'n1', customerReference: 'NEW', registrationExpiration: null, linkReferences: ['lr-n1'] });
		expect(t.sb.state.customers().find((c) => c.externalId === 'n1')).toMatchObject({ customerReference: 'NEW', registrationExpiration: null });
	});

	it('Add Link References keeps it null', async () => {
		await customerWithoutExpiration('n2');
		const { items, error } = await t.run({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('n2'), linkReferences: 'extra' });
		expect(error).toBeUndefined();
		expect(t.sb.log[1]).toMatchObject({ method: 'PUT', path: '/api/v1/customer/externalId/n2', body: { registrationExpiration: null, linkReferences: ['lr-n2', 'extra'] } });
		expect(items[0].json.changes).toEqual({ linkReferences: { from: ['lr-n2'], to: ['lr-n2', 'extra'] } });
	});

	it('Create or Update with Leave Unchanged keeps it null', async () => {
		await customerWithoutExpiration('n3');
		const { items, error } = await t.run({ resource: 'customer', operation: 'createOrUpdate', externalId: 'n3', customerReference: 'ref-n3', cardLinking: 'unchanged', linkReferences: 'b' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ action: 'updated', changes: { linkReferences: { from: ['lr-n3'], to: ['lr-n3', 'b'] } } });
		expect(t.sb.state.customers().find((c) => c.externalId === 'n3')?.registrationExpiration).toBeNull();
	});

	it('a customer without external ID, found by CCV ID: asks for Card Linking and sends no PUT', async () => {
		const id = await create(undefined);
		const stored = t.sb.state.customers().find((c) => c.id === id)!;
		t.sb.faults.add({ match: { method: 'GET', path: `^/api/v1/customer/${id}$` }, kind: 'respond', status: 200, body: { ...stored, registrationExpiration: null } } as never);
		t.sb.clearLog();
		const { error } = await t.run({ resource: 'customer', operation: 'update', customer: byId(id), cardLinking: 'unchanged', updateFields: { customerReference: 'X' } });
		expect(error?.message).toBe('Item 1 (index 0): "Card Linking" must be chosen for this customer: CCV holds no card-linking date for it');
		expect(calls()).toEqual([`GET /api/v1/customer/${id}`]);
		const chosen = await t.run({ resource: 'customer', operation: 'update', customer: byId(id), cardLinking: 'disabled', updateFields: { customerReference: 'X' } });
		expect(chosen.error).toBeUndefined();
		expect(t.sb.log[t.sb.log.length - 1]).toMatchObject({ method: 'PUT', path: `/api/v1/customer/${id}`, body: { registrationExpiration: 0 } });
	});
});

describe('registrationExpiration above 2^53-1 ("the maximum value")', () => {
	it('Update writes Keep Linking Open back (the same meaning) instead of failing', async () => {
		const id = await create('h1');
		answerWithHugeExpiration('h1', id);
		const { items, error } = await t.run({ resource: 'customer', operation: 'update', customer: byExternalId('h1'), cardLinking: 'unchanged', updateFields: { customerReference: 'NEW' } });
		expect(error).toBeUndefined();
		expect(calls()).toEqual(['GET /api/v1/customer/externalId/h1', `PUT /api/v1/customer/${id}`]);
		expect(t.sb.log[1].body).toEqual({ externalId: 'h1', customerReference: 'NEW', registrationExpiration: KEEP_OPEN, linkReferences: ['lr-h1'] });
		expect(items[0].json).toMatchObject({ id, customerReference: 'NEW', registrationExpiration: KEEP_OPEN });
	});

	it('Add Link References says so in its changes, never silently', async () => {
		const id = await create('h2');
		answerWithHugeExpiration('h2', id);
		const { items, error } = await t.run({ resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('h2'), linkReferences: 'new' });
		expect(error).toBeUndefined();
		expect((t.sb.log[1].body as { registrationExpiration: number }).registrationExpiration).toBe(KEEP_OPEN);
		const changes = items[0].json.changes as Record<string, { from: unknown; to: unknown; note?: string }>;
		expect(changes.registrationExpiration).toMatchObject({ from: 2 ** 63, to: KEEP_OPEN, note: expect.stringContaining('means the same') });
	});

	it('Create or Update sends nothing when nothing else changes (Leave Unchanged or Keep Linking Open)', async () => {
		const id = await create('h3');
		for (const cardLinking of ['unchanged', 'keepOpen']) {
			answerWithHugeExpiration('h3', id);
			const { items, error } = await t.run({ resource: 'customer', operation: 'createOrUpdate', externalId: 'h3', customerReference: 'ref-h3', cardLinking, linkReferences: 'lr-h3' });
			expect(error).toBeUndefined();
			expect(calls()).toEqual(['GET /api/v1/customer/externalId/h3']);
			expect(items[0].json.action).toBe('unchanged');
		}
	});
});

describe('the CRM-to-loyalty sync example', () => {
	const parameters = (example.nodes as Array<{ type: string; parameters: INodeParameters }>).find((n) => n.type.endsWith('.ccv'))!.parameters;

	it('syncs customers whose registrationExpiration is null or the maximum long (sandbox seed crm-1007, crm-1008)', async () => {
		t.sb.clearLog();
		const { items, error } = await t.run(parameters, [
			{ crmId: 'crm-1007', loyaltyNumber: 'LOY-1007', cardBarcode: '2900000070071' },
			{ crmId: 'crm-1008', loyaltyNumber: 'LOY-1008', cardBarcode: 'LOY-1008' },
			{ crmId: 'crm-1008', loyaltyNumber: 'LOY-1008-NEW', cardBarcode: '2900000080081' },
		]);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.action)).toEqual(['updated', 'unchanged', 'updated']);
		const byExt = (x: string) => t.sb.state.customers().find((c) => c.externalId === x)!;
		expect(byExt('crm-1007')).toMatchObject({ registrationExpiration: null, linkReferences: ['LOY-1007', '2900000070071'] });
		expect(byExt('crm-1008')).toMatchObject({ customerReference: 'LOY-1008-NEW', linkReferences: ['LOY-1008', '31687654321', '2900000080081'] });
		expect(calls().filter((c) => c.startsWith('PUT'))).toEqual([
			'PUT /api/v1/customer/externalId/crm-1007',
			'PUT /api/v1/customer/c5e1d000-0000-4000-8000-000000001008',
		]);
	});
});

describe('an answer without the customer\'s id (#11)', () => {
	it.each<[string, INodeParameters]>([
		['Update', { resource: 'customer', operation: 'update', customer: byExternalId('x1'), cardLinking: 'unchanged', updateFields: { customerReference: 'NEW' } }],
		['Add Link References', { resource: 'customer', operation: 'addLinkReferences', customer: byExternalId('x1'), linkReferences: 'n' }],
		['Create or Update', { resource: 'customer', operation: 'createOrUpdate', externalId: 'x1', customerReference: 'NEW', cardLinking: 'unchanged' }],
	])('%s refuses to write, naming the missing id; no PUT /api/v1/customer/undefined', async (_name, parameters) => {
		t.sb.faults.add({
			match: { method: 'GET', path: '^/api/v1/customer/externalId/x1$' },
			kind: 'respond',
			status: 200,
			body: [{ externalId: 'x1', customerReference: 'R', registrationExpiration: 0, linkReferences: [] }],
		} as never);
		t.sb.clearLog();
		const { error } = await t.run(parameters);
		expect(error?.message).toBe('Item 1 (index 0): CCV\'s answer has no valid customer ID (id: null), so the customer to write cannot be named');
		expect(calls()).toEqual(['GET /api/v1/customer/externalId/x1']);
	});
});
