// Customers & cards against seed 000: every action, its status codes, error bodies and paging.
import { useTestSandbox } from './testing';

const t = useTestSandbox();

const FUTURE = 4102444800000;
const customer = (extra: Record<string, unknown> = {}) => ({
	externalId: 'a2d33fe6',
	customerReference: '123456789',
	registrationExpiration: FUTURE,
	linkReferences: ['123456789', '49-LF-LF', '31612345678'],
	...extra,
});
const errorShape = { type: 'input_error', reference: expect.stringMatching(/^[0-9a-f]{8}$/) };

describe('add customer (POST /api/v1/customer)', () => {
	it('answers 200 with the whole customer object, epoch-ms timestamps and registered null', async () => {
		const before = Date.now();
		const res = await t.api.post('/api/v1/customer', customer());
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/^application\/json/);
		expect(res.body).toEqual({
			id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
			externalId: 'a2d33fe6',
			customerReference: '123456789',
			registrationExpiration: FUTURE,
			linkReferences: ['123456789', '49-LF-LF', '31612345678'],
			created: expect.any(Number),
			lastUpdated: expect.any(Number),
			registered: null,
		});
		expect(res.body.created).toBeGreaterThanOrEqual(before);
		expect(Object.keys(res.body)).toEqual([
			'id',
			'externalId',
			'customerReference',
			'registrationExpiration',
			'linkReferences',
			'created',
			'lastUpdated',
			'registered',
		]);
	});

	it('stores omitted optional fields as null', async () => {
		const res = await t.api.post('/api/v1/customer', { customerReference: 'R1', registrationExpiration: 0 });
		expect(res.body).toMatchObject({ externalId: null, linkReferences: null, registrationExpiration: 0 });
	});

	it('rejects a customerReference over 64 characters with the documented body', async () => {
		const res = await t.api.post('/api/v1/customer', customer({ customerReference: 'x'.repeat(65) }));
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			...errorShape,
			message: 'customerReference is invalid',
			field: 'customerReference',
			fields: [{ field: 'customerReference', message: 'size must be between 1 and 64' }],
		});
	});

	it('requires customerReference and registrationExpiration, reporting every failed field', async () => {
		const res = await t.api.post('/api/v1/customer', { externalId: 'e1' });
		expect(res.status).toBe(400);
		expect(res.body.field).toBe('customerReference');
		expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['customerReference', 'registrationExpiration']);
	});

	it('rejects an externalId over 64 characters', async () => {
		const res = await t.api.post('/api/v1/customer', customer({ externalId: 'e'.repeat(65) }));
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ field: 'externalId', message: 'externalId is invalid' });
	});

	it('rejects a duplicate externalId with "externalId is not unique"', async () => {
		await t.api.post('/api/v1/customer', customer());
		const res = await t.api.post('/api/v1/customer', customer({ linkReferences: ['other'] }));
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			...errorShape,
			message: 'externalId is not unique',
			field: 'externalId',
			fields: [{ field: 'externalId', message: 'the value must be unique' }],
		});
	});

	it('keeps link references unique across all customers of the merchant', async () => {
		await t.api.post('/api/v1/customer', customer());
		const res = await t.api.post('/api/v1/customer', customer({ externalId: 'other', linkReferences: ['49-LF-LF'] }));
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ field: 'linkReferences', message: 'linkReferences is not unique' });
		expect(t.sb.state.customers()).toHaveLength(1);
	});

	it('allows at most 25 link references of at most 64 characters each', async () => {
		const many = Array.from({ length: 26 }, (_, i) => `L${i}`);
		const tooMany = await t.api.post('/api/v1/customer', customer({ linkReferences: many }));
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.fields).toEqual([{ field: 'linkReferences', message: 'size must be between 0 and 25' }]);
		const tooLong = await t.api.post('/api/v1/customer', customer({ linkReferences: ['ok', 'y'.repeat(65)] }));
		expect(tooLong.status).toBe(400);
		expect(tooLong.body.fields).toEqual([{ field: 'linkReferences[1]', message: 'size must be between 1 and 64' }]);
		const exactly = await t.api.post('/api/v1/customer', customer({ linkReferences: many.slice(0, 25) }));
		expect(exactly.status).toBe(200);
	});

	it('rejects a registrationExpiration that is not an integer', async () => {
		const res = await t.api.post('/api/v1/customer', customer({ registrationExpiration: '1612194997000' }));
		expect(res.status).toBe(400);
		expect(res.body.field).toBe('registrationExpiration');
	});
});

