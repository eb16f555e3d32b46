import type { IExecuteFunctions } from 'n8n-workflow';

export const MANUAL_CHANGES_NOTICE =
	'Output Only Changes remembers nothing in a run you start by hand: this output lists every status as if it were the first run. Published runs (e.g. from a Schedule Trigger) remember what they output.';

/**
 * Says on a manual run's output that "Output Only Changes" remembered nothing (n8n keeps no static
 * data from manual runs), so two test runs showing the same changes do not look like a fault.
 */
export function noteManualChangesRun(ctx: IExecuteFunctions): void {
	if (ctx.getMode() !== 'manual') return;
	if (ctx.getNodeParameter('outputOnlyChanges', 0, false) !== true) return;
	ctx.addExecutionHints({ message: MANUAL_CHANGES_NOTICE, location: 'outputPane' });
}
