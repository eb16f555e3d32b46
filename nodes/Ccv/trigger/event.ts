import type { IDataObject } from 'n8n-workflow';

/** One verified status change: the item to output and its eventKey (what "Emit Each Status Once" keys on). */
export interface VerifiedEvent {
	json: IDataObject;
	eventKey: string;
}

/** A call that starts nothing, with the reason for n8n's log (never for the caller). */
export interface IgnoredCall {
	ignored: string;
	/** CCV knows nothing the call names (an unknown reference, or no order found). */
	unknown?: boolean;
}

/** What one call yields: the verified status changes to consider (filters applied), or nothing. */
export type CallOutcome = { events: VerifiedEvent[] } | IgnoredCall;

export function isIgnored(outcome: CallOutcome): outcome is IgnoredCall {
	return 'ignored' in outcome;
}

/** Whether an eventKey was output before (this process or the workflow's static data). */
export type EmittedCheck = (eventKey: string) => boolean;
