// The pieces every run shares: node types, the workflow's node list, and n8n's additionalData.
import { ExecutionLifecycleHooks } from 'n8n-core';
import { NodeConnectionTypes, UnexpectedError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeType,
	INodeTypes,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { CcvApi } from '../../../credentials/CcvApi.credentials';
import { prepareContainer } from './container';
import { TestCredentialsHelper } from './credentials';

export const SOURCE_NODE_NAME = 'Input';
export const SOURCE_NODE_TYPE = 'ccvTestEngine.input';
const CREDENTIAL_TYPE = 'ccvApi';

const credentialTypes: Record<string, ICredentialType> = { [CREDENTIAL_TYPE]: new CcvApi() };

/** A node without inputs that outputs the given items: what a trigger or pinned node would hand over. */
export function sourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Test Input',
			name: SOURCE_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Outputs the test items',
			defaults: { name: SOURCE_NODE_NAME },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			return [items.map((json) => ({ json: structuredClone(json) }))];
		},
	};
}

export function nodeTypesOf(types: INodeType[]): INodeTypes {
	const byName = new Map(types.map((t) => [t.description.name, t]));
	const get = (name: string): INodeType => {
		const type = byName.get(name);
		if (!type) throw new UnexpectedError(`Test engine: unknown node type "${name}"`);
		return type;
	};
	return {
		getByName: get,
		getByNameAndVersion: get,
		getKnownTypes: () => Object.fromEntries([...byName.keys()].map((name) => [name, {}])),
	};
}

export function nodeCredentials(type: INodeType): INode['credentials'] {
	const needed = type.description.credentials ?? [];
	return Object.fromEntries(needed.map((c) => [c.name, { id: `test-${c.name}`, name: `Test ${c.name}` }]));
}

export function additionalDataFor(
	workflowData: IWorkflowBase,
	mode: WorkflowExecuteMode,
	credentials: ICredentialDataDecryptedObject | undefined,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	prepareContainer();
	const base = 'http://localhost:5678';
	const notAvailable = (what: string) => async () => {
		throw new UnexpectedError(`Test engine: ${what} is not available`);
	};
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper: new TestCredentialsHelper(
			credentialTypes,
			credentials ? { [CREDENTIAL_TYPE]: credentials } : {},
		),
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		userId: 'test-user',
		logAiEvent: () => {},
		executeWorkflow: notAvailable('executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notAvailable('the task runner'),
	};
	return data as IWorkflowExecuteAdditionalData;
}
