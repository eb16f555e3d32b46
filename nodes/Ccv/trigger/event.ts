import type { IDataObject } from 'n8n-workflow';

/** What one verified call yields: the item to output and what "Emit Each Status Once" keys on. */
export interface VerifiedEvent {
	json: IDataObject;
	key: string;
	/** Normalized status, as remembered in static data. */
	status: string;
}

/** A call that starts nothing, with the reason for n8n's log (never for the caller). */
export interface IgnoredCall {
	ignored: string;
}

export type CallOutcome = VerifiedEvent | IgnoredCall;

export function isIgnored(outcome: CallOutcome): outcome is IgnoredCall {
	return 'ignored' in outcome;
}
