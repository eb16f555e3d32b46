// The two bulk jobs the benchmarks time (delete by external ID, merge-update of the reference), each
// on freshly seeded customers, checked item by item against the sandbox's state afterwards.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import type { Client } from '../../sandbox/test-client';
import { extraOutputs, freshSandbox, outputsPerItem, repeatedWrites, timedRun } from './benchRun';
import type { TimedRun } from './benchRun';

export type Job = 'delete' | 'mergeUpdate';

/** Requests per item when nothing is retried. */
export const REQUESTS_PER_ITEM: Record<Job, number> = { delete: 1, mergeUpdate: 2 };

export interface JobResult extends TimedRun {
	items: INodeExecutionData[];
	count: number;
	/** Items whose effect is missing from the sandbox or whose output is missing / wrong. */
	lost: number;
	/** Extra outputs for one input item, plus writes applied twice. */
	duplicated: number;
}

const byExternalId: INodeParameters = { __rl: true, mode: 'externalId', value: '={{ $json.id }}' };
const extId = (job: Job, i: number) => `${job}-${i}`;

function outputsByItem(items: INodeExecutionData[], count: number): IDataObject[][] {
	const out: IDataObject[][] = Array.from({ length: count }, () => []);
	for (const item of items) {
		const paired = item.pairedItem;
		const index = typeof paired === 'object' && paired !== null && !Array.isArray(paired) ? paired.item : -1;
		if (index >= 0 && index < count) out[index].push(item.json);
	}
	return out;
}

/** Seeds `count` customers, then runs the job over all of them with these node options. */
export async function runJob(sb: Sandbox, client: Client, job: Job, count: number, options: INodeParameters, before?: () => void): Promise<JobResult> {
	const ids = Array.from({ length: count }, (_, i) => extId(job, i));
	await freshSandbox(sb, client, ids.map((id) => ({ externalId: id, customerReference: `OLD-${id}`, linkReferences: [`lr-${id}`] })));
	before?.();
	const inputs = ids.map((id) => ({ id, ref: `NEW-${id}` }));
	const parameters: INodeParameters =
		job === 'delete'
			? { resource: 'customer', operation: 'delete', customer: byExternalId, options }
			: {
					resource: 'customer',
					operation: 'update',
					customer: byExternalId,
					cardLinking: 'unchanged',
					updateFields: { customerReference: '={{ $json.ref }}' },
					options,
				};
	const run = await timedRun(sb, parameters, inputs);
	sb.faults.clear();
	sb.capacity.set({ maxInFlight: null, ratePerSecond: null });

	const outputs = outputsByItem(run.items, count);
	const state = new Map(sb.state.customers().map((c) => [c.externalId, c]));
	let lost = 0;
	inputs.forEach(({ id, ref }, i) => {
		const out = outputs[i][0];
		const customer = state.get(id);
		const done =
			job === 'delete'
				? customer === undefined && out?.deleted === true
				: customer?.customerReference === ref &&
					customer.linkReferences?.join() === `lr-${id}` &&
					out?.customerReference === ref;
		if (!done) lost++;
	});
	const duplicated =
		extraOutputs(outputsPerItem(run.items, count)) +
		repeatedWrites(sb, job === 'delete' ? 'DELETE' : 'PUT') +
		(job === 'mergeUpdate' ? Math.max(0, state.size - count) : 0);
	return { ...run, count, lost, duplicated };
}
