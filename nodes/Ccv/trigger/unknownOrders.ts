import type { IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';

// An order id in Order IDs to Check that CCV does not know stays unknown call after call: its warning
// goes to n8n's log once per process, credential and order id, not on every call. Should CCV know
// it later (and lose it again), it is warned about again.

const MAX_WARNED = 1_000;
const warned = new Set<string>();

function keyOf(ctx: IWebhookFunctions, orderId: string): string {
	const credentialId = ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	return `${credentialId}\n${orderId}`;
}

/** Logs that CCV has no such order, unless this process already did for this credential and order. */
export function warnUnknownOrder(ctx: IWebhookFunctions, orderId: string): void {
	const key = keyOf(ctx, orderId);
	if (warned.has(key)) return;
	if (warned.size >= MAX_WARNED) warned.delete(warned.values().next().value as string);
	warned.add(key);
	ctx.logger.warn(`CCV Trigger: CCV has no order ${orderId} (listed in Order IDs to Check); the other orders are checked. This is logged once.`);
}

/** CCV knows the order (again): a later disappearance is warned about. */
export function orderKnown(ctx: IWebhookFunctions, orderId: string): void {
	warned.delete(keyOf(ctx, orderId));
}

/** For tests and restarts. */
export function forgetWarnedOrders(): void {
	warned.clear();
}
