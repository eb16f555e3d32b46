import type { IDataObject } from 'n8n-workflow';

// The first filter: eventKeys this node emitted, in the node's static data (saved by n8n when the
// trigger emits). Static data is read and written whole with no lock and may be lost in a crash
// after an emit, so it only saves work: the deduplication key is what makes a change start once.

/** The most changes remembered; the one emitted longest ago is forgotten first. */
export const MAX_REMEMBERED_CHANGES = 5000;

export interface ReconcileStaticData extends IDataObject {
	/** eventKey -> when it was emitted (ms since 1970). */
	emitted?: Record<string, number>;
}

export class EmittedMemory {
	constructor(
		private readonly data: ReconcileStaticData,
		private readonly max = MAX_REMEMBERED_CHANGES,
	) {}

	has(eventKey: string): boolean {
		return this.data.emitted?.[eventKey] !== undefined;
	}

	record(eventKey: string, at = Date.now()): void {
		const next = { ...(this.data.emitted ?? {}) };
		delete next[eventKey];
		next[eventKey] = at;
		const keys = Object.keys(next);
		for (const old of keys.slice(0, Math.max(0, keys.length - this.max))) delete next[old];
		// A new object assigned through n8n's observable static data marks it for saving.
		this.data.emitted = next;
	}

	forget(eventKey: string): void {
		if (!this.has(eventKey)) return;
		const next = { ...(this.data.emitted ?? {}) };
		delete next[eventKey];
		this.data.emitted = next;
	}

	get size(): number {
		return Object.keys(this.data.emitted ?? {}).length;
	}
}
