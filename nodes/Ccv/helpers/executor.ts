import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type ItemWork = (itemIndex: number) => Promise<IDataObject | IDataObject[]>;

export interface RunOptions {
	/** Items in progress at once; 1 runs them one after the other. */
	concurrency: number;
	/** Items with the same key run one after the other, in input order (e.g. the same external id). */
	serialKey?: (itemIndex: number) => string | undefined;
}

/** What an item that failed outputs under Continue On Fail. */
export function errorJson(error: unknown): IDataObject {
	const e = error as Error & { description?: string; httpCode?: string; context?: IDataObject };
	const json: IDataObject = { error: e?.message ?? String(error) };
	if (e?.description) json.description = e.description;
	if (e?.httpCode) json.httpCode = e.httpCode;
	if (e?.context?.ccvError) json.ccvError = e.context.ccvError as IDataObject;
	return json;
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
	const tails = new Map<string, Promise<unknown>>();
	let next = 0;
	let firstFailure: { index: number; error: unknown } | undefined;

	const runOne = async (i: number) => {
		try {
			const out = await work(i);
			const list = Array.isArray(out) ? out : [out];
			results[i] = list.map((json) => ({ json, pairedItem: { item: i } }));
		} catch (error) {
			if (continueOnFail) {
				results[i] = [{ json: errorJson(error), pairedItem: { item: i } }];
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
		while (next < itemCount && !firstFailure) {
			const i = next++;
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

	const workers = Math.max(1, Math.min(options.concurrency, itemCount));
	await Promise.all(Array.from({ length: workers }, worker));

	if (firstFailure) {
		const { error, index } = firstFailure;
		if (error instanceof NodeOperationError || (error as { node?: unknown })?.node) throw error;
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: index });
	}
	return results.flat();
}
