// Runs the CCV node in n8n's engine several times as ONE workflow would run on a schedule: the
// workflow's static data is carried from run to run the way n8n saves it (only when n8n marks it
// changed, as JSON), so "Output Only Changes" is tested with n8n's own static data object.
import { WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { Ccv } from '../../../../../nodes/Ccv/Ccv.node';
import type { CcvCredentialData, NodeRunError } from '../../../../helpers/engine';
import { additionalDataFor, nodeCredentials, nodeTypesOf, SOURCE_NODE_NAME, SOURCE_NODE_TYPE, sourceNodeType } from '../../../../helpers/engine/setup';

const ccv = new Ccv();
const NODE_NAME = 'CCV';
let executions = 0;

export interface ScheduledRun {
	items: INodeExecutionData[];
	error?: NodeRunError;
	/** Whether n8n would save the static data after this run. */
	saved: boolean;
}

export interface ScheduledWorkflow {
	run(
		items?: IDataObject[],
		options?: { continueOnFail?: boolean; mode?: 'trigger' | 'manual'; /** n8n's node setting "Retry On Fail", tries without a wait */ retryOnFail?: number },
	): Promise<ScheduledRun>;
	/** The static data as n8n stored it after the last saving run. */
	readonly stored: IDataObject;
	/** Replace the stored static data (e.g. to simulate another run's save). */
	store(data: IDataObject): void;
}

export function scheduledWorkflow(parameters: INodeParameters, credentials: () => CcvCredentialData): ScheduledWorkflow {
	let stored: IDataObject = {};
	return {
		get stored() {
			return stored;
		},
		store(data) {
			stored = structuredClone(data);
		},
		async run(items = [{}], options = {}) {
			const mode = options.mode ?? 'trigger';
			const source: INode = { id: 'in', name: SOURCE_NODE_NAME, type: SOURCE_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
			const target: INode = {
				id: 'ccv',
				name: NODE_NAME,
				type: ccv.description.name,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: nodeCredentials(ccv),
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				// n8n tries 2..5 times and reads a wait of 0 as 1000 ms (WorkflowExecute.getRetryParams): 1 ms.
				...(options.retryOnFail ? { retryOnFail: true, maxTries: options.retryOnFail, waitBetweenTries: 1 } : {}),
			};
			const workflowData: IWorkflowBase = {
				id: 'ccv-changes-test',
				name: 'CCV changes test',
				active: true,
				isArchived: false,
				createdAt: new Date(0),
				updatedAt: new Date(0),
				nodes: [source, target],
				connections: { [SOURCE_NODE_NAME]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
				activeVersionId: null,
			};
			const workflow = new Workflow({
				id: workflowData.id,
				name: workflowData.name,
				nodes: workflowData.nodes,
				connections: workflowData.connections,
				active: true,
				nodeTypes: nodeTypesOf([sourceNodeType(items), ccv]),
				staticData: structuredClone(stored),
				settings: workflowData.settings,
			});
			const additionalData = additionalDataFor(workflowData, mode, { ...credentials() }, `changes-${++executions}`);
			const result = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode: source });
			const task = result.data.resultData.runData[NODE_NAME]?.[0];
			// n8n (execution-lifecycle-hooks) saves static data after a non-manual execution, failed or
			// not, when its observable object says it changed.
			const saved = mode !== 'manual' && (workflow.staticData as IDataObject).__dataChanged === true;
			if (saved) stored = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			const error = (task?.error ?? result.data.resultData.error) as NodeRunError | undefined;
			return { items: task?.data?.main?.[0] ?? [], ...(error ? { error } : {}), saved };
		},
	};
}
