// Webhook and trigger nodes in n8n-core's own contexts: WebhookContext (IWebhookFunctions) for an incoming
// request, HookContext (IHookFunctions) for the checkExists/create/delete registration methods.
import { HookContext, WebhookContext } from 'n8n-core';
import { UnexpectedError, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WebhookType,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { CcvCredentialData } from '../engine';
import { additionalDataFor, nodeCredentials, nodeTypesOf } from './setup';

export type WebhookMethodName = 'checkExists' | 'create' | 'delete';

interface WebhookNodeOptions {
	parameters: INodeParameters;
	credentials?: CcvCredentialData;
	/** The node's static data, what getWorkflowStaticData('node') returns (default {}). */
	staticData?: IDataObject;
	/** Which of the node's webhooks (default 'default'). */
	webhookName?: WebhookType;
	/** The node's webhook id, part of its production URL (default 'test-webhook-id'). */
	webhookId?: string;
}

export interface RunWebhookOptions extends WebhookNodeOptions {
	nodeType: INodeType;
	request: {
		method?: string;
		query?: IDataObject;
		/** Header names are lower-cased, as Node's http server gives them. */
		headers?: Record<string, string>;
		/** An object (sent as JSON) or the raw body text; the raw bytes are on req.rawBody either way. */
		body?: unknown;
	};
	/** Default 'webhook' (a production webhook call). */
	mode?: WorkflowExecuteMode;
}

/** What the node wrote on the response object itself (when it answers the request directly). */
export interface WebhookResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
	/** Whether the node ended the response. */
	sent: boolean;
}

export interface RunWebhookResult {
	/** Items the trigger emits into the workflow; undefined when it emits nothing. */
	workflowData: INodeExecutionData[][] | undefined;
	/** The node's webhookResponse (n8n sends it as the answer when the node does not answer itself). */
	webhookResponse: unknown;
	noWebhookResponse: boolean;
	response: WebhookResponse;
	/** The node's static data after the call. */
	staticData: IDataObject;
}

export interface RunWebhookMethodOptions extends WebhookNodeOptions {
	/** Default 'trigger' with activation 'activate', as when a workflow is published. */
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
}

export interface RunWebhookMethodResult {
	result: boolean;
	staticData: IDataObject;
	/** The production URL the node was asked to register. */
	webhookUrl: string | undefined;
}

const NODE_NAME = 'Trigger';

function staticKey(): string {
	return `node:${NODE_NAME}`;
}

function plain(value: unknown): IDataObject {
	return JSON.parse(JSON.stringify(value ?? {})) as IDataObject;
}

function buildWorkflow(nodeType: INodeType, opts: WebhookNodeOptions) {
	const { version } = nodeType.description;
	const node: INode = {
		id: 'node-trigger',
		name: NODE_NAME,
		type: nodeType.description.name,
		typeVersion: Array.isArray(version) ? Math.max(...version) : version,
		position: [0, 0],
		parameters: opts.parameters,
		credentials: nodeCredentials(nodeType),
		webhookId: opts.webhookId ?? 'test-webhook-id',
	};
	const workflowData: IWorkflowBase = {
		id: 'ccv-engine-test',
		name: 'CCV engine test',
		active: true,
		isArchived: false,
		createdAt: new Date(0),
		updatedAt: new Date(0),
		nodes: [node],
		connections: {},
		settings: { executionOrder: 'v1' },
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: nodeTypesOf([nodeType]),
		staticData: { [staticKey()]: plain(opts.staticData) },
		settings: workflowData.settings,
	});
	const webhookName = opts.webhookName ?? 'default';
	const description = nodeType.description.webhooks?.find((w) => w.name === webhookName);
	if (!description) {
		throw new UnexpectedError(`Test engine: node type "${node.type}" has no webhook named "${webhookName}"`);
	}
	return { node, workflow, workflowData, description };
}

function webhookData(
	description: IWebhookDescription,
	node: INode,
	workflow: Workflow,
	additionalData: IWorkflowExecuteAdditionalData,
	method: string,
): IWebhookData {
	return {
		httpMethod: method as IHttpRequestMethods,
		node: node.name,
		path: node.webhookId ?? '',
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest: false,
	};
}

function staticDataOf(workflow: Workflow): IDataObject {
	return plain((workflow.staticData as IDataObject)[staticKey()]);
}

let executionCount = 0;

