// Runs the CCV node the way n8n 2.41 runs it as an AI agent's tool: n8n makes a usableAsTool node
// into "<type>Tool" (n8n's convertNodeToAiTool: name + 'Tool', no main input, one ai_tool output)
// and, for each tool call, runs the node's own execute in a SupplyDataContext whose ai_tool input
// holds the agent's arguments (n8n-core's makeHandleToolInvocation); `$fromAI()` in a parameter
// resolves from those arguments. In-process, against the sandbox.
import { SupplyDataContext } from 'n8n-core';
import { NodeConnectionTypes, Workflow, createRunExecutionData } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeParameters, INodeType, IWorkflowBase } from 'n8n-workflow';

import { Ccv } from '../../../../nodes/Ccv/Ccv.node';
import { additionalDataFor, nodeCredentials, nodeTypesOf } from '../../../helpers/engine/setup';
import type { CcvCredentialData } from '../../../helpers/engine';

/** What n8n's convertNodeToAiTool does to the description (the parts the engine reads). */
function asTool(base: INodeType): INodeType {
	const description = {
		...base.description,
		name: `${base.description.name}Tool`,
		displayName: `${base.description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
	};
	delete description.usableAsTool;
	return Object.assign(Object.create(base) as INodeType, { description });
}

export const ccvTool = asTool(new Ccv());

/** Stands in for n8n's AI Agent: the node the tool hangs under (its ai_tool input). */
const agentType: INodeType = {
	description: {
		displayName: 'Test Agent',
		name: 'test.agent',
		group: ['transform'],
		version: 1,
		description: 'Holds the tool',
		defaults: { name: 'AI Agent' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
};

let calls = 0;

export interface ToolCallOptions {
	/** The agent execution this call belongs to (default: a new one per call). */
	executionId?: string;
	/** Default: the tool's node name "CCV". */
	nodeName?: string;
}

/** The CCV tool under a stand-in agent, as n8n holds them for a tool call; `context` is the tool's SupplyDataContext. */
export function toolSetting(credentials: CcvCredentialData, parameters: INodeParameters, options: ToolCallOptions = {}) {
	const name = options.nodeName ?? 'CCV';
	const node: INode = {
		id: `ccv-tool-${name}`,
		name,
		type: ccvTool.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: nodeCredentials(ccvTool),
	};
	const agent: INode = { id: 'agent', name: 'AI Agent', type: 'test.agent', typeVersion: 1, position: [200, 0], parameters: {} };
	const workflowData: IWorkflowBase = {
		id: 'ccv-tool-test',
		name: 'CCV tool test',
		active: false,
		isArchived: false,
		createdAt: new Date(0),
		updatedAt: new Date(0),
		nodes: [node, agent],
		connections: { [name]: { ai_tool: [[{ node: 'AI Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: nodeTypesOf([ccvTool, agentType]),
		staticData: {},
		settings: workflowData.settings,
	});
	const additionalData = additionalDataFor(workflowData, 'manual', credentials as never, options.executionId ?? `tool-${++calls}`);
	const executeData = { node: agent, data: { main: [[{ json: {} }]] }, source: null };
	const context = (runExecutionData = createRunExecutionData(), runIndex = 0) =>
		new SupplyDataContext(
			workflow,
			node,
			additionalData,
			'manual',
			runExecutionData,
			runIndex,
			[{ json: {} }],
			{},
			NodeConnectionTypes.AiTool,
			executeData,
			[],
			undefined,
			agent,
		);
	return { node, context };
}

/** One tool call: the agent's arguments become the ai_tool input, then the node's execute runs. */
export async function callTool(
	credentials: CcvCredentialData,
	parameters: INodeParameters,
	toolArgs: IDataObject = {},
	options: ToolCallOptions = {},
): Promise<{ items?: IDataObject[]; error?: Error & { description?: string } }> {
	const context = toolSetting(credentials, parameters, options).context();
	context.addInputData(NodeConnectionTypes.AiTool, [[{ json: toolArgs }]]);
	try {
		const output = await ccvTool.execute!.call(context as unknown as IExecuteFunctions);
		return { items: (output as Array<Array<{ json: IDataObject }>>)[0].map((item) => item.json) };
	} catch (error) {
		return { error: error as Error & { description?: string } };
	}
}
