import type { IDataObject } from 'n8n-workflow';

import { previewOf } from '../transport';
import type { CcvClient, CcvRequest, CcvResponse } from '../transport';

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
