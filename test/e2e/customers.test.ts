// Every customer and card operation of the CCV node, run once in a real n8n against the sandbox:
// one workflow, one `n8n execute` (see harness.ts for the pattern).
import { SEED, startSandbox, type RequestLogEntry, type Sandbox } from '../sandbox';
import {
	ccvCredential,
	createN8n,
	nodeErrorItems,
	okItems,
	removeAllTempDirs,
	setupRuntime,
	type N8nInstance,
	type N8nRun,
} from './harness';
import { customerSteps } from './customers.steps';

const KEEP_LINKING_OPEN = Number.MAX_SAFE_INTEGER;
let sandbox: Sandbox;
let n8n: N8nInstance;
let run: N8nRun;

const requests = (method: string, path: string): RequestLogEntry[] =>
	sandbox.log.filter((entry) => entry.method === method && entry.path === path);

beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: true });
	n8n = await createN8n();
	const credential = await n8n.importCredential(ccvCredential(sandbox.url));
	run = await n8n.runSteps('e2e: customers and cards', customerSteps, credential);
});

afterAll(async () => {
	await sandbox?.close();
	await n8n?.cleanup();
	removeAllTempDirs();
});

describe('customers', () => {
	test('the workflow ran to the end', () => {
		expect(run.data.resultData.error).toBeUndefined();
	});

	test('Create sends the customer with Keep Linking Open and outputs what CCV answered', () => {
		const [created] = okItems(run, 'Create customer');
		expect(created).toMatchObject({ externalId: 'crm-2001', customerReference: 'LOY-2001', linkReferences: ['LOY-2001', 'BAR-2001'] });
		const posted = requests('POST', '/api/v1/customer').map((entry) => entry.body as { externalId?: string });
		expect(posted.filter((body) => body.externalId === 'crm-2001')).toEqual([
			{
				customerReference: 'LOY-2001',
				externalId: 'crm-2001',
				registrationExpiration: KEEP_LINKING_OPEN,
				linkReferences: ['LOY-2001', 'BAR-2001'],
			},
		]);
		expect(sandbox.state.customers().find((customer) => customer.externalId === 'crm-2001')).toBeDefined();
	});

	test('Get finds a customer by external ID and by CCV ID', () => {
		expect(okItems(run, 'Get customer by external ID')).toEqual([
			expect.objectContaining({ id: SEED.customers['crm-1001'], externalId: 'crm-1001' }),
		]);
		expect(okItems(run, 'Get customer by CCV ID')).toEqual([
			expect.objectContaining({ id: SEED.customers['crm-1002'], externalId: 'crm-1002' }),
		]);
	});

	test('Get of an unknown customer fails the item with a plain message', () => {
		const [failure] = nodeErrorItems(run, 'Get unknown customer');
		expect(failure.error).toContain('Customer not found');
		expect(failure.error).toContain('crm-9999');
	});

	test('Get Many returns every customer with the customer reference', () => {
		const found = okItems(run, 'Get many customers').map((customer) => customer.externalId);
		expect(found.sort()).toEqual(['crm-1001', 'crm-1006']);
		expect(requests('GET', '/api/v1/customer')[0].query).toMatchObject({ customerReference: 'LOY-1001' });
	});

	test('Update changes only the given field and keeps the link references', () => {
		const [updated] = okItems(run, 'Update customer');
		expect(updated).toMatchObject({ externalId: 'crm-1002', customerReference: 'LOY-1002-NEW' });
		const put = requests('PUT', `/api/v1/customer/${SEED.customers['crm-1002']}`)[0];
		expect(put.body).toMatchObject({ customerReference: 'LOY-1002-NEW', externalId: 'crm-1002', linkReferences: ['LOY-1002'] });
	});

	test('Add and Remove Link References keep the other references', () => {
		expect(okItems(run, 'Add link references')[0]).toMatchObject({ action: 'updated' });
		expect(requests('PUT', `/api/v1/customer/${SEED.customers['crm-1001']}`)[0].body).toMatchObject({
			linkReferences: ['LOY-1001', '31612345678', 'BAR-1001'],
		});
		expect(okItems(run, 'Remove link references')[0]).toMatchObject({ action: 'updated' });
		const crm1006 = sandbox.state.customers().find((customer) => customer.externalId === 'crm-1006');
		expect(crm1006?.linkReferences ?? []).toEqual([]);
	});

	test('Create or Update updates a known external ID and creates an unknown one', () => {
		const [known, unknown] = okItems(run, 'Create or update customers');
		expect(requests('POST', '/api/v1/customer').map((entry) => (entry.body as { externalId?: string }).externalId)).toContain('crm-3001');
		expect(known).toMatchObject({ action: 'updated' });
		expect(unknown).toMatchObject({ action: 'created', customer: expect.objectContaining({ externalId: 'crm-3001' }) });
		const crm1002 = sandbox.state.customers().find((customer) => customer.externalId === 'crm-1002');
		expect(crm1002?.linkReferences).toEqual(['LOY-1002', 'BAR-1002']);
	});

	test('Delete removes the customer; a dry run and an unknown customer remove nothing', () => {
		expect(okItems(run, 'Delete customer')).toEqual([expect.objectContaining({ externalId: 'crm-1004', deleted: true })]);
		expect(okItems(run, 'Delete customer (dry run)')).toEqual([
			expect.objectContaining({ externalId: 'crm-1003', deleted: false, dryRun: true }),
		]);
		expect(okItems(run, 'Delete unknown customer')).toEqual([
			expect.objectContaining({ externalId: 'crm-9999', deleted: false, reason: 'not found' }),
		]);
		const left = sandbox.state.customers().map((customer) => customer.externalId);
		expect(left).toContain('crm-1003');
		expect(left).not.toContain('crm-1004');
		expect(requests('DELETE', '/api/v1/customer/externalId/crm-1003')).toHaveLength(0);
	});
});

describe('cards', () => {
	test('Get Many lists the cards linked to a customer', () => {
		const ids = okItems(run, 'Get many cards').map((card) => card.id);
		expect(ids.sort()).toEqual([SEED.cards.anna1, SEED.cards.anna2].sort());
	});

	test('Get returns one card', () => {
		expect(okItems(run, 'Get card')).toEqual([expect.objectContaining({ id: SEED.cards.bram, maskedPan: '4000XXXXXXXX0028' })]);
	});

	test('Delete unlinks one card and Delete All every card of a customer, keeping the customer', () => {
		expect(okItems(run, 'Delete card')).toEqual([expect.objectContaining({ id: SEED.cards.chris, deleted: true })]);
		expect(okItems(run, 'Delete all cards')).toEqual([expect.objectContaining({ deleted: true })]);
		const cards = sandbox.state.cards().map((card) => card.id);
		expect(cards).not.toContain(SEED.cards.chris);
		expect(cards).not.toContain(SEED.cards.eva);
		expect(cards).toContain(SEED.cards.anna1);
		expect(sandbox.state.customers().map((customer) => customer.externalId)).toContain('crm-1005');
	});
});
