import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normalizeStatus } from './changesEventKey';

// "Output Only Changes": the last status this node output (or saw) per transaction or order, kept in
// the workflow's static data (getWorkflowStaticData('node')). n8n saves static data with the workflow
// after every execution that is not a manual one, also when a later node fails. It is read and written
// back whole, with no lock: see README "Reconciliation" for what holds
// when two executions overlap.

/** The most transactions/orders remembered per node; the one seen longest ago is forgotten first. */
export const MAX_REMEMBERED_STATUSES = 5000;

export interface RememberedStatus {
	/** The status as CCV wrote it (compared with normalizeStatus). */
	s: string;
	/** Transaction Get Many: which search found it, so a later run can look up the ones that left it. */
	q?: string;
}

export interface ChangesStaticData extends IDataObject {
	/** Oldest-seen first. Keys: "transaction:<reference>", "order:<orderId>". */
	lastStatus?: Record<string, RememberedStatus>;
}

export interface ChangesSettings {
	enabled: boolean;
	/** What the very first run (no memory yet) outputs. */
	firstRun: 'outputAll' | 'rememberOnly';
}

export function changesFields(resource: string, operation: string): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: 'Output Only Changes',
			name: 'outputOnlyChanges',
			type: 'boolean',
			default: false,
			description:
				'Whether to output only what changed status since this node\'s last run (for a Schedule Trigger: each status change is output once). The node remembers the last status of up to 5,000 transactions or orders in the workflow\'s static data; runs you start by hand in the editor remember nothing. In queue mode n8n gives workers no static data: add a Remove Duplicates node on eventKey.',
			hint: 'Remembers only in published runs (e.g. from a Schedule Trigger). A run you start by hand remembers nothing: it outputs the same changes each time.',
			displayOptions: { show },
		},
		{
			displayName: 'On First Run',
			name: 'onFirstRun',
			type: 'options',
			default: 'outputAll',
			options: [
				{
					name: 'Output Everything Found',
					value: 'outputAll',
					description: 'The first run outputs every transaction or order it finds, with its current status',
				},
				{
					name: 'Output Nothing, Only Remember',
					value: 'rememberOnly',
					description:
						'The first run only notes the current statuses; later runs output what changed after it. Not in queue mode (every worker run looks like a first run there).',
				},
			],
			description: 'What the very first run outputs, when the node remembers nothing yet',
			displayOptions: { show: { ...show, outputOnlyChanges: [true] } },
		},
	];
}

export function readChangesSettings(ctx: IExecuteFunctions, i: number): ChangesSettings {
	const enabled = ctx.getNodeParameter('outputOnlyChanges', i, false) === true;
	const firstRun = ctx.getNodeParameter('onFirstRun', i, 'outputAll') === 'rememberOnly' ? 'rememberOnly' : 'outputAll';
	return { enabled, firstRun };
}

const FORGOTTEN: RememberedStatus = { s: '' };

/** One status seen now: `key` is "transaction:<reference>" or "order:<orderId>". */
export interface Sighting {
	key: string;
	status: string;
	q?: string;
}

/**
 * The memory of one try of one node run. Items read the memory as the node run started and stage
 * what they saw; an item that fails stages nothing. Without Continue On Fail, the staged statuses are
 * written to static data only once every item has finished, and not at all when one failed: the node
 * then outputs nothing, so it must remember nothing, and the next run outputs the same changes. With
 * Continue On Fail each finished item is written at once (the node's output keeps the others).
 *
 * n8n's "Retry On Fail" runs the node again on the same input (a new try, with a new context; with
 * Continue On Fail also when the first output item is an error). Only the last try's output is kept,
 * so every try starts from the memory as the node run started, and what it writes replaces what an
 * earlier try wrote: a try that failed leaves the memory as if it never ran.
 */
class TryMemory {
	/** What this try's finished items saw, not yet written. */
	private readonly pending = new Map<string, RememberedStatus>();
	/** What this try wrote last (static data holds it); undefined until it writes. */
	private written: Record<string, RememberedStatus> | undefined;
	private readonly outputKeys = new Set<string>();
	private finished = 0;
	private failed = false;

	constructor(
		private readonly data: ChangesStaticData,
		private readonly run: NodeRun,
		private readonly itemCount: number,
		private readonly continueOnFail: boolean,
	) {}

	get isFirstRun(): boolean {
		return this.run.atStart === undefined;
	}

	saved(key: string): RememberedStatus | undefined {
		return this.run.atStart?.[key];
	}

	/** The memory as this run started, e.g. to find the transactions a search no longer lists. */
	savedEntries(): Array<[string, RememberedStatus]> {
		return Object.entries(this.run.atStart ?? {});
	}

	/** Whether another item of this try already output this change (then it is not output again). */
	claimOutput(changeId: string): boolean {
		if (this.outputKeys.has(changeId)) return false;
		this.outputKeys.add(changeId);
		return true;
	}

