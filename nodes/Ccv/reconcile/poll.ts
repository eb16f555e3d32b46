import { NodeOperationError } from 'n8n-workflow';
import type { INodeExecutionData, IRun, ITriggerFunctions } from 'n8n-workflow';

import type { CcvClient } from '../transport';
import { orderChanges, transactionChanges } from './changes';
import type { Change } from './changes';
import { deduplicationKey } from './dedupKey';
import { EmittedMemory } from './memory';
import type { ReconcileStaticData } from './memory';
import type { ReconcileSettings } from './settings';

export interface CheckResult {
	/** Every change found now (emitted or not). */
	found: Change[];
	failures: Error[];
}

/** One check at CCV: the transactions of the window and the open orders named. */
export async function check(ctx: ITriggerFunctions, client: CcvClient, settings: ReconcileSettings, wasEmitted: (eventKey: string) => boolean, now = Date.now()): Promise<CheckResult> {
	const found: Change[] = [];
	const failures: Error[] = [];
	if (settings.checkTransactions) {
		try {
			found.push(...(await transactionChanges(client, settings, now)));
		} catch (error) {
			failures.push(error instanceof Error ? error : new Error(String(error)));
		}
	}
	if (settings.orderIds.length > 0) {
		const orders = await orderChanges(ctx, client, settings.orderIds, wasEmitted);
		found.push(...orders.changes);
		for (const { orderId, error } of orders.failed) failures.push(new Error(`order ${orderId}: ${error.message}`));
	}
	return { found, failures };
}

type DonePromise = NonNullable<Parameters<ITriggerFunctions['emit']>[2]>;

/** n8n settles it when the execution ends (or at once for a skipped duplicate); rejects when it could not run. */
function whenFailed(onFailure: () => void): DonePromise {
	let settle!: Pick<DonePromise, 'resolve' | 'reject'>;
	const promise = new Promise<IRun>((resolve, reject) => {
		settle = { resolve, reject };
	});
	promise.catch(onFailure);
	return { promise, ...settle };
}

function asItems(change: Change): INodeExecutionData[][] {
	return [[{ json: change.json }]];
}

/**
 * A scheduled check: each change not in the memory is recorded, then emitted on its own with its
 * deduplication key, so n8n starts at most one execution per change whatever the memory says
 * (after a crash, a restart, or two overlapping saves). Should n8n fail to start it (not a
 * duplicate, which resolves), the change is forgotten so the next check emits it again.
 */
export async function scheduledCheck(ctx: ITriggerFunctions, client: CcvClient, settings: ReconcileSettings): Promise<{ emitted: string[]; failures: Error[] }> {
	const memory = new EmittedMemory(ctx.getWorkflowStaticData('node') as ReconcileStaticData);
	const { found, failures } = await check(ctx, client, settings, (key) => memory.has(key));
	const workflowId = String(ctx.getWorkflow().id ?? '');
	const nodeId = ctx.getNode().id;
	const emitted: string[] = [];
	for (const change of found) {
		if (memory.has(change.eventKey) || emitted.includes(change.eventKey)) continue;
		memory.record(change.eventKey);
		ctx.emit(asItems(change), undefined, whenFailed(() => memory.forget(change.eventKey)), deduplicationKey(workflowId, nodeId, change.eventKey));
		emitted.push(change.eventKey);
	}
	if (failures.length > 0) report(ctx, failures);
	return { emitted, failures };
}

/** A check that failed in part: n8n's log and, where n8n offers it, a failed execution the user sees. */
function report(ctx: ITriggerFunctions, failures: Error[]): void {
	const message = `CCV Reconciliation Trigger: ${failures.length} lookup(s) at CCV failed; the next check tries again`;
	ctx.logger.error(`${message}: ${failures.map((f) => f.message).join('; ')}`);
	if (typeof ctx.saveFailedExecution === 'function') {
		ctx.saveFailedExecution(new NodeOperationError(ctx.getNode(), message, { description: failures.map((f) => f.message).join('\n') }));
	}
}

/** "Execute step" in the editor: what CCV lists now, in one execution, without a deduplication key. */
export async function manualCheck(ctx: ITriggerFunctions, client: CcvClient, settings: ReconcileSettings): Promise<void> {
	const { found, failures } = await check(ctx, client, settings, () => false);
	if (failures.length > 0) {
		throw new NodeOperationError(ctx.getNode(), 'A lookup at CCV failed', { description: failures.map((f) => f.message).join('\n') });
	}
	if (found.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'CCV lists nothing to show now', {
			description: 'No transaction was created in the Look Back window and no order was named (or CCV does not know them).',
		});
	}
	ctx.emit([found.map((change) => ({ json: change.json }))]);
}
