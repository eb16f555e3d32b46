import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { PreparedItem } from './operation';
import { seeFix } from './fixLinks';
import { itemLabel } from './itemLabel';

export type ItemWork = (itemIndex: number) => Promise<IDataObject | IDataObject[]>;

export interface RunOptions {
	/** Items in progress at once; 1 runs them one after the other. */
	concurrency: number;
	/** Items with the same key run one after the other, in input order (e.g. the same external id). */
	serialKey?: (itemIndex: number) => string | undefined;
	/** Items already refused (see prepareItems): under Continue On Fail they output this error, and never run. */
	refused?: Map<number, unknown>;
	/** Masks secrets in what a failed item outputs (a backstop: the transport masks them first). */
	redact?: <T>(value: T) => T;
}

/** What an item that failed outputs under Continue On Fail. */
export function errorJson(error: unknown, redact: <T>(value: T) => T = (v) => v): IDataObject {
	const e = error as Error & { description?: string; httpCode?: string; context?: IDataObject };
	const json: IDataObject = { error: e?.message ?? String(error) };
	if (e?.description) json.description = e.description;
	if (e?.httpCode) json.httpCode = e.httpCode;
	if (e?.context?.ccvError) json.ccvError = structuredCloneSafe(e.context.ccvError) as IDataObject;
	return redact(json);
}

function structuredCloneSafe(value: unknown): unknown {
	try {
		return structuredClone(value);
	} catch {
		return value;
	}
}

export interface Preparation<P extends PreparedItem> {
	/** What prepare returned, by item index (undefined for refused items, or when there is no prepare). */
	prepared: Array<P | undefined>;
	/** Items that may not be sent, each with its error (input order). */
	refused: Map<number, unknown>;
}

const NOTHING_SENT_FOR_ITEM = 'Nothing was sent to CCV for this item.';

/**
 * Phase 1 of a run: checks every item before any item is sent. Calls `prepare` for each item (when
 * the operation has one), then refuses items that would share one Idempotency-Reference: CCV would
 * carry out only one of them, silently.
 */
export function prepareItems<P extends PreparedItem>(
	ctx: IExecuteFunctions,
	itemCount: number,
	prepare: ((itemIndex: number) => P) | undefined,
): Preparation<P> {
	const prepared: Array<P | undefined> = new Array(itemCount).fill(undefined);
	const refused = new Map<number, unknown>();
	if (!prepare) return { prepared, refused };
	for (let i = 0; i < itemCount; i++) {
		try {
			prepared[i] = prepare(i);
		} catch (error) {
			refused.set(i, asItemError(ctx, error, i));
		}
	}
	const byReference = new Map<string, number[]>();
	prepared.forEach((p, i) => {
		const ref = p?.idempotencyReference;
		if (!ref) return;
		byReference.set(ref, [...(byReference.get(ref) ?? []), i]);
	});
	for (const [reference, indexes] of byReference) {
		if (indexes.length < 2) continue;
		const what = prepared[indexes[0]]?.identity ?? 'request';
		const names = listOf(indexes.map(itemLabel));
		for (const i of indexes) {
			prepared[i] = undefined;
			refused.set(
				i,
				new NodeOperationError(ctx.getNode(), `${names} would be the same ${what}`, {
					itemIndex: i,
					description: `They would carry the same Idempotency-Reference (${reference}), so CCV would carry out only one of them. If they are meant to be separate, give each its own Idempotency Key; if they are the same, remove the repeated item. ${seeFix('idempotency')} ${NOTHING_SENT_FOR_ITEM}`,
				}),
			);
		}
	}
	return { prepared, refused: new Map([...refused].sort((a, b) => a[0] - b[0])) };
}

/** Without Continue On Fail: the first refused item's error, saying how many others are refused and that nothing was sent. */
export function refusalOf(ctx: IExecuteFunctions, refused: Map<number, unknown>): NodeOperationError {
	const [[firstIndex, first], ...others] = [...refused];
	const error = asItemError(ctx, first, firstIndex) as NodeOperationError;
	const own = error.description && error.description !== NOTHING_SENT_FOR_ITEM ? error.description.replace(new RegExp(` ?${NOTHING_SENT_FOR_ITEM.replace(/\./g, '\\.')}$`), '') : '';
	const parts: string[] = [];
	if (own) parts.push(/[.!?]$/.test(own) ? own : `${own}.`);
	if (others.length) {
		const shown = others.slice(0, 10).map(([i]) => itemLabel(i));
		const rest = others.length - shown.length;
		const list = rest > 0 ? `${shown.join(', ')} and ${rest} more` : listOf(shown);
		parts.push(`${others.length} more item${others.length === 1 ? ' is' : 's are'} not valid either: ${list}.`);
	}
	parts.push(
		others.length
			? 'Nothing was sent to CCV for any item: fix these items (or turn on Continue On Fail to send the valid ones) and run again.'
			: 'Nothing was sent to CCV for any item: fix this item (or turn on Continue On Fail to send the valid ones) and run again.',
	);
	error.description = parts.join(' ');
	return error;
}

function listOf(names: string[]): string {
	return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function asItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): unknown {
	if (error instanceof NodeOperationError || (error as { node?: unknown })?.node) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Runs every input item through `work` with bounded concurrency. Outputs come back in input
 * order, each with its pairedItem, whatever order the items finished in.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	itemCount: number,
	work: ItemWork,
	options: RunOptions,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(itemCount);
	const continueOnFail = ctx.continueOnFail();
	const redact = options.redact;
	const tails = new Map<string, Promise<unknown>>();
	let firstFailure: { index: number; error: unknown } | undefined;

	const todo: number[] = [];
	for (let i = 0; i < itemCount; i++) {
		const refusal = options.refused?.get(i);
		if (refusal === undefined) todo.push(i);
		else if (continueOnFail) results[i] = [{ json: errorJson(refusal, redact), pairedItem: { item: i } }];
		else if (!firstFailure) firstFailure = { index: i, error: refusal };
	}
	let next = 0;

	const runOne = async (i: number) => {
		try {
			const out = await work(i);
			const list = Array.isArray(out) ? out : [out];
			results[i] = list.map((json) => ({ json, pairedItem: { item: i } }));
		} catch (error) {
			if (continueOnFail) {
				results[i] = [{ json: errorJson(error, redact), pairedItem: { item: i } }];
				return;
			}
			if (!firstFailure || i < firstFailure.index) firstFailure = { index: i, error };
		}
	};

	// A key that cannot be read (e.g. a broken expression) runs the item on its own; its error surfaces there.
	const keyOf = (i: number): string | undefined => {
		try {
			return options.serialKey?.(i);
		} catch {
			return undefined;
		}
	};

	const worker = async () => {
		while (next < todo.length && !firstFailure) {
			const i = todo[next++];
			const key = keyOf(i);
			if (key === undefined) {
				await runOne(i);
				continue;
			}
			const previous = tails.get(key) ?? Promise.resolve();
			const mine = previous.then(() => runOne(i));
			tails.set(key, mine);
			await mine;
		}
	};

	const workers = Math.max(1, Math.min(options.concurrency, todo.length));
	await Promise.all(Array.from({ length: workers }, worker));

	if (firstFailure) {
		const { error, index } = firstFailure;
		const thrown =
			error instanceof NodeOperationError || (error as { node?: unknown })?.node
				? error
				: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: index });
		throw redact ? redact(thrown) : thrown;
	}
	return results.flat();
}
