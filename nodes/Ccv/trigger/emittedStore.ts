import type { IDataObject } from 'n8n-workflow';

import type { EventSource } from './vocabulary';

// "Emit Each Status Once" lives in the node's static data (getWorkflowStaticData('node')),
// which n8n saves with the workflow after each call: nothing is kept in memory, so any
// n8n process (queue mode) sees what an earlier one emitted.

export const MAX_REMEMBERED = 1000;

/** The node's static data as this trigger lays it out. */
export interface TriggerStaticData extends IDataObject {
	/** Set by webhookMethods.create: the Production URL and event source the workflow was published with. */
	webhookUrl?: string;
	eventSource?: string;
	/** Last status output per key, oldest first: "tx:<reference>", "ntf:<eventType>:<reference>", "order:<orderId>". */
	lastEmitted?: Record<string, string>;
}

const KEY_PREFIX: Record<EventSource, string> = {
	transaction: 'tx:',
	notification: 'ntf:',
	orderStatus: 'order:',
};

// Every key starts with a word, so none looks like an array index: objects keep such keys in
// insertion order, which is what "oldest first" relies on.
export function transactionKey(reference: string): string {
	return `${KEY_PREFIX.transaction}${reference}`;
}

export function notificationKey(eventType: string | null, reference: string): string {
	return `${KEY_PREFIX.notification}${eventType ?? ''}:${reference}`;
}

export function orderKey(orderId: string): string {
	return `${KEY_PREFIX.orderStatus}${orderId}`;
}

export function alreadyEmitted(data: TriggerStaticData, key: string, status: string): boolean {
	return data.lastEmitted?.[key] === status;
}

/** Records `status` as the newest entry; beyond `max` entries the oldest are dropped. */
export function rememberEmitted(data: TriggerStaticData, key: string, status: string, max = MAX_REMEMBERED): void {
	const next: Record<string, string> = { ...(data.lastEmitted ?? {}) };
	delete next[key];
	next[key] = status;
	const keys = Object.keys(next);
	for (const old of keys.slice(0, Math.max(0, keys.length - max))) delete next[old];
	// A new object assigned through n8n's observable static data marks it for saving.
	data.lastEmitted = next;
}

/** Keeps only entries of `source` (another source's keys can never match again) and at most `max`. */
export function keepEntriesOf(data: TriggerStaticData, source: EventSource, max = MAX_REMEMBERED): void {
	const entries = Object.entries(data.lastEmitted ?? {}).filter(([key]) => key.startsWith(KEY_PREFIX[source]));
	const kept = Object.fromEntries(entries.slice(Math.max(0, entries.length - max)));
	if (Object.keys(kept).length !== Object.keys(data.lastEmitted ?? {}).length) data.lastEmitted = kept;
}
