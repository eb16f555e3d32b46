import { useSandbox, byExternalId, byId } from '../sandboxRun';

const t = useSandbox();

async function customerWithCards(externalId: string, cards: number) {
	const { items } = await t.run({
		resource: 'customer',
		operation: 'create',
		customerReference: 'R',
		cardLinking: 'keepOpen',
		additionalFields: { externalId, linkReferences: [`lr-${externalId}`] },
	});
	const linked = Array.from({ length: cards }, () => t.sb.linkCard(`lr-${externalId}`));
	t.sb.clearLog();
	return { id: (items[0].json as { id: string }).id, cards: linked };
}

describe('Card > Get Many', () => {
	it('lists a customer\'s cards, one item each', async () => {
		const c = await customerWithCards('c1', 3);
		const { items } = await t.run({ resource: 'card', operation: 'getAll', customer: byExternalId('c1'), returnAll: true });
		expect(t.calls()).toEqual(['GET /api/v1/customer/externalId/c1/card']);
		expect(items.map((i) => i.json.id).sort()).toEqual(c.cards.map((card) => card.id).sort());
		expect(items[0].json).toEqual(
			expect.objectContaining({ maskedPan: expect.stringMatching(/^\d{4}X+\d{4}$/), created: expect.any(Number) }),
		);
	});

	it('CCV\'s 204 (no cards) is zero items, not an error and not an empty object', async () => {
		const c = await customerWithCards('c2', 0);
		const { items, error } = await t.run({ resource: 'card', operation: 'getAll', customer: byId(c.id), returnAll: true });
		expect(t.sb.log[0]).toMatchObject({ path: `/api/v1/customer/${c.id}/card`, status: 204 });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('stops at Limit', async () => {
		await customerWithCards('c3', 4);
		const { items } = await t.run({ resource: 'card', operation: 'getAll', customer: byExternalId('c3'), returnAll: false, limit: 2 });
		expect(items).toHaveLength(2);
	});
});

describe('Card > Get / Delete / Delete All', () => {
	it('gets one card by ID', async () => {
		const c = await customerWithCards('c4', 1);
		const { items } = await t.run({ resource: 'card', operation: 'get', cardId: c.cards[0].id });
		expect(t.calls()).toEqual([`GET /api/v1/card/${c.cards[0].id}`]);
		expect(items[0].json).toMatchObject({ id: c.cards[0].id, maskedPan: c.cards[0].maskedPan });
	});

	it('deletes one card; deleting it again reports "not found" instead of failing', async () => {
		const c = await customerWithCards('c5', 2);
		const first = await t.run({ resource: 'card', operation: 'delete', cardId: c.cards[0].id });
		const again = await t.run({ resource: 'card', operation: 'delete', cardId: c.cards[0].id });
		expect(t.calls()).toEqual([`DELETE /api/v1/card/${c.cards[0].id}`, `DELETE /api/v1/card/${c.cards[0].id}`]);
		expect(first.items[0].json).toEqual({ id: c.cards[0].id, deleted: true });
		expect(again.items[0].json).toEqual({ id: c.cards[0].id, deleted: false, reason: 'not found' });
		expect(t.sb.state.cards().map((card) => card.id)).toEqual([c.cards[1].id]);
	});

	it('deletes all cards of a customer and keeps the customer', async () => {
		const c = await customerWithCards('c6', 3);
		const { items } = await t.run({ resource: 'card', operation: 'deleteAll', customer: byExternalId('c6') });
		expect(t.calls()).toEqual(['DELETE /api/v1/customer/externalId/c6/card']);
		expect(items[0].json).toEqual({ customer: { externalId: 'c6' }, deleted: true });
		expect(t.sb.state.cards()).toEqual([]);
		expect(t.sb.state.customers().map((x) => x.id)).toEqual([c.id]);
	});

	it('Dry Run reads but removes nothing, and shows the request it would send', async () => {
		const c = await customerWithCards('c7', 2);
		const all = await t.run({ resource: 'card', operation: 'deleteAll', customer: byExternalId('c7'), options: { dryRun: true } });
		const one = await t.run({ resource: 'card', operation: 'delete', cardId: c.cards[0].id, options: { dryRun: true } });
		expect(t.sb.log.every((e) => e.method === 'GET')).toBe(true);
		expect(t.sb.state.cards()).toHaveLength(2);
		expect(all.items[0].json).toMatchObject({
			dryRun: true,
			deleted: false,
			cards: expect.any(Array),
			request: { method: 'DELETE', path: '/api/v1/customer/externalId/c7/card' },
		});
		expect((all.items[0].json.cards as unknown[]).length).toBe(2);
		expect(one.items[0].json).toMatchObject({ dryRun: true, request: { method: 'DELETE', path: `/api/v1/card/${c.cards[0].id}` } });
	});

	it('rejects a card ID that is not a UUID, naming the field', async () => {
		const { error } = await t.run({ resource: 'card', operation: 'get', cardId: '={{ $json.card }}' }, [{ card: 'abc' }]);
		expect(error?.message).toContain('"Card ID" must be a CCV ID');
		expect(t.sb.log).toHaveLength(0);
	});
});
