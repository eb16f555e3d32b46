// Issue 28 #7 and #8 (customer part), at the wire.
import { useSandbox, byExternalId } from '../sandboxRun';

const t = useSandbox();

describe('Link References (seed 000:636: a string of at most 64 characters, no character rule)', () => {
	it('a list from an expression is never split: "49,LF" stays one reference', async () => {
		const { error } = await t.run(
			{ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { linkReferences: '={{ $json.refs }}' } },
			[{ refs: ['49,LF', 'LOY-1'] }],
		);
		expect(error).toBeUndefined();
		expect((t.sb.log[0].body as { linkReferences: string[] }).linkReferences).toEqual(['49,LF', 'LOY-1']);
		expect(t.sb.state.customers()[0].linkReferences).toEqual(['49,LF', 'LOY-1']);
	});

	it('typed text is still split on commas', async () => {
		await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { linkReferences: '2900000010012, LOY-1001' } });
		expect((t.sb.log[0].body as { linkReferences: string[] }).linkReferences).toEqual(['2900000010012', 'LOY-1001']);
	});

	it('the field says how to pass a reference that holds a comma', async () => {
		const { description } = await import('../../../../../nodes/Ccv/actions/customer/create.operation');
		const json = JSON.stringify(description);
		expect(json).toMatch(/holds a comma/);
	});
});

describe('Update > Replace Entire Customer (seed 000:1095: registrationExpiration optional by External ID; 000:824: required by CCV ID)', () => {
	it('by External ID, Card Linking "Leave Unchanged" sends the PUT without registrationExpiration', async () => {
		await t.run({ resource: 'customer', operation: 'create', customerReference: 'R', cardLinking: 'keepOpen', additionalFields: { externalId: 'crm-1' } });
		t.sb.clearLog();
		const { error } = await t.run({
			resource: 'customer',
			operation: 'update',
			customer: byExternalId('crm-1'),
			cardLinking: 'unchanged',
			updateMode: 'replace',
			updateFields: { customerReference: 'R2', externalId: 'crm-1' },
		});
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => [e.method, e.path, e.status, e.body])).toEqual([
			['PUT', '/api/v1/customer/externalId/crm-1', 204, { externalId: 'crm-1', customerReference: 'R2' }],
		]);
	});

	it('by CCV ID the page requires it, and the message says only that', async () => {
		const { error } = await t.run({
			resource: 'customer',
			operation: 'update',
			customer: { __rl: true, mode: 'ccvId', value: '632785d0-e01b-466d-8048-f5539665444d' },
			cardLinking: 'unchanged',
			updateMode: 'replace',
			updateFields: { customerReference: 'R2' },
		});
		expect(error?.message).toBe('Item 1 (index 0): "Card Linking" must be set when replacing the entire customer by CCV ID');
		expect(error?.description).toMatch(/^CCV's update by CCV ID requires a registration expiration \(by External ID it is optional\)\. Nothing was sent\./);
		expect(error?.description).not.toMatch(/every update/);
		expect(t.sb.log).toEqual([]);
	});
});
