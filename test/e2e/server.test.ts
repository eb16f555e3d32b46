// One running n8n (`n8n start`) loading the package as users install it (`npm pack` + `npm install
// <tarball>`): n8n lists both nodes and the credential, the credential test answers, and the published
// trigger workflows run once per verified status change the sandbox delivers, never for spoofed calls.
import { loadAsCommunityPackage, type CommunityLoadResult, type PackedExtension } from '../../scripts/lib/extension.cjs';
import { loadExamples } from '../../scripts/lib/examples.cjs';
import { SEED, startSandbox, type Sandbox } from '../../sandbox';
import {
	CCV_TRIGGER_NODE,
	ccvCredential,
	createN8n,
	missingPackageFiles,
	newId,
	preparePackedExtension,
	removeAllTempDirs,
	setupRuntime,
	type CredentialRef,
	type ExecutionSummary,
	type N8nInstance,
	type StartedServer,
	type Workflow,
} from './harness';

let sandbox: Sandbox;
let packed: PackedExtension;
let community: CommunityLoadResult;
let n8n: N8nInstance;
let server: StartedServer;
let credential: CredentialRef;
let statusWorkflow: Workflow;
let orderWorkflow: Workflow;

const ORDER_WEBHOOK_ID = 'e2e00000-0000-4000-8000-0000000000b1';

function webhookPath(workflow: Workflow): string {
	const trigger = workflow.nodes.find((node) => node.type === CCV_TRIGGER_NODE);
	if (!trigger?.webhookId) throw new Error(`${workflow.name} has no CCV Trigger with a webhookId`);
	return `${trigger.webhookId}/webhook`;
}

/** The order-status trigger, on its own in a workflow. */
function orderTriggerWorkflow(): Workflow {
	return {
		id: newId(),
		name: 'e2e: order status',
		active: false,
		nodes: [
			{
				id: newId(),
				name: 'CCV order status',
				type: CCV_TRIGGER_NODE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: ORDER_WEBHOOK_ID,
				parameters: { eventSource: 'orderStatus', orderStatuses: [], emitEachStatusOnce: true },
				credentials: { ccvApi: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function post(url: string, body: string): Promise<number> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	await response.text();
	return response.status;
}

/** The JSON items a node output in a recorded execution. */
async function executionItems(execution: ExecutionSummary, nodeName: string): Promise<Array<Record<string, unknown>>> {
	const full = await server.api.getExecution(execution.id);
	const runs = full.data.resultData.runData[nodeName] ?? [];
	return (runs[0]?.data?.main?.[0] ?? []).map((item: { json: Record<string, unknown> }) => item.json);
}

beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: true, allowHttpWebhooks: true }); // n8n listens on http://127.0.0.1 here
	packed = await preparePackedExtension();
	community = await loadAsCommunityPackage(packed.packageDir);
	n8n = await createN8n({ extensionsDir: packed.dir });
	credential = await n8n.importCredential(ccvCredential(sandbox.url, { id: 'ccvSandboxCred01', name: 'CCV sandbox' }));
	const example = loadExamples({ credential }).find(({ workflow }) => workflow.name === 'Payment status to ops');
	if (!example) throw new Error('examples/ has no "Payment status to ops"');
	statusWorkflow = example.workflow as unknown as Workflow;
	orderWorkflow = orderTriggerWorkflow();
	await n8n.importWorkflow(statusWorkflow, orderWorkflow);
	await n8n.publish(statusWorkflow.id);
	await n8n.publish(orderWorkflow.id);
	server = await n8n.startServer();
	await server.waitForWebhook(webhookPath(statusWorkflow));
	await server.waitForWebhook(webhookPath(orderWorkflow));
});

afterAll(async () => {
	await sandbox?.close();
	await n8n?.cleanup();
	removeAllTempDirs();
});

describe('the package as users install it', () => {
	test('the tarball holds the build, and n8n loads every node and credential package.json names', () => {
		expect(packed.files).toEqual(expect.arrayContaining(['package.json', 'dist/credentials/CcvApi.credentials.js']));
		expect(packed.files.some((file) => file.startsWith('node_modules/') || file.startsWith('nodes/'))).toBe(false);
		expect(community.errors).toEqual([]);
		expect(community.nodes.sort()).toEqual(['ccv', 'ccvReconcileTrigger', 'ccvTrigger']);
		expect(community.credentials).toEqual(['ccvApi']);
		expect(community.icons.length).toBeGreaterThan(0);
		const iconFiles = community.icons.map((icon) => icon.replace(/^icons\/n8n-nodes-ccv\//, ''));
		expect(missingPackageFiles(packed, iconFiles)).toEqual([]);
	});

	test('a running n8n lists both nodes and the credential, serves their icons and logs no problem with them', async () => {
		const nodes = (await server.api.get('/types/nodes.json')) as Array<{ name: string; iconUrl?: unknown }>;
		const ours = nodes.filter((node) => ['CUSTOM.ccv', 'CUSTOM.ccvTrigger', 'CUSTOM.ccvReconcileTrigger'].includes(node.name));
		expect(ours.map((node) => node.name).sort()).toEqual(['CUSTOM.ccv', 'CUSTOM.ccvReconcileTrigger', 'CUSTOM.ccvTrigger']);
		const credentials = (await server.api.get('/types/credentials.json')) as Array<{ name: string }>;
		expect(credentials.map((type) => type.name)).toContain('ccvApi');

		const iconUrl = ours[0].iconUrl as string | { light: string };
		const icon = await fetch(`${server.baseUrl}/${typeof iconUrl === 'string' ? iconUrl : iconUrl.light}`, {
			headers: { cookie: server.api.cookie },
		});
		expect(icon.status).toBe(200);
		expect(await icon.text()).toContain('<svg');

		const problems = server
			.output()
			.split('\n')
			.filter((line) => /ccv/i.test(line) && /(error|warn|fail|cannot|deprecat|unrecognized)/i.test(line));
		expect(problems).toEqual([]);
	});
});

describe('credential test', () => {
	const data = (apiKey: string) => ccvCredential(sandbox.url, { apiKey }).data;

	test('a good key passes', async () => {
		const result = await server.api.post('/rest/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: 'ccvApi', data: data('t_sandbox') },
		});
		expect(result).toMatchObject({ status: 'OK' });
	});

	test('a wrong key fails with "API key is invalid or expired"', async () => {
		const result = await server.api.post('/rest/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: 'ccvApi', data: data('t_wrong_key') },
		});
		expect(result).toMatchObject({ status: 'Error', message: 'API key is invalid or expired' });
	});
});

