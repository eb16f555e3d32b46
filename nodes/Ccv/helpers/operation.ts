import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../transport';

// The operation contract: what every actions/<resource>/<op>.operation.ts exports. It lives below
// actions/ so the helpers that run operations (executor, toolGuard) need not import upwards.

/**
 * What `prepare` hands to `execute`: the item's checked input. `idempotencyReference`, when set,
 * lets the router refuse two items of one run that would share one reference (two intended-distinct
 * transactions must never collapse into one silently).
 */
export interface PreparedItem {
	idempotencyReference?: string;
	/** How the item is named in a "same reference" message, e.g. 'refund of payment X, 5.00'. */
	identity?: string;
	[key: string]: unknown;
}

/** Where a money operation's amount is: a Full/Partial choice and the amount field, or always the full amount. */
export interface GuardAmount {
	/** The options field whose value 'full' means the full amount. */
	choice?: string;
	/** The field holding a plain amount. */
	amount?: string;
	alwaysFull?: true;
}

/**
 * What an operation does, for the AI-agent guard (actions/toolGuard.ts). Declared on every operation,
 * so a new one cannot be added without deciding it.
 * - read: only reads. write: adds and never removes or overwrites (e.g. Customer > Create).
 * - money: moves money. delete: deletes. erase: overwrites or clears data that exists (an Update).
 * - submit: sends something CCV acts on that cannot be taken back (a boarding order).
 * All but read and write are refused to an AI agent unless the workflow author allowed them.
 */
export type OperationGuard =
	| { kind: 'read' }
	| { kind: 'write' }
	| { kind: 'delete'; action: string }
	| { kind: 'erase'; action: string }
	| { kind: 'submit'; action: string }
	| { kind: 'money'; action: string; amount: GuardAmount };

/**
 * The output schema n8n's editor previews before a first run, served from
 * `__schema__/v1.0.0/<resource>/<operation>.json` (test/nodes/Ccv/contract/ keeps the file equal to it).
 */
export interface OutputSchema {
	type: string;
	properties: Record<string, unknown>;
}

/**
 * How a money operation names its intended transaction: the kind its Idempotency-Reference is derived
 * for, and the fields of its identity (helpers/idempotency.ts), never free text or amounts alone.
 */
export interface IdempotencyIdentity {
	operation: string;
	identity: readonly string[];
}

/** One operation: its fields in the editor and what it does for one input item. */
export interface OperationModule<P extends PreparedItem = PreparedItem> {
	description: INodeProperties[];
	/** Whether and how an AI agent calling the node as a tool is guarded; "action" in words, e.g. 'refund a payment'. */
	guard: OperationGuard;
	outputSchema: OutputSchema;
	/** Money operations: what identifies the intended transaction. */
	idempotency?: IdempotencyIdentity;
	/**
	 * Reads and checks one item's parameters, sending nothing. The router calls it for every item
	 * before any item is sent, so a bad item 2 of 3 stops the run before items 1 and 3 go out
	 * (without Continue On Fail). Throws the item's validation error (failItem / validateItem).
	 */
	prepare(this: IExecuteFunctions, itemIndex: number): P;
	/**
	 * Returns the item's output: one object, or a list (an empty list means no output items).
	 * `prepared` is what `prepare` returned for this item (undefined when an operation calls another's execute).
	 */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: CcvClient,
		prepared?: P,
	): Promise<IDataObject | IDataObject[]>;
	/** Items that return the same key run one after the other in input order. */
	serialKey?(this: IExecuteFunctions, itemIndex: number): string | undefined;
}

export type ResourceModule = Record<string, OperationModule>;
