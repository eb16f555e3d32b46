/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, IWebhookFunctions } from 'n8n-workflow';

import { runCcvNode, runWebhook, runWebhookMethod } from './engine';
import type { CcvCredentialData } from './engine';

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

type Answer = { status: number; body?: unknown };

/** A stand-in CCV: records every request and answers with `answer(request)`. */
function startServer() {
	const seen: Seen[] = [];
	let answer: (req: Seen) => Answer = () => ({ status: 200, body: {} });
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
			seen.push(entry);
			const { status, body } = answer(entry);
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(body === undefined ? '' : JSON.stringify(body));
		});
	});
	return {
		seen,
		answerWith(fn: (req: Seen) => Answer) {
			answer = fn;
		},
		async listen(): Promise<string> {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

const KEY = 't_engine_test_key';
const BASIC = 'Basic ' + Buffer.from(`${KEY}:`).toString('base64');
const customer = (externalId: string) => ({
	id: `cus_${externalId}`,
	externalId,
	customerReference: `ref-${externalId}`,
	registrationExpiration: null,
	linkReferences: null,
});
const getByExternalId = {
	resource: 'customer',
	operation: 'get',
	customer: { __rl: true, mode: 'externalId', value: '={{ $json.id }}' },
	options: {},
};

const ccv = startServer();
let credentials: CcvCredentialData;

beforeAll(async () => {
	credentials = { apiKey: KEY, baseUrl: await ccv.listen() };
});
afterAll(async () => await ccv.close());
beforeEach(() => {
	ccv.seen.length = 0;
	ccv.answerWith((req) => {
		const id = decodeURIComponent(req.url.split('/').pop() ?? '');
		return id === 'missing' ? { status: 404, body: { type: 'input_error', message: 'Customer not found', field: 'externalId' } } : { status: 200, body: [customer(id)] };
	});
});

describe('runCcvNode', () => {
	it('sends a customer Get by external ID with the credential\'s Basic auth and outputs paired items', async () => {
		const result = await runCcvNode({ parameters: getByExternalId, items: [{ id: 'shop-42' }], credentials });

		expect(result.error).toBeUndefined();
		expect(ccv.seen).toHaveLength(1);
		expect(ccv.seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/customer/externalId/shop-42' });
		expect(ccv.seen[0].headers.authorization).toBe(BASIC);
		expect(result.items).toEqual([{ json: customer('shop-42'), pairedItem: { item: 0 } }]);
		expect(result.runData.CCV[0].executionStatus).toBe('success');
	});

	it('resolves an expression against each input item', async () => {
		const result = await runCcvNode({ parameters: getByExternalId, items: [{ id: 'a' }, { id: 'b c' }], credentials });

		expect(ccv.seen.map((r) => r.url).sort()).toEqual(['/api/v1/customer/externalId/a', '/api/v1/customer/externalId/b%20c']);
		expect(result.items).toEqual([
			{ json: customer('a'), pairedItem: { item: 0 } },
			{ json: customer('b c'), pairedItem: { item: 1 } },
		]);
	});

	it('with continueOnFail, turns a 404 into an error item paired with its input and goes on', async () => {
		const result = await runCcvNode({
			parameters: getByExternalId,
			items: [{ id: 'missing' }, { id: 'b' }],
			credentials,
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json.error).toContain('Customer not found: no customer with external ID "missing"');
		expect(result.items[1]).toEqual({ json: customer('b'), pairedItem: { item: 1 } });
	});

	it('without continueOnFail, a 404 stops the workflow with the node\'s error', async () => {
		const result = await runCcvNode({ parameters: getByExternalId, items: [{ id: 'missing' }], credentials });

		expect(result.items).toEqual([]);
		expect(result.error?.message).toContain('Customer not found: no customer with external ID "missing"');
		expect(result.error?.description).toContain('Ignore Not Found');
		expect(result.error?.itemIndex).toBe(0);
		expect(result.runData.CCV[0].executionStatus).toBe('error');
	});

	it('with retryOnFail, the engine runs the failed node again', async () => {
		ccv.answerWith(() => ({ status: 400, body: { type: 'bad_request', message: 'Invalid' } }));
		const once = await runCcvNode({ parameters: getByExternalId, items: [{ id: 'x' }], credentials });
		const requestsWithoutRetry = ccv.seen.length;
		ccv.seen.length = 0;

		const retried = await runCcvNode({
			parameters: getByExternalId,
			items: [{ id: 'x' }],
			credentials,
			retryOnFail: { maxTries: 3, waitBetweenTries: 1 },
		});

		expect(once.error).toBeDefined();
		expect(retried.error).toBeDefined();
		expect(requestsWithoutRetry).toBe(1);
		expect(ccv.seen).toHaveLength(3);
	});
});

// A small webhook trigger standing in for any real one: it registers itself with the server and
// counts deliveries in its static data.
const hookTrigger: INodeType = {
	description: {
		displayName: 'Hook Trigger',
		name: 'hookTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test trigger',
		defaults: { name: 'Hook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ccvApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'ccv' }],
		properties: [{ displayName: 'Secret', name: 'secret', type: 'string', default: '' }],
	},
	webhookMethods: {
		default: {
			async checkExists(this: IHookFunctions) {
				return this.getWorkflowStaticData('node').hookId !== undefined;
			},
			async create(this: IHookFunctions) {
				const { baseUrl } = await this.getCredentials('ccvApi');
				const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'ccvApi', {
					method: 'POST',
					url: `${String(baseUrl)}/hooks`,
					body: { url: this.getNodeWebhookUrl('default') },
					json: true,
				})) as IDataObject;
				this.getWorkflowStaticData('node').hookId = answer.id;
				return true;
			},
			async delete(this: IHookFunctions) {
				const data = this.getWorkflowStaticData('node');
				const { baseUrl } = await this.getCredentials('ccvApi');
				await this.helpers.httpRequestWithAuthentication.call(this, 'ccvApi', {
					method: 'DELETE',
					url: `${String(baseUrl)}/hooks/${String(data.hookId)}`,
				});
				delete data.hookId;
				return true;
			},
		},
	},
	async webhook(this: IWebhookFunctions) {
		if (this.getHeaderData()['x-secret'] !== this.getNodeParameter('secret')) {
			this.getResponseObject().status(401).send('Wrong secret');
			return { noWebhookResponse: true };
		}
		const data = this.getWorkflowStaticData('node');
		data.deliveries = Number(data.deliveries ?? 0) + 1;
		const raw = (this.getRequestObject() as unknown as { rawBody: Buffer }).rawBody.toString();
		return {
			workflowData: [[{ json: { body: this.getBodyData(), query: this.getQueryData() as IDataObject, raw } }]],
			webhookResponse: { received: true },
		};
	},
};

describe('runWebhook', () => {
	it('hands the request to the node and returns its items, answer and static data', async () => {
		const result = await runWebhook({
			nodeType: hookTrigger,
			parameters: { secret: 's3' },
			credentials,
			request: { method: 'POST', query: { a: '1' }, headers: { 'X-Secret': 's3', 'Content-Type': 'application/json' }, body: '{"event":"paid"}' },
			staticData: { deliveries: 4 },
		});

		expect(result.workflowData).toEqual([[{ json: { body: { event: 'paid' }, query: { a: '1' }, raw: '{"event":"paid"}' } }]]);
		expect(result.webhookResponse).toEqual({ received: true });
		expect(result.staticData).toEqual({ deliveries: 5 });
	});

	it('shows what the node answered itself', async () => {
		const result = await runWebhook({
			nodeType: hookTrigger,
			parameters: { secret: 's3' },
			credentials,
			request: { headers: { 'x-secret': 'wrong' }, body: { event: 'paid' } },
		});

		expect(result.workflowData).toBeUndefined();
		expect(result.noWebhookResponse).toBe(true);
		expect(result.response).toMatchObject({ statusCode: 401, body: 'Wrong secret', sent: true });
		expect(result.staticData).toEqual({});
	});
});

describe('runWebhookMethod', () => {
	it('runs create, checkExists and delete with the credential and the node\'s production URL', async () => {
		ccv.answerWith((req) => (req.method === 'POST' ? { status: 201, body: { id: 'hook_1' } } : { status: 204 }));

		const before = await runWebhookMethod(hookTrigger, 'checkExists', { parameters: {}, credentials });
		const created = await runWebhookMethod(hookTrigger, 'create', { parameters: {}, credentials });
		const exists = await runWebhookMethod(hookTrigger, 'checkExists', { parameters: {}, credentials, staticData: created.staticData });
		const deleted = await runWebhookMethod(hookTrigger, 'delete', { parameters: {}, credentials, staticData: created.staticData });

		expect(before.result).toBe(false);
		expect(created).toMatchObject({ result: true, staticData: { hookId: 'hook_1' } });
		expect(exists.result).toBe(true);
		expect(deleted).toMatchObject({ result: true, staticData: {} });
		expect(ccv.seen.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /hooks', 'DELETE /hooks/hook_1']);
		expect(ccv.seen.every((r) => r.headers.authorization === BASIC)).toBe(true);
		expect(JSON.parse(ccv.seen[0].body)).toEqual({ url: created.webhookUrl });
		expect(created.webhookUrl).toBe('http://localhost:5678/webhook/test-webhook-id/ccv');
	});
});
