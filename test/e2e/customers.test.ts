// Every customer and card operation of the CCV node, run once in a real n8n against the sandbox:
// one workflow, one `n8n execute` (see harness.ts for the pattern).
import { SEED } from '../../sandbox';
import { nodeErrorItems, okItems, useStepsRun } from './harness';
import { customerSteps } from './customers.steps';

const KEEP_LINKING_OPEN = Number.MAX_SAFE_INTEGER;
const e2e = useStepsRun('e2e: customers and cards', customerSteps);

describe('customers', () => {
	test('the workflow ran to the end', () => {
		expect(e2e.run.data.resultData.error).toBeUndefined();
	});

	test('Create sends the customer with Keep Linking Open and outputs what CCV answered', () => {
		const [created] = okItems(e2e.run, 'Create customer');
		expect(created).toMatchObject({ externalId: 'crm-2001', customerReference: 'LOY-2001', linkReferences: ['LOY-2001', 'BAR-2001'] });
		const posted = e2e.requests('POST', '/api/v1/customer').map((entry) => entry.body as { externalId?: string });
		expect(posted.filter((body) => body.externalId === 'crm-2001')).toEqual([
			{
				customerReference: 'LOY-2001',
				externalId: 'crm-2001',
				registrationExpiration: KEEP_LINKING_OPEN,
				linkReferences: ['LOY-2001', 'BAR-2001'],
			},
		]);
		expect(e2e.sandbox.state.customers().find((customer) => customer.externalId === 'crm-2001')).toBeDefined();
	});

	test('Get finds a customer by external ID and by CCV ID', () => {
		expect(okItems(e2e.run, 'Get customer by external ID')).toEqual([
			expect.objectContaining({ id: SEED.customers['crm-1001'], externalId: 'crm-1001' }),
		]);
		expect(okItems(e2e.run, 'Get customer by CCV ID')).toEqual([
			expect.objectContaining({ id: SEED.customers['crm-1002'], externalId: 'crm-1002' }),
		]);
	});

	test('Get of an unknown customer fails the item with a plain message', () => {
		const [failure] = nodeErrorItems(e2e.run, 'Get unknown customer');
		expect(failure.error).toContain('Customer not found');
		expect(failure.error).toContain('crm-9999');
	});

	test('Get Many returns every customer with the customer reference', () => {
		const found = okItems(e2e.run, 'Get many customers').map((customer) => customer.externalId);
		expect(found.sort()).toEqual(['crm-1001', 'crm-1006']);
		expect(e2e.requests('GET', '/api/v1/customer')[0].query).toMatchObject({ customerReference: 'LOY-1001' });
	});

	test('Update changes only the given field and keeps the link references', () => {
		const [updated] = okItems(e2e.run, 'Update customer');
		expect(updated).toMatchObject({ externalId: 'crm-1002', customerReference: 'LOY-1002-NEW' });
		const put = e2e.requests('PUT', `/api/v1/customer/${SEED.customers['crm-1002']}`)[0];
		expect(put.body).toMatchObject({ customerReference: 'LOY-1002-NEW', externalId: 'crm-1002', linkReferences: ['LOY-1002'] });
	});

	test('Add and Remove Link References keep the other references', () => {
		expect(okItems(e2e.run, 'Add link references')[0]).toMatchObject({ action: 'updated' });
		expect(e2e.requests('PUT', `/api/v1/customer/${SEED.customers['crm-1001']}`)[0].body).toMatchObject({
			linkReferences: ['LOY-1001', '31612345678', 'BAR-1001'],
		});
		expect(okItems(e2e.run, 'Remove link references')[0]).toMatchObject({ action: 'updated' });
		const crm1006 = e2e.sandbox.state.customers().find((customer) => customer.externalId === 'crm-1006');
		expect(crm1006?.linkReferences ?? []).toEqual([]);
	});

	test('merge writes keep a null card-linking date and survive the maximum long (real n8n JSON parsing)', () => {
		expect(okItems(e2e.run, 'Update customer without card-linking date')[0]).toMatchObject({ externalId: 'crm-1007', customerReference: 'LOY-1007-NEW' });
		expect(e2e.requests('PUT', '/api/v1/customer/externalId/crm-1007')[0].body).toMatchObject({ customerReference: 'LOY-1007-NEW', registrationExpiration: null });
		expect(e2e.sandbox.state.customers().find((customer) => customer.externalId === 'crm-1007')?.registrationExpiration).toBeNull();
		expect(okItems(e2e.run, 'Add link references at maximal card linking')[0]).toMatchObject({
			action: 'updated',
			changes: { registrationExpiration: { to: KEEP_LINKING_OPEN } },
		});
		expect(e2e.requests('PUT', `/api/v1/customer/${SEED.customers['crm-1008']}`)[0].body).toMatchObject({
			registrationExpiration: KEEP_LINKING_OPEN,
			linkReferences: ['LOY-1008', '31687654321', 'BAR-1008'],
		});
	});

	test('Create or Update updates a known external ID and creates an unknown one', () => {
		const [known, unknown] = okItems(e2e.run, 'Create or update customers');
		expect(e2e.requests('POST', '/api/v1/customer').map((entry) => (entry.body as { externalId?: string }).externalId)).toContain('crm-3001');
		expect(known).toMatchObject({ action: 'updated' });
		expect(unknown).toMatchObject({ action: 'created', customer: expect.objectContaining({ externalId: 'crm-3001' }) });
		const crm1002 = e2e.sandbox.state.customers().find((customer) => customer.externalId === 'crm-1002');
		expect(crm1002?.linkReferences).toEqual(['LOY-1002', 'BAR-1002']);
	});

	test('Delete removes the customer; a dry run and an unknown customer remove nothing', () => {
		expect(okItems(e2e.run, 'Delete customer')).toEqual([expect.objectContaining({ externalId: 'crm-1004', deleted: true })]);
		expect(okItems(e2e.run, 'Delete customer (dry run)')).toEqual([
			expect.objectContaining({ externalId: 'crm-1003', deleted: false, dryRun: true }),
		]);
		expect(okItems(e2e.run, 'Delete unknown customer')).toEqual([
			expect.objectContaining({ externalId: 'crm-9999', deleted: false, reason: 'not found' }),
		]);
		const left = e2e.sandbox.state.customers().map((customer) => customer.externalId);
		expect(left).toContain('crm-1003');
		expect(left).not.toContain('crm-1004');
		expect(e2e.requests('DELETE', '/api/v1/customer/externalId/crm-1003')).toHaveLength(0);
	});
});

describe('cards', () => {
	test('Get Many lists the cards linked to a customer', () => {
		const ids = okItems(e2e.run, 'Get many cards').map((card) => card.id);
		expect(ids.sort()).toEqual([SEED.cards.anna1, SEED.cards.anna2].sort());
	});

	test('Get returns one card', () => {
		expect(okItems(e2e.run, 'Get card')).toEqual([expect.objectContaining({ id: SEED.cards.bram, maskedPan: '4000XXXXXXXX0028' })]);
	});

	test('Delete unlinks one card and Delete All every card of a customer, keeping the customer', () => {
		expect(okItems(e2e.run, 'Delete card')).toEqual([expect.objectContaining({ id: SEED.cards.chris, deleted: true })]);
		expect(okItems(e2e.run, 'Delete all cards')).toEqual([expect.objectContaining({ deleted: true })]);
		const cards = e2e.sandbox.state.cards().map((card) => card.id);
		expect(cards).not.toContain(SEED.cards.chris);
		expect(cards).not.toContain(SEED.cards.eva);
		expect(cards).toContain(SEED.cards.anna1);
		expect(e2e.sandbox.state.customers().map((customer) => customer.externalId)).toContain('crm-1005');
	});
});
