import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CcvClient } from '../../transport';

import { itemLabel } from '../../helpers/itemLabel';
import { WEBHOOK_URL, baseUrlOf, loopbackFor, webhookUrlProblem } from '../../rules';

// The credential's Default Webhook URL (issue 17): every payment, refund, capture and reversal whose
// item sets no Webhook URL of its own gets it, so the CCV Trigger hears about each of them. It is
// never part of the Idempotency-Reference: changing the default must not turn a retry into a new
// transaction. Applied in execute (reading a credential is asynchronous, prepare is not), before
// anything is sent.

/** Where the webhook URL sent with a money request came from. */
export type WebhookUrlSource = 'item' | 'credential';

type DefaultWebhook = { url?: string; problem?: string; loopback: boolean };

// Checked once per execution: every item of one run shares one client, which reads the credential once.
const perExecution = new WeakMap<CcvClient, Promise<DefaultWebhook>>();

async function readDefault(client: CcvClient): Promise<DefaultWebhook> {
	// An address on this machine only with the local sandbox (its base URL on this machine too).
	const loopback = loopbackFor(baseUrlOf('payment', { baseUrl: await client.credentialField('baseUrl') }));
	const value = String((await client.credentialField('defaultWebhookUrl')) ?? '').trim();
	if (value === '') return { loopback };
	// The same rule as an item's Webhook URL (CCV calls HTTPS only).
	const problem = webhookUrlProblem(value, { ...WEBHOOK_URL, loopback });
	return problem ? { problem: problem.message, loopback } : { url: value, loopback };
}

function defaultOf(client: CcvClient): Promise<DefaultWebhook> {
	let pending = perExecution.get(client);
	if (!pending) {
		pending = readDefault(client);
		perExecution.set(client, pending);
	}
	return pending;
}

/** Notification Requests that name the status-change event (CCV does not publish their fields: REFERENCE §6). */
function namesStatusChanged(notificationRequests: unknown): boolean {
	return /StatusChanged/i.test(JSON.stringify(notificationRequests));
}

const TRIGGER_WILL_NOT_HEAR =
	'The Notification Requests name no StatusChanged event, and CCV sends them instead of any webhook: the CCV Trigger will not hear when this transaction\'s status changes. Add "StatusChanged" to their events, or look the transaction up with Transaction > Get.';

/**
 * The body with the credential's Default Webhook URL when the item has none. A default that may not
 * be used fails every item, those with their own URL too, so a run never stops half sent.
 * REFERENCE §6: "When present, notifications replace the merchant webhook configuration and/or
 * webhookUrl", so a request with Notification Requests never gets the default; when they name no
 * StatusChanged event, `warnings` says the CCV Trigger will not hear of the transaction (issue 28 #4).
 */
export async function withDefaultWebhook(
	ctx: IExecuteFunctions,
	client: CcvClient,
	i: number,
	body: IDataObject,
): Promise<{ body: IDataObject; webhookUrlFrom?: WebhookUrlSource; warnings?: string[] }> {
	const fallback = await defaultOf(client);
	if (fallback.problem !== undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${itemLabel(i)}: "Default Webhook URL" in the CCV API credential ${fallback.problem}`,
			{
				itemIndex: i,
				description:
					'Nothing was sent to CCV for this item. Correct the Default Webhook URL in the credential (use the CCV Trigger\'s Production URL, https://) or empty it.',
			},
		);
	}
	if (body.webhookUrl !== undefined) {
		// The item's own address was checked without the credential: an address on this machine passed there.
		const problem = webhookUrlProblem(String(body.webhookUrl), { ...WEBHOOK_URL, loopback: fallback.loopback });
		if (problem) {
			throw new NodeOperationError(ctx.getNode(), `${itemLabel(i)}: "Webhook URL" ${problem.message}`, {
				itemIndex: i,
				description: 'Nothing was sent to CCV for this item. Use the CCV Trigger\'s Production URL (https://, reachable from the internet).',
			});
		}
	}
	if (body.notificationRequests !== undefined) {
		const warnings = namesStatusChanged(body.notificationRequests) ? undefined : [TRIGGER_WILL_NOT_HEAR];
		return { body, webhookUrlFrom: body.webhookUrl === undefined ? undefined : 'item', warnings };
	}
	if (body.webhookUrl !== undefined) return { body, webhookUrlFrom: 'item' };
	if (fallback.url === undefined) return { body };
	return { body: { ...body, webhookUrl: fallback.url }, webhookUrlFrom: 'credential' };
}
