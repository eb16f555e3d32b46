import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CcvClient } from '../transport';
import type { ClientSettings } from '../transport';
import { alreadyEmitted, rememberEmitted } from './emittedStore';
import type { TriggerStaticData } from './emittedStore';
import { isIgnored } from './event';
import { orderEvent } from './orderSource';
import { tokenMatches } from './token';
import { transactionEvent } from './transactionSource';
import type { EventSource } from './vocabulary';

// The caller waits for our answer while we ask CCV: fewer and shorter retries than the action node.
export const TRIGGER_CLIENT_SETTINGS: Partial<ClientSettings> = {
	maxRetries: 2,
	maxThrottleRetries: 2,
	maxWaitMs: 5_000,
	timeoutMs: 15_000,
};

/**
 * The same answer whatever happened, so a caller learns nothing about our account. The node sends
 * it itself, before the execution starts: n8n (2.41) saves the static data (Emit Each Status Once)
 * when the webhook answers, and starting the execution first resets n8n's "changed" mark, so the
 * record of what was output would be lost and a repeated call would run the workflow again.
 */
function acknowledged(ctx: IWebhookFunctions): IWebhookResponseData {
	ctx.getResponseObject().status(200).json({ received: true });
	return { noWebhookResponse: true };
}

export async function handleCall(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const token = ctx.getNodeParameter('token', '') as string;
	if (token !== '') {
		const query = ctx.getQueryData() as Record<string, unknown>;
		if (!tokenMatches(token, query.token)) {
			ctx.logger.warn('CCV Trigger: refused a call without the right ?token= (HTTP 401)');
			ctx.getResponseObject().status(401).json({ message: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
	}

	const source = ctx.getNodeParameter('eventSource', 'transaction') as EventSource;
	const client = new CcvClient(ctx, TRIGGER_CLIENT_SETTINGS);
	const outcome = source === 'orderStatus' ? await orderEvent(ctx, client) : await transactionEvent(ctx, client, source);
	if (isIgnored(outcome)) {
		ctx.logger.debug(`CCV Trigger: nothing output, ${outcome.ignored}`);
		return acknowledged(ctx);
	}

	if (ctx.getNodeParameter('emitEachStatusOnce', true) as boolean) {
		const data = ctx.getWorkflowStaticData('node') as TriggerStaticData;
		if (alreadyEmitted(data, outcome.key, outcome.status)) {
			ctx.logger.debug(`CCV Trigger: nothing output, status ${outcome.status} of ${outcome.key} was output before`);
			return acknowledged(ctx);
		}
		rememberEmitted(data, outcome.key, outcome.status);
	}
	return { ...acknowledged(ctx), workflowData: [[{ json: outcome.json }]] };
}