describe('customers by id', () => {
	it('GET answers the customer, or 404 "Customer not found" on field id', async () => {
		const { body: created } = await t.api.post('/api/v1/customer', customer());
		const res = await t.api.get(`/api/v1/customer/${created.id}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual(created);
		const missing = await t.api.get('/api/v1/customer/632785d0-e01b-466d-8048-f5539665444d');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ ...errorShape, message: 'Customer not found', field: 'id' });
	});

	it('PUT replaces the whole customer: 204, omitted fields become null', async () => {
		const { body: created } = await t.api.post('/api/v1/customer', customer());
		const res = await t.api.put(`/api/v1/customer/${created.id}`, { customerReference: 'NEW', registrationExpiration: 0 });
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
		const { body: after } = await t.api.get(`/api/v1/customer/${created.id}`);
		expect(after).toMatchObject({ id: created.id, externalId: null, customerReference: 'NEW', linkReferences: null, registrationExpiration: 0 });
		expect(after.created).toBe(created.created);
	});

	it('PUT requires registrationExpiration and validates like add', async () => {
		const { body: created } = await t.api.post('/api/v1/customer', customer());
		const res = await t.api.put(`/api/v1/customer/${created.id}`, { customerReference: 'NEW' });
		expect(res.status).toBe(400);
		expect(res.body.field).toBe('registrationExpiration');
	});

	it('PUT may keep its own externalId and link references, but not take another customer\'s', async () => {
		const { body: a } = await t.api.post('/api/v1/customer', customer());
		await t.api.post('/api/v1/customer', customer({ externalId: 'b', linkReferences: ['B-1'] }));
		expect((await t.api.put(`/api/v1/customer/${a.id}`, customer())).status).toBe(204);
		const clash = await t.api.put(`/api/v1/customer/${a.id}`, customer({ linkReferences: ['B-1'] }));
		expect(clash.status).toBe(400);
		expect(clash.body.message).toBe('linkReferences is not unique');
	});

	it('PUT and DELETE of an unknown id answer 404', async () => {
		expect((await t.api.put('/api/v1/customer/nope', customer())).status).toBe(404);
		const del = await t.api.delete('/api/v1/customer/nope');
		expect(del.status).toBe(404);
		expect(del.body).toMatchObject({ message: 'Customer not found', field: 'id' });
	});

	it('DELETE removes the customer and its cards: 204', async () => {
		const { body: created } = await t.api.post('/api/v1/customer', customer());
		const card = t.sb.linkCard('49-LF-LF');
		const res = await t.api.delete(`/api/v1/customer/${created.id}`);
		expect(res.status).toBe(204);
		expect(t.sb.state.customers()).toEqual([]);
		expect((await t.api.get(`/api/v1/card/${card.id}`)).status).toBe(404);
	});

	it('card list: 204 without cards, 200 with an array of card objects; DELETE removes them all', async () => {
		const { body: created } = await t.api.post('/api/v1/customer', customer());
		const empty = await t.api.get(`/api/v1/customer/${created.id}/card`);
		expect(empty.status).toBe(204);
		expect(empty.text).toBe('');
		const one = t.sb.linkCard('123456789', { maskedPan: '4111XXXXXXXX1111' });
		t.sb.linkCard('31612345678', { maskedPan: '5222XXXXXXXX2222' });
		const list = await t.api.get(`/api/v1/customer/${created.id}/card`);
		expect(list.status).toBe(200);
		expect(list.body).toHaveLength(2);
		expect(list.body).toContainEqual({ id: one.id, maskedPan: '4111XXXXXXXX1111', created: one.created, lastUpdated: one.lastUpdated });
		expect((await t.api.delete(`/api/v1/customer/${created.id}/card`)).status).toBe(204);
		expect((await t.api.get(`/api/v1/customer/${created.id}/card`)).status).toBe(204);
		expect(t.sb.state.customers()).toHaveLength(1);
	});

	it('card actions on an unknown customer answer 404 on field id', async () => {
		for (const res of [await t.api.get('/api/v1/customer/x/card'), await t.api.delete('/api/v1/customer/x/card')]) {
			expect(res.status).toBe(404);
			expect(res.body).toMatchObject({ message: 'Customer not found', field: 'id' });
		}
	});
});

describe('customers by external id', () => {
	it('GET answers an array holding the customer', async () => {
		const { body: created } = await t.api.post('/api/v1/customer', customer());
		const res = await t.api.get('/api/v1/customer/externalId/a2d33fe6');
		expect(res.status).toBe(200);
		expect(res.body).toEqual([created]);
	});

	it('answers 404 "Customer not found" on field externalId for every action', async () => {
		const calls = [
			t.api.get('/api/v1/customer/externalId/nope'),
			t.api.put('/api/v1/customer/externalId/nope', customer()),
			t.api.delete('/api/v1/customer/externalId/nope'),
			t.api.get('/api/v1/customer/externalId/nope/card'),
			t.api.delete('/api/v1/customer/externalId/nope/card'),
		];
		for (const res of await Promise.all(calls)) {
			expect(res.status).toBe(404);
			expect(res.body).toEqual({ ...errorShape, message: 'Customer not found', field: 'externalId' });
		}
	});

	it('PUT replaces (registrationExpiration optional here, as documented), DELETE removes', async () => {
		const { body: created } = await t.api.post('/api/v1/customer', customer());
		const put = await t.api.put('/api/v1/customer/externalId/a2d33fe6', { externalId: 'a2d33fe6', customerReference: 'R2' });
		expect(put.status).toBe(204);
		const { body: after } = await t.api.get(`/api/v1/customer/${created.id}`);
		expect(after).toMatchObject({ customerReference: 'R2', registrationExpiration: null, linkReferences: null });
		expect((await t.api.delete('/api/v1/customer/externalId/a2d33fe6')).status).toBe(204);
		expect((await t.api.get(`/api/v1/customer/${created.id}`)).status).toBe(404);
	});

	it('cards by external id: 204/200 and DELETE 204', async () => {
		await t.api.post('/api/v1/customer', customer());
		expect((await t.api.get('/api/v1/customer/externalId/a2d33fe6/card')).status).toBe(204);
		t.sb.linkCard('49-LF-LF');
		const list = await t.api.get('/api/v1/customer/externalId/a2d33fe6/card');
		expect(list.status).toBe(200);
		expect(list.body).toHaveLength(1);
		expect((await t.api.delete('/api/v1/customer/externalId/a2d33fe6/card')).status).toBe(204);
		expect(t.sb.state.cards()).toEqual([]);
	});

	it('decodes externalIds with reserved characters', async () => {
		await t.api.post('/api/v1/customer', customer({ externalId: 'crm/1 001' }));
		const res = await t.api.get(`/api/v1/customer/externalId/${encodeURIComponent('crm/1 001')}`);
		expect(res.status).toBe(200);
		expect(res.body[0].externalId).toBe('crm/1 001');
	});
});

describe('customers by reference (paged)', () => {
	beforeEach(async () => {
		for (let i = 0; i < 12; i++) {
			await t.api.post('/api/v1/customer', customer({ externalId: `e${i}`, linkReferences: [`L${i}`] }));
		}
		await t.api.post('/api/v1/customer', customer({ externalId: 'other', customerReference: 'OTHER', linkReferences: null }));
	});

	it('defaults to page 0 of size 10 with the page object', async () => {
		const res = await t.api.get('/api/v1/customer?customerReference=123456789');
		expect(res.status).toBe(200);
		expect(res.body.data).toHaveLength(10);
		expect(res.body.page).toEqual({ size: 10, totalElements: 12, totalPages: 2, number: 0 });
		expect(res.body.data[0].externalId).toBe('e0');
	});

	it('pages with page and size', async () => {
		const res = await t.api.get('/api/v1/customer?customerReference=123456789&page=1&size=5');
		expect(res.body.data.map((c: { externalId: string }) => c.externalId)).toEqual(['e5', 'e6', 'e7', 'e8', 'e9']);
		expect(res.body.page).toEqual({ size: 5, totalElements: 12, totalPages: 3, number: 1 });
		const past = await t.api.get('/api/v1/customer?customerReference=123456789&page=9');
		expect(past.body.data).toEqual([]);
	});

	it('answers an empty page when nobody has the reference', async () => {
		const res = await t.api.get('/api/v1/customer?customerReference=none');
		expect(res.body).toEqual({ data: [], page: { size: 10, totalElements: 0, totalPages: 0, number: 0 } });
	});

	it('rejects size above 50, a negative page, and a missing customerReference', async () => {
		const big = await t.api.get('/api/v1/customer?customerReference=123456789&size=51');
		expect(big.status).toBe(400);
		expect(big.body.fields).toEqual([{ field: 'size', message: 'must be less than or equal to 50' }]);
		expect((await t.api.get('/api/v1/customer?customerReference=123456789&size=50')).status).toBe(200);
		expect((await t.api.get('/api/v1/customer?customerReference=123456789&page=-1')).body.field).toBe('page');
		const none = await t.api.get('/api/v1/customer');
		expect(none.status).toBe(400);
		expect(none.body.field).toBe('customerReference');
	});
});

describe('cards', () => {
	it('GET /card/{id} answers the card object, DELETE removes it (204), both 404 "Card not found" after', async () => {
		await t.api.post('/api/v1/customer', customer());
		const card = t.sb.linkCard('123456789', { maskedPan: '4111XXXXXXXX1111' });
		const res = await t.api.get(`/api/v1/card/${card.id}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ id: card.id, maskedPan: '4111XXXXXXXX1111', created: card.created, lastUpdated: card.lastUpdated });
		expect((await t.api.delete(`/api/v1/card/${card.id}`)).status).toBe(204);
		for (const gone of [await t.api.get(`/api/v1/card/${card.id}`), await t.api.delete(`/api/v1/card/${card.id}`)]) {
			expect(gone.status).toBe(404);
			expect(gone.body).toEqual({ ...errorShape, message: 'Card not found', field: 'id' });
		}
	});

	it('linking sets registered once and moves a card between customers by id', async () => {
		const { body: a } = await t.api.post('/api/v1/customer', customer());
		const { body: b } = await t.api.post('/api/v1/customer', customer({ externalId: 'b', linkReferences: ['B'] }));
		const card = t.sb.linkCard('123456789');
		const registered = (await t.api.get(`/api/v1/customer/${a.id}`)).body.registered;
		expect(registered).toEqual(expect.any(Number));
		t.sb.linkCard('B', { id: card.id });
		expect((await t.api.get(`/api/v1/customer/${a.id}/card`)).status).toBe(204);
		expect((await t.api.get(`/api/v1/customer/${b.id}/card`)).body.map((c: { id: string }) => c.id)).toEqual([card.id]);
	});

	it('refuses to link once registrationExpiration has passed, or for an unknown link reference', async () => {
		await t.api.post('/api/v1/customer', customer({ registrationExpiration: 0 }));
		expect(() => t.sb.linkCard('123456789')).toThrow(/registrationExpiration passed/);
		expect(() => t.sb.linkCard('unknown')).toThrow(/No customer holds link reference unknown/);
	});
});