describe('CCV Trigger in a published workflow', () => {
	test('"Payment status to ops" runs once per status change CCV confirms, never for spoofed or repeated calls', async () => {
		const url = server.webhookUrl(webhookPath(statusWorkflow));
		// Spoofed calls first: anything they started would be listed before the real executions.
		expect(await post(url, JSON.stringify({ id: 'C250101000000000SPOOF000.X' }))).toBe(200);
		expect(await post(url, '{"hello":"world"}')).toBe(200);

		const paid = sandbox.addPayment({ status: 'pending', amount: 20, merchantOrderReference: 'ORDER-E2E-1', webhookUrl: url });
		const failed = sandbox.addPayment({ status: 'pending', amount: 7.5, merchantOrderReference: 'ORDER-E2E-2', webhookUrl: url });
		sandbox.settle(paid.reference, 'success');
		const [first] = await server.waitForExecutions(statusWorkflow.id, 1);
		// CCV calling again about a status already reported: nothing new runs.
		expect(await post(url, JSON.stringify({ id: paid.reference }))).toBe(200);
		sandbox.settle(failed.reference, 'failed', { failureCode: 'card_refused' });
		const executions = await server.waitForExecutions(statusWorkflow.id, 2);

		const reported = await Promise.all(
			executions.map(async (execution) => {
				const [event] = await executionItems(execution, 'CCV payment status');
				return `${execution.status}: ${event?.reference} ${event?.status}`;
			}),
		);
		expect(reported).toEqual([`success: ${paid.reference} success`, `success: ${failed.reference} failed`]);
		expect(executions[0].id).toBe(first.id);
		const deliveries = await sandbox.waitForDeliveries(2);
		expect(deliveries.filter((delivery) => delivery.url === url).map((delivery) => delivery.status)).toEqual([200, 200]);

		const [received] = await executionItems(executions[0], 'Message: payment received');
		expect(received).toMatchObject({
			reference: paid.reference,
			status: 'success',
			text: `Payment ${paid.reference} of 20.00 EUR for order ORDER-E2E-1 succeeded.`,
		});
		const [failure] = await executionItems(executions[1], 'Message: payment failed');
		expect(failure).toMatchObject({ reference: failed.reference, status: 'failed' });
		expect(String(failure.text)).toMatch(
			new RegExp(`^Payment ${failed.reference} of 7.50 EUR for order ORDER-E2E-2 FAILED: .+\\. Please follow up\\.$`),
		);
	});

	test('the order-status trigger runs once per order status change, never for an unknown order', async () => {
		const url = server.webhookUrl(webhookPath(orderWorkflow));
		// CCV's order notification carries no body; the order comes from ?orderId= in the URL.
		expect(await post(`${url}?orderId=b0a7d000-0000-4000-8000-00000000dead`, '')).toBe(200);
		expect(await post(url, '')).toBe(200);

		const orderUrl = `${url}?orderId=${SEED.order.orderId}`;
		sandbox.setOrderStatus(SEED.order.orderId, 'Processing');
		expect(await post(orderUrl, '')).toBe(200);
		await server.waitForExecutions(orderWorkflow.id, 1);
		expect(await post(orderUrl, '')).toBe(200); // the same status again
		sandbox.setOrderStatus(SEED.order.orderId, 'Completed');
		expect(await post(orderUrl, '')).toBe(200);
		const executions = await server.waitForExecutions(orderWorkflow.id, 2);

		const outputs = await Promise.all(executions.map((execution) => executionItems(execution, 'CCV order status')));
		expect(outputs.map((items) => items.map((item) => item.orderStatus))).toEqual([['Processing'], ['Completed']]);
		expect(outputs[0][0]).toMatchObject({ orderId: SEED.order.orderId, externalReference: 'BOARD-1001', final: false });
		expect(outputs[1][0]).toMatchObject({ orderId: SEED.order.orderId, final: true });
	});
});
