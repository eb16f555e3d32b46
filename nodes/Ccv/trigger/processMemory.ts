import { forgetHeldCredentials } from './credentialHold';
import { MAX_REMEMBERED } from './emittedStore';
import { forgetWarnedOrders } from './unknownOrders';

// "Emit Each Status Once", in-process part. Static data alone cannot stop duplicates: each call
// reads its own copy when it starts and n8n writes it back only when the call answers, so two
// copies of one webhook both see "not yet output". Node runs every call of one n8n process on the
// same event loop, so a module-level map is shared by all of them:
// - lanes: calls naming the same transaction (or, for orders, every call) run their lookup one
//   after the other; a call arriving while a lookup runs waits and shares the next lookup, which
//   starts after it arrived, so it sees a status at least as new as the one it was sent for.
// - emitted: what this process output, checked before static data and written back into every
//   call's static data (mergeEmitted), so a record an overlapping save overwrote is restored.
// Queue mode: each webhook process has its own map; see the README for what holds there.

interface Lane {
	current: Promise<unknown>;
	queued?: Promise<unknown>;
}

export interface NodeMemory {
	/** eventKey -> when output, oldest first; at most MAX_REMEMBERED. */
	readonly emitted: Map<string, number>;
	readonly lanes: Map<string, Lane>;
}

const memories = new Map<string, NodeMemory>();

/** One memory per published trigger node (and apart for the editor's test runs). */
export function memoryOf(scope: { mode: string; workflowId: string; nodeId: string }): NodeMemory {
	const key = `${scope.mode === 'manual' ? 'manual' : 'live'}\n${scope.workflowId}\n${scope.nodeId}`;
	let memory = memories.get(key);
	if (!memory) {
		memory = { emitted: new Map(), lanes: new Map() };
		memories.set(key, memory);
	}
	return memory;
}

/** For tests: forgets every process memory (and held credential), as a restart of n8n does. */
export function forgetProcessMemory(): void {
	memories.clear();
	forgetHeldCredentials();
	forgetWarnedOrders();
}

export function remember(memory: NodeMemory, eventKey: string, at = Date.now()): void {
	memory.emitted.delete(eventKey);
	memory.emitted.set(eventKey, at);
	if (memory.emitted.size > MAX_REMEMBERED) {
		const oldest = memory.emitted.keys().next().value;
		if (oldest !== undefined) memory.emitted.delete(oldest);
	}
}

export interface Claimed<T> {
	result: Promise<T>;
	/** Whether this call's own `work` runs (it then outputs); false when it shares another call's. */
	leader: boolean;
}

/**
 * Claims the lane `key` SYNCHRONOUSLY (call it before any await): runs `work` now if the lane is
 * free, else after the running work, shared with every call that arrives before it starts.
 */
export function claim<T>(memory: NodeMemory, key: string, work: () => Promise<T>): Claimed<T> {
	const lane = memory.lanes.get(key);
	const release = (own: Promise<unknown>) => {
		const now = memory.lanes.get(key);
		if (now && now.current === own && now.queued === undefined) memory.lanes.delete(key);
	};
	if (!lane) {
		const result = work();
		memory.lanes.set(key, { current: result });
		void result.then(
			() => release(result),
			() => release(result),
		);
		return { result, leader: true };
	}
	if (lane.queued) return { result: lane.queued as Promise<T>, leader: false };
	const queued: Promise<T> = lane.current
		.then(
			() => undefined,
			() => undefined,
		)
		.then(async () => {
			lane.current = queued;
			lane.queued = undefined;
			return await work();
		});
	lane.queued = queued;
	void queued.then(
		() => release(queued),
		() => release(queued),
	);
	return { result: queued, leader: true };
}
