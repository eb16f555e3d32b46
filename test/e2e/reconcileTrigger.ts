/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// The CCV Reconciliation Trigger in real n8n, shared by reconcile.test.ts (one process) and
// queue.test.ts (queue mode): a workflow holding only the trigger, and per eventKey how many
// executions it started.
import { newId } from './harness';
import type { CredentialRef, ExecutionSummary, RestClient, Workflow } from './harness';

export const RECONCILE_TRIGGER_NODE = 'CUSTOM.ccvReconcileTrigger';
export const RECONCILE_NODE_NAME = 'CCV Reconciliation Trigger';

/** Checks every 5 s, looking back 10 minutes (the test's whole run). */
export function reconcileTriggerWorkflow(name: string, credential: CredentialRef, parameters: Record<string, unknown> = {}): Workflow {
	return {
		id: newId(),
		name,
		active: false,
		nodes: [
			{
				id: newId(),
				name: RECONCILE_NODE_NAME,
				type: RECONCILE_TRIGGER_NODE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { interval: 5, lookBack: 600, unit: 'seconds', checkTransactions: true, statuses: [], orderIds: '', ...parameters },
				credentials: { ccvApi: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** eventKey -> executions that started with it (each execution holds one change). */
export async function executionsPerEventKey(api: RestClient, executions: ExecutionSummary[]): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const execution of executions) {
		const full = await api.getExecution(execution.id);
		const items = (full.data.resultData.runData[RECONCILE_NODE_NAME]?.[0]?.data?.main?.[0] ?? []) as Array<{ json: { eventKey?: string } }>;
		for (const { json } of items) counts.set(String(json.eventKey), (counts.get(String(json.eventKey)) ?? 0) + 1);
	}
	return counts;
}

export function duplicatesOf(counts: Map<string, number>): number {
	return [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
}

export const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
