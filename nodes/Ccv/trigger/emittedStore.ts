import type { IDataObject } from 'n8n-workflow';

import { normalizeStatus } from '../helpers/changesEventKey';
import type { EventSource } from './vocabulary';

// "Emit Each Status Once", durable part: the eventKeys output so far, in the node's static data
// (getWorkflowStaticData('node')). n8n reads static data when a call starts and writes it back
// whole when the webhook answers, with no lock: two overlapping calls each write their own copy
// and the later write wins. So the record is a set (eventKey -> when it was output) that any two
// copies merge by union, and every call writes back what this n8n process has output recently
// (see processMemory.ts), healing a copy an overlapping save has overwritten.

/** The most status changes remembered per trigger; the ones output longest ago are forgotten first. */
export const MAX_REMEMBERED = 2000;

/** The node's static data as this trigger lays it out. */
export interface TriggerStaticData extends IDataObject {
	/** Set by webhookMethods.create: the Production URL and event source the workflow was published with. */
	webhookUrl?: string;
	eventSource?: string;
	/** eventKey -> when it was output (ms since 1970). */
	emitted?: Record<string, number>;
	/** Before 0.x: last status per "tx:<reference>", "ntf:<eventType>:<reference>", "order:<orderId>". */
	lastEmitted?: Record<string, string>;
}

/** The eventKey prefix each event source writes (transactions: webhook and notification alike). */
export function keyPrefixOf(source: EventSource): string {
	return source === 'orderStatus' ? 'order:' : 'transaction:';
}

/** Turns a record of an older version into eventKeys (once; the old field is dropped). */
export function upgradeLegacy(data: TriggerStaticData): void {
	const legacy = data.lastEmitted;
	if (legacy === undefined) return;
	const emitted: Record<string, number> = { ...(data.emitted ?? {}) };
	for (const [key, status] of Object.entries(legacy)) {
		const order = /^order:(.+)$/.exec(key);
		const tx = /^(?:tx:|ntf:[^:]*:)(.+)$/.exec(key);
		const eventKey = order
			? `order:${order[1]}:${normalizeStatus(status)}`
			: tx
				? `transaction:${tx[1]}:${normalizeStatus(status)}`
				: undefined;
		if (eventKey !== undefined) emitted[eventKey] ??= 0;
	}
	delete data.lastEmitted;
	data.emitted = emitted;
}

export function isRecorded(data: TriggerStaticData, eventKey: string): boolean {
	return data.emitted?.[eventKey] !== undefined;
}

/**
 * Writes `fresh` (eventKey -> time) into the record: the union, at most `max` entries, the newest
 * kept. Assigns a new object (which marks n8n's static data for saving) only when something is missing.
 */
export function mergeEmitted(data: TriggerStaticData, fresh: ReadonlyMap<string, number>, max = MAX_REMEMBERED): void {
	const stored = data.emitted ?? {};
	const storedKeys = Object.keys(stored);
	// When the record is full, entries older than its oldest would be cut again at once: skip them.
	const full = storedKeys.length >= max;
	const oldest = full ? Math.min(...storedKeys.map((key) => stored[key])) : -Infinity;
	let missing = false;
	for (const [key, at] of fresh) {
		if (stored[key] === undefined && at >= oldest) {
			missing = true;
			break;
		}
	}
	if (!missing && storedKeys.length <= max) return;
	const union = new Map(Object.entries(stored));
	for (const [key, at] of fresh) union.set(key, Math.max(at, union.get(key) ?? 0));
	const kept = [...union].sort((a, b) => a[1] - b[1]).slice(-max);
	data.emitted = Object.fromEntries(kept);
}

/** Keeps only entries of `source` (another source's keys can never match again). */
export function keepEntriesOf(data: TriggerStaticData, source: EventSource): void {
	upgradeLegacy(data);
	const prefix = keyPrefixOf(source);
	const entries = Object.entries(data.emitted ?? {});
	const kept = entries.filter(([key]) => key.startsWith(prefix));
	if (kept.length !== entries.length) data.emitted = Object.fromEntries(kept);
}
