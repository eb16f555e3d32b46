import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { prepareItems, refusalOf, runItems } from '../helpers/executor';
import { noteManualChangesRun } from '../helpers/manualRunNotice';
import { CcvClient } from '../transport';
import type { GateStats } from '../transport';
import { resources } from './resources';
import { readRunSettings } from './settings';

/** Tells the user in the execution view when CCV pushed back, and how fast the run went. */
function reportPace(ctx: IExecuteFunctions, stats: GateStats): void {
	const summary = `CCV requests: concurrency reached ${stats.maxLimitReached}; ${stats.throttled} answered "too many requests"; ${stats.retriedAfterThrottle} sent again after waiting ${Math.round(stats.pausedMs / 100) / 10} s in total.`;
	ctx.logger.info(summary);
	if (stats.throttled > 0) {
		ctx.addExecutionHints({ message: summary, location: 'outputPane' });
	}
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`);
	}
	const settings = readRunSettings(this);
	const client = new CcvClient(this, settings.client);
	const redact = <T>(value: T): T => client.redact(value);
	// Phase 1: every item is checked before any item is sent.
	const { prepared, refused } = prepareItems(this, items.length, (i) => op.prepare.call(this, i));
	if (refused.size > 0 && !this.continueOnFail()) throw redact(refusalOf(this, refused));
	// Phase 2: the valid items, concurrently.
	const serialKey = op.serialKey;
	const output = await runItems(this, items.length, (i) => op.execute.call(this, i, client, prepared[i]), {
		concurrency: settings.itemConcurrency,
		serialKey: serialKey ? (i) => serialKey.call(this, i) : undefined,
		refused,
		redact,
	});
	reportPace(this, settings.gate.stats());
	noteManualChangesRun(this);
	return [output];
}