	itemDone(staged: Map<string, RememberedStatus> | undefined): void {
		this.finished++;
		for (const [key, value] of staged ?? []) this.pending.set(key, value);
		if (staged === undefined) this.failed = true;
		if (this.continueOnFail) this.write();
		else if (this.finished === this.itemCount && !this.failed) this.write();
	}

	private write(): void {
		if (!this.run.used) return;
		const needed = this.pending.size > 0 || (this.written === undefined && (this.run.atStart === undefined || this.run.written));
		if (!needed) return;
		const next: Record<string, RememberedStatus> = { ...(this.written ?? this.run.atStart ?? {}) };
		// Seen now = newest: delete then insert moves a key to the end (keys never look like array indexes).
		for (const [key, value] of this.pending) {
			delete next[key];
			if (value !== FORGOTTEN) next[key] = value;
		}
		const keys = Object.keys(next);
		for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED_STATUSES))) delete next[old];
		this.pending.clear();
		this.written = next;
		this.run.written = true;
		// A new object assigned through n8n's observable static data marks it for saving.
		this.data.lastStatus = next;
	}
}

/** What one item sees: the memory as the node run started, and its own sightings until it finishes. */
class RunMemory {
	readonly staged = new Map<string, RememberedStatus>();

	constructor(private readonly attempt: TryMemory) {}

	get isFirstRun(): boolean {
		return this.attempt.isFirstRun;
	}

	saved(key: string): RememberedStatus | undefined {
		return this.attempt.saved(key);
	}

	savedEntries(): Array<[string, RememberedStatus]> {
		return this.attempt.savedEntries();
	}

	/**
	 * Whether this sighting is output: its status differs from the remembered one (or nothing is
	 * remembered) and no other item of this try output the same change. Always staged.
	 */
	sight(sighting: Sighting, firstRun: ChangesSettings['firstRun']): { output: boolean; previous: string | null } {
		const status = normalizeStatus(sighting.status);
		const before = this.saved(sighting.key);
		const q = sighting.q ?? before?.q;
		this.staged.set(sighting.key, { s: sighting.status, ...(q ? { q } : {}) });
		const previous = before?.s ?? null;
		if (before !== undefined && normalizeStatus(before.s) === status) return { output: false, previous };
		if (this.isFirstRun && firstRun === 'rememberOnly') return { output: false, previous };
		return { output: this.attempt.claimOutput(`${sighting.key}\n${status}`), previous };
	}

	/** Forgets an entry (e.g. CCV no longer knows the transaction). */
	forget(key: string): void {
		this.staged.set(key, FORGOTTEN);
	}
}

/** One node run (one input), across n8n's tries of it. */
interface NodeRun {
	/** The memory as the node run's first try started. */
	readonly atStart: Record<string, RememberedStatus> | undefined;
	/** The context of the try in progress: n8n makes a new one for every try. */
	context: IExecuteFunctions;
	attempt: TryMemory;
	/** Some item of this run has Output Only Changes on: only then is static data touched. */
	used: boolean;
	/** Some try wrote static data (a later try then writes too, if only to undo it). */
	written: boolean;
}

// One NodeRun per node run: n8n hands every item, and every try, of one run the same input array.
const runs = new WeakMap<INodeExecutionData[], NodeRun>();

function tryOf(ctx: IExecuteFunctions): NodeRun {
	const input = ctx.getInputData();
	const data = ctx.getWorkflowStaticData('node') as ChangesStaticData;
	const newTry = (run: NodeRun) => new TryMemory(data, run, input.length, ctx.continueOnFail());
	let run = runs.get(input);
	if (!run) {
		// write() assigns a new object, so this one stays the memory as the run started.
		run = { atStart: data.lastStatus, context: ctx, used: false, written: false } as NodeRun;
		run.attempt = newTry(run);
		runs.set(input, run);
	} else if (run.context !== ctx) {
		run.context = ctx;
		run.attempt = newTry(run);
	}
	return run;
}

/**
 * Runs one item's work with the node run's memory. `work` returns what the item outputs; the memory
 * is written after the try's last item, unless an item failed without Continue On Fail.
 */
export async function withChanges<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	settings: ChangesSettings,
	work: (memory: RunMemory) => Promise<T>,
): Promise<T> {
	const run = tryOf(ctx);
	if (settings.enabled) run.used = true;
	const attempt = run.attempt;
	const memory = new RunMemory(attempt);
	try {
		const result = await work(memory);
		attempt.itemDone(memory.staged);
		return result;
	} catch (error) {
		attempt.itemDone(undefined);
		throw asNodeError(ctx, error, itemIndex);
	}
}

export type { RunMemory };

/** n8n's errors pass unchanged; anything else is wrapped so n8n shows it with its item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}
