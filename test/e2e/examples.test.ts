// The example workflows of examples/ (what `npm start` imports) run in a real n8n against the
// seeded sandbox, exactly as shipped. The trigger example runs in server.test.ts.
import { loadExamples, type ExampleWorkflow } from '../../scripts/lib/examples.cjs';
import { SEED, startSandbox, type Sandbox } from '../../sandbox';
import {
	ccvCredential,
	createN8n,
	newId,
	okItems,
	removeAllTempDirs,
	setupRuntime,
	type CredentialRef,
	type N8nInstance,
	type N8nRun,
	type Workflow,
} from './harness';

let sandbox: Sandbox;
let n8n: N8nInstance;
let credential: CredentialRef;
let examples: Map<string, ExampleWorkflow['workflow']>;
let cleanupLive: Workflow;

function example(name: string): Workflow {
	const workflow = examples.get(name);
	if (!workflow) throw new Error(`examples/ has no workflow named "${name}"`);
	return structuredClone(workflow) as unknown as Workflow;
}

async function run(workflow: Workflow): Promise<N8nRun> {
	const result = await n8n.executeWorkflow(workflow.id);
	expect(result.data.resultData.error).toBeUndefined();
	return result;
}

const externalIds = () => sandbox.state.customers().map((customer) => customer.externalId);

beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: true });
	n8n = await createN8n();
	credential = await n8n.importCredential(ccvCredential(sandbox.url, { id: 'ccvSandboxCred01', name: 'CCV sandbox' }));
	examples = new Map(loadExamples({ credential }).map(({ workflow }) => [workflow.name, workflow]));
	cleanupLive = dryRunOff(example('Bulk customer clean-up'));
	await n8n.importWorkflow(...[...examples.values()].map((workflow) => workflow as unknown as Workflow), cleanupLive);
});

afterAll(async () => {
	await sandbox?.close();
	await n8n?.cleanup();
	removeAllTempDirs();
});

/** The clean-up example as a user runs it after switching Dry Run off in its Settings node. */
function dryRunOff(workflow: Workflow): Workflow {
	const settings = workflow.nodes.find((node) => node.name === 'Settings');
	const assignments = (settings?.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> })
		.assignments;
	const dryRun = assignments.find((assignment) => assignment.name === 'dryRun');
	if (!dryRun) throw new Error('the Settings node of the clean-up example has no dryRun field');
	dryRun.value = false;
	return { ...workflow, id: newId(), name: `${workflow.name} (dry run off)` };
}

test('examples/ holds the six workflows of the README', () => {
	expect([...examples.keys()].sort()).toEqual(
		['Boarding order status', 'Bulk customer clean-up', 'CRM-to-loyalty sync', 'Payment status to ops', 'Payment status to ops (queue mode)', 'Refund from a ticket'].sort(),
	);
});

describe('Bulk customer clean-up', () => {
	test('as shipped (Dry Run on) it lists the customers whose registration expired and removes nothing', async () => {
		const result = await run(example('Bulk customer clean-up'));
		const removed = okItems(result, 'Remove customer');
		expect(removed.map((item) => item.id).sort()).toEqual(
			SEED.expiredExternalIds.map((externalId) => SEED.customers[externalId]).sort(),
		);
		expect(removed.every((item) => item.dryRun === true && item.deleted === false)).toBe(true);
		expect(sandbox.log.filter((entry) => entry.method === 'DELETE')).toHaveLength(0);
		expect(externalIds()).toEqual(expect.arrayContaining([...SEED.expiredExternalIds]));
	});

	test('with Dry Run off it removes exactly those customers', async () => {
		const result = await run(cleanupLive);
		expect(okItems(result, 'Remove customer').map((item) => item.deleted)).toEqual([true, true]);
		const left = externalIds();
		for (const expired of SEED.expiredExternalIds) expect(left).not.toContain(expired);
		// Card linking switched off (registrationExpiration 0) is not an expired registration.
		expect(left).toEqual(expect.arrayContaining(['crm-1001', 'crm-1002', 'crm-1005', 'crm-1006']));
	});
});

describe('CRM-to-loyalty sync', () => {
	test('creates unknown contacts, adds the barcode to known ones and leaves unchanged ones alone', async () => {
		sandbox.clearLog();
		const result = await run(example('CRM-to-loyalty sync'));
		const actions = okItems(result, 'Create or update customer').map((item) => item.action);
		expect(actions).toEqual(['updated', 'unchanged', 'created']);
		const customers = sandbox.state.customers();
		expect(customers.find((customer) => customer.externalId === 'crm-1001')?.linkReferences).toEqual([
			'LOY-1001',
			'31612345678',
			'2900000010012',
		]);
		expect(customers.find((customer) => customer.externalId === 'crm-2001')).toMatchObject({
			customerReference: 'LOY-2001',
			linkReferences: ['2900000020011'],
		});
		const writes = sandbox.log.filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.path}`);
		expect(writes.sort()).toEqual([`PUT /api/v1/customer/${SEED.customers['crm-1001']}`, 'POST /api/v1/customer'].sort());
	});
});

describe('Refund from a ticket', () => {
	test('refunds once with the ticket ID as idempotency key and reports the status, also when run again', async () => {
		sandbox.clearLog();
		const first = await run(example('Refund from a ticket'));
		const second = await run(example('Refund from a ticket'));

		// The run again finds the refund at CCV before sending (the key travels as its Merchant Order
		// Reference), so only the first run sends it.
		const refunds = sandbox.log.filter((entry) => entry.method === 'POST' && entry.path === '/api/v1/refund');
		expect(refunds).toHaveLength(1);
		expect(refunds[0].headers['idempotency-reference']).toBe('ticket-T-1042');
		expect(refunds[0].body).toMatchObject({ reference: SEED.payments.cardSale, amount: '12.50', merchantOrderReference: 'ticket-T-1042' });
		const stored = sandbox.state
			.transactions()
			.filter((transaction) => transaction.type === 'refund' && transaction.originalReference === SEED.payments.cardSale);
		expect(stored).toHaveLength(1);

		for (const result of [first, second]) {
			const [report] = okItems(result, 'Report to ticket');
			expect(report).toMatchObject({ ticketId: 'T-1042', refundReference: stored[0].reference, refundStatus: stored[0].status });
			expect(report.message).toBe(`Refund of 12.50 EUR for payment ${SEED.payments.cardSale} is ${stored[0].status}.`);
		}
	});
});