/** Calls a webhook node's webhook() with a request, as n8n's webhook server does. */
export async function runWebhook(opts: RunWebhookOptions): Promise<RunWebhookResult> {
	const mode = opts.mode ?? 'webhook';
	const { node, workflow, workflowData, description } = buildWorkflow(opts.nodeType, opts);
	const additionalData = additionalDataFor(
		workflowData,
		mode,
		opts.credentials ? { ...opts.credentials } : undefined,
		`webhook-${++executionCount}`,
	);
	const method = (opts.request.method ?? 'POST').toUpperCase();
	const { req, res, response } = fakeExchange(method, opts.request);
	additionalData.httpRequest = req;
	additionalData.httpResponse = res;
	if (!opts.nodeType.webhook) throw new UnexpectedError(`Test engine: node type "${node.type}" has no webhook()`);
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		mode,
		webhookData(description, node, workflow, additionalData, method),
		[],
		null,
	);
	const out = await opts.nodeType.webhook.call(context);
	return {
		workflowData: out.workflowData,
		webhookResponse: out.webhookResponse,
		noWebhookResponse: out.noWebhookResponse === true,
		response,
		staticData: staticDataOf(workflow),
	};
}

/** Calls one of a trigger's webhook registration methods, as n8n does when a workflow is (un)published. */
export async function runWebhookMethod(
	nodeType: INodeType,
	method: WebhookMethodName,
	opts: RunWebhookMethodOptions,
): Promise<RunWebhookMethodResult> {
	const mode = opts.mode ?? 'trigger';
	const { node, workflow, workflowData, description } = buildWorkflow(nodeType, opts);
	const additionalData = additionalDataFor(
		workflowData,
		mode,
		opts.credentials ? { ...opts.credentials } : undefined,
		`hook-${++executionCount}`,
	);
	const webhookName = opts.webhookName ?? 'default';
	const fn = nodeType.webhookMethods?.[webhookName]?.[method];
	if (!fn) throw new UnexpectedError(`Test engine: node type "${node.type}" has no webhookMethods.${webhookName}.${method}`);
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		mode,
		opts.activation ?? 'activate',
		webhookData(description, node, workflow, additionalData, String(description.httpMethod)),
	);
	const result = await fn.call(context);
	return { result, staticData: staticDataOf(workflow), webhookUrl: context.getNodeWebhookUrl(webhookName) };
}

// A request/response pair shaped like the express objects n8n's webhook server hands to nodes.
function fakeExchange(method: string, request: RunWebhookOptions['request']) {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
	let body: unknown = request.body ?? {};
	let rawBody: Buffer;
	if (typeof body === 'string') {
		rawBody = Buffer.from(body, 'utf8');
		if ((headers['content-type'] ?? '').includes('json')) {
			try {
				body = JSON.parse(body);
			} catch {
				// n8n keeps an unparsable body as text; so do we.
			}
		}
	} else {
		rawBody = Buffer.from(JSON.stringify(body), 'utf8');
		headers['content-type'] ??= 'application/json';
	}
	const query = request.query ?? {};
	const req = {
		method,
		headers,
		query,
		body,
		rawBody,
		params: {},
		url: '/webhook/test-webhook-id',
		path: '/webhook/test-webhook-id',
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};

	const response: WebhookResponse = { statusCode: 200, headers: {}, body: undefined, sent: false };
	const res = {
		get headersSent() {
			return response.sent;
		},
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		sendStatus(code: number) {
			response.statusCode = code;
			response.sent = true;
			return res;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = String(value);
			return res;
		},
		set(name: string, value: string) {
			return res.setHeader(name, value);
		},
		header(name: string, value: string) {
			return res.setHeader(name, value);
		},
		writeHead(code: number, head?: Record<string, string>) {
			response.statusCode = code;
			for (const [name, value] of Object.entries(head ?? {})) res.setHeader(name, value);
			return res;
		},
		json(value: unknown) {
			response.body = value;
			response.sent = true;
			return res;
		},
		send(value?: unknown) {
			response.body = value;
			response.sent = true;
			return res;
		},
		end(value?: unknown) {
			if (value !== undefined) response.body = value;
			response.sent = true;
			return res;
		},
	};
	return {
		req: req as unknown as NonNullable<IWorkflowExecuteAdditionalData['httpRequest']>,
		res: res as unknown as NonNullable<IWorkflowExecuteAdditionalData['httpResponse']>,
		response,
	};
}
