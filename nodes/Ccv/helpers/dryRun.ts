import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { previewOf } from '../transport';
import type { CcvClient, CcvRequest, CcvResponse } from '../transport';
import { seeFix } from './fixLinks';
import { failItem } from './validate';

function shown(value: unknown): string {
	return value === undefined ? 'empty' : JSON.stringify(value);
}

/**
 * The one reader of the "Dry Run" option, for every operation that has it. A safety switch that
 * cannot be read stops the item: Dry Run is off only when the user never added it, or when it is
 * exactly false. Set (a fixed value or an expression) and anything but true or false, e.g. an
 * expression that yields nothing on this item, or the text "true", refuses the item before anything
 * is sent. n8n's resolved value alone cannot tell "never added" from "yields nothing"; the raw
 * parameter (the expression text) can.
 */
export function readDryRun(ctx: Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>, i: number): boolean {
	const raw = ctx.getNode().parameters.options as IDataObject | undefined;
	const resolved = ctx.getNodeParameter('options', i, {}) as IDataObject | undefined;
	const value = resolved?.dryRun;
	if (value === true || value === false) return value;
	const set = (raw !== null && typeof raw === 'object' && 'dryRun' in raw) || (resolved !== null && typeof resolved === 'object' && 'dryRun' in resolved);
	if (!set) return false;
	return failItem(
		ctx,
		i,
		`"Dry Run" must be true or false (it is ${shown(value)})`,
		`Nothing was sent to CCV for this item. Dry Run is a safety switch: when it cannot be read, nothing is written. Make its expression give true or false on every item, e.g. {{ $json.preview === true }}, or remove the option to write for real. ${seeFix('dryRun')}`,
	);
}

/**
 * Sends a write, or (Dry Run) returns what would have been sent. Reads are never routed
 * through here: a dry run still reads, so its answer is real.
 */
export async function sendWrite<T = unknown>(
	client: CcvClient,
	request: CcvRequest,
	itemIndex: number,
	dryRun: boolean,
): Promise<{ sent: true; response: CcvResponse<T> } | { sent: false; dryRun: IDataObject }> {
	if (dryRun) {
		// The same address check as a real send: a preview is never shown for a request that would be refused.
		client.checkPath(request, itemIndex);
		// Masked like an answer (the Shared Token of a Default Webhook URL); a copy, the request itself is left as is.
		const preview = client.redact(structuredClone(previewOf(request)));
		return { sent: false, dryRun: { dryRun: true, request: preview as unknown as IDataObject } };
	}
	return { sent: true, response: await client.request<T>(request, itemIndex) };
}
