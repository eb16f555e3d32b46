import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

import { CcvClient, RETRY_PROFILES } from './transport';
import type { RequestContext } from './transport';
import { reconcileProperties } from './reconcile/description';
import { manualCheck, scheduledCheck } from './reconcile/poll';
import { readSettings } from './reconcile/settings';

const TICK = '*/5 * * * * *';
const TICK_MS = 5_000;

const CLIENT_SETTINGS = RETRY_PROFILES.reconcilePoll;

/**
 * The client only uses getNode, getCredentials and helpers.httpRequestWithAuthentication, which a
 * trigger's context has as well.
 */
function clientFor(ctx: ITriggerFunctions): CcvClient {
	return new CcvClient(ctx as unknown as RequestContext, CLIENT_SETTINGS);
}

export class CcvReconcileTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CCV Reconciliation Trigger',
		name: 'ccvReconcileTrigger',
		icon: { light: 'file:../../icons/ccv.svg', dark: 'file:../../icons/ccv.dark.svg' },
		group: ['trigger', 'schedule'],
		version: 1,
		subtitle: '={{ "Every " + $parameter["interval"] + " " + $parameter["unit"] }}',
		description: 'Asks CCV on a schedule and starts one execution per payment or order status change, exactly once',
		eventTriggerDescription: '',
		defaults: { name: 'CCV Reconciliation Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ccvApi', required: true }],
		properties: reconcileProperties,
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		// Every change found is emitted with a deduplication key; see reconcile/poll.ts.
		const settings = readSettings(this);
		const client = () => clientFor(this);
		if (this.getMode() === 'manual') {
			return { manualTriggerFunction: async () => await manualCheck(this, client(), settings) };
		}
		if (this.getWorkflowSettings().saveDataSuccessExecution === 'none') {
			throw new NodeOperationError(this.getNode(), 'This workflow does not save successful executions', {
				description:
					'The CCV Reconciliation Trigger starts each status change once because n8n keeps a key on every saved execution. With "Save successful production executions" off, n8n deletes them and the same change could start again. Open the workflow\'s Settings and set it to "Save".',
			});
		}
		// n8n's scheduler ticks every 5 seconds; a check starts on the first tick once the interval has
		// passed since the last one started (the first tick after publishing runs one). n8n removes the
		// schedule when the workflow is unpublished or this process stops leading.
		let running = false;
		let lastStart = -Infinity;
		this.helpers.registerCron({ expression: TICK }, (scheduled) => {
			const now = scheduled instanceof Date ? scheduled.getTime() : Date.now();
			// A check slower than the schedule is not overlapped by the next one.
			if (running || now - lastStart < settings.intervalMs - TICK_MS / 2) return;
			running = true;
			lastStart = now;
			void scheduledCheck(this, client(), settings)
				.catch((error: unknown) => {
					this.logger.error(`CCV Reconciliation Trigger: the check failed: ${error instanceof Error ? error.message : String(error)}`);
				})
				.finally(() => {
					running = false;
				});
		});
		return {};
	}
}
