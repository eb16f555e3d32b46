// Runs our nodes inside n8n's own execution engine (n8n-core's WorkflowExecute), in-process:
// parameters, expressions, credentials, continueOnFail, retryOnFail, pairedItem and outbound HTTP
// are all n8n's, so a test's outcome is what a user's workflow would do.
import { WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRunData,
	IWorkflowBase,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { Ccv } from '../../nodes/Ccv/Ccv.node';
import type { TestCredentialsHelper } from './engine/credentials';
import {
	additionalDataFor,
	nodeCredentials,
	nodeTypesOf,
	SOURCE_NODE_NAME,
	SOURCE_NODE_TYPE,
	sourceNodeType,
} from './engine/setup';

export { runWebhook, runWebhookMethod } from './engine/webhook';
export type {
	RunWebhookMethodOptions,
	RunWebhookMethodResult,
	RunWebhookOptions,
	RunWebhookResult,
	WebhookMethodName,
	WebhookResponse,
} from './engine/webhook';

export interface CcvCredentialData {
	apiKey: string;
	baseUrl: string;
	boardingBaseUrl?: string;
	boardingAuth?: 'basic' | 'header' | 'bearer';
	boardingApiKey?: string;
	boardingHeaderName?: string;
	/** Must match the key's prefix: 'live' for l_ keys (default 'test'). */
	environment?: 'test' | 'live';
	/** Given to every payment, refund, capture and reversal that sets no Webhook URL of its own. */
	defaultWebhookUrl?: string;
}

export interface RunNodeOptions {
	/** The node's parameters, as a workflow JSON would hold them (expressions start with "="). */
	parameters: INodeParameters;
	/** Input items' json (default [{}]); expressions in parameters resolve against them per item. */
	items?: IDataObject[];
	credentials: CcvCredentialData;
	/** Node setting "On Error: Continue" (onError: 'continueRegularOutput'). */
	continueOnFail?: boolean;
	/**
	 * Node settings Retry On Fail / Max Tries / Wait Between Tries (ms). n8n clamps them (tries 2..5,
	 * wait 0..5000) and reads a wait of 0 as 1000 ms: use 1 for a fast test.
	 */
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	/** Default: new Ccv(). */
	nodeType?: INodeType;
	/** n8n's execution mode (default 'manual', as when a user clicks Execute). */
	mode?: WorkflowExecuteMode;
}

export type NodeRunError = Error & {
	description?: string;
	message: string;
	httpCode?: string | null;
	context?: IDataObject;
	itemIndex?: number;
};

export interface RunNodeResult {
	/** The node's first output, json and pairedItem as the engine produced them. */
	items: INodeExecutionData[];
	/** Set when the node failed (the workflow stopped on it). */
	error?: NodeRunError;
	/** The engine's full run data: keyed by node name, 'Input' (the source) and the node's default name ('CCV'). */
	runData: IRunData;
	/** How many times the credential was loaded from n8n's store during the run. */
	credentialReads: number;
}

const defaultCcv = new Ccv();
let executionCount = 0;

function latestVersion(type: INodeType): number {
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

export async function runCcvNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const nodeType = opts.nodeType ?? defaultCcv;
	const mode = opts.mode ?? 'manual';
	const nodeName = nodeType.description.defaults.name ?? nodeType.description.displayName;
	const source: INode = {
		id: 'node-input',
		name: SOURCE_NODE_NAME,
		type: SOURCE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const target: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: nodeType.description.name,
		typeVersion: latestVersion(nodeType),
		position: [200, 0],
		parameters: opts.parameters,
		credentials: nodeCredentials(nodeType),
	};
	if (opts.continueOnFail) target.onError = 'continueRegularOutput';
	if (opts.retryOnFail) {
		target.retryOnFail = true;
		target.maxTries = opts.retryOnFail.maxTries;
		target.waitBetweenTries = opts.retryOnFail.waitBetweenTries;
	}
	const workflowData: IWorkflowBase = {
		id: 'ccv-engine-test',
		name: 'CCV engine test',
		active: false,
		isArchived: false,
		createdAt: new Date(0),
		updatedAt: new Date(0),
		nodes: [source, target],
		connections: { [SOURCE_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: nodeTypesOf([sourceNodeType(opts.items ?? [{}]), nodeType]),
		staticData: {},
		settings: workflowData.settings,
	});
	const executionId = String(++executionCount);
	const additionalData = additionalDataFor(workflowData, mode, { ...opts.credentials }, executionId);
	const run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode: source });

	const { runData, error: workflowError } = run.data.resultData;
	const task = runData[nodeName]?.[0];
	const error = readError(task?.error ?? workflowError);
	const credentialReads = (additionalData.credentialsHelper as TestCredentialsHelper).reads;
	return { items: task?.data?.main?.[0] ?? [], ...(error ? { error } : {}), runData, credentialReads };
}

// The engine keeps a plain-object copy of the thrown error (own fields plus message and stack), as n8n
// stores it; n8n errors carry the failing item in context.itemIndex, surfaced here as itemIndex.
function readError(raw: unknown): NodeRunError | undefined {
	if (!raw) return undefined;
	const error = raw as NodeRunError;
	const fromContext = error.context?.itemIndex;
	const itemIndex = error.itemIndex ?? (typeof fromContext === 'number' ? fromContext : undefined);
	return itemIndex === undefined ? error : { ...error, itemIndex };
}
