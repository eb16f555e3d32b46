import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { orderIdInUrl, orderStatusAnswer } from '../schemas/trigger';
import { FINAL_ORDER_STATUSES } from '../schemas/order';
import type { CcvClient } from '../transport';
import { isFinalOrderStatus, readOrderStatus } from '../actions/order/order.helpers';
import { orderEventKey } from '../helpers/changesEventKey';
import type { CallOutcome, EmittedCheck, VerifiedEvent } from './event';
import { unverifiedOf } from './transactionSource';
import { orderKnown, warnUnknownOrder } from './unknownOrders';
import { isSelected } from './vocabulary';

// Boarding order status notification (seed 003): the notificationUrl is fixed at SubmitOrder, before
// CCV has given any order id, and CCV's call carries nothing. So a call only means "an order you
// subscribed changed status": the trigger asks CCV for the status of every order it is told to
// check (Order IDs to Check, plus an ?orderId= an older setup put in the URL) and outputs each
// verified status it has not output before. Orders already output in an end state are not asked again.

export const ORDER_IDS_PARAMETER = 'orderIds';
export const ORDER_ID_QUERY = 'orderId';
/** At most this many orders are asked per call, the newest in the list first. */
export const MAX_ORDERS_PER_CALL = 200;
const IN_FLIGHT = 4;

/** The order ids to check: the parameter's list (commas, spaces or new lines) and a usable ?orderId=. */
export function ordersToCheck(ctx: IWebhookFunctions): string[] {
	const raw = ctx.getNodeParameter(ORDER_IDS_PARAMETER, '') as unknown;
	const listed = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,;]+/)).filter((id) => id !== '');
	const fromUrl = (ctx.getQueryData() as IDataObject)[ORDER_ID_QUERY];
	const ids = new Set<string>();
	for (const id of [...listed, fromUrl]) {
		const parsed = orderIdInUrl.safeParse(id);
		if (parsed.success) ids.add(parsed.data);
	}
	return [...ids].slice(-MAX_ORDERS_PER_CALL);
}

function endStateOutput(orderId: string, wasEmitted: EmittedCheck): boolean {
	return FINAL_ORDER_STATUSES.some((status) => wasEmitted(orderEventKey(orderId, status)));
}

async function lookUp(ctx: IWebhookFunctions, client: CcvClient, orderId: string): Promise<IDataObject | undefined> {
	// An unknown or mistyped id is a 404 (REFERENCE §12): not a failed lookup, so it never makes the call answer 503.
	const answer = await readOrderStatus(ctx.getNode(), client, orderId);
	if (answer === undefined) {
		warnUnknownOrder(ctx, orderId);
		return undefined;
	}
	orderKnown(ctx, orderId);
	const parsed = orderStatusAnswer.safeParse(answer);
	if (!parsed.success) {
		throw new NodeOperationError(ctx.getNode(), 'CCV answered the order status request without an orderStatus', {
			description: `Asked CCV for the status of order ${orderId}; the answer had no usable "orderStatus", so nothing was output for it.`,
		});
	}
	return parsed.data as IDataObject;
}

export interface OrderCheck {
	outcome: CallOutcome;
	/** Orders whose lookup failed: their change is output by a later call or by reconciliation. */
	failed: Array<{ orderId: string; error: Error }>;
}

export async function orderEvents(ctx: IWebhookFunctions, client: CcvClient, wasEmitted: EmittedCheck): Promise<OrderCheck> {
	const ids = ordersToCheck(ctx).filter((id) => !endStateOutput(id, wasEmitted));
	if (ids.length === 0) return { outcome: { ignored: 'no open order to check (Order IDs to Check is empty)' }, failed: [] };
	const selected = ctx.getNodeParameter('orderStatuses', []) as string[];
	const unverified = unverifiedOf(ctx);
	const found: Array<VerifiedEvent | undefined> = new Array(ids.length);
	const failed: OrderCheck['failed'] = [];
	let next = 0;
	let known = 0;
	const worker = async () => {
		while (next < ids.length) {
			const index = next++;
			const orderId = ids[index];
			try {
				const answer = await lookUp(ctx, client, orderId);
				if (!answer) continue;
				known++;
				const orderStatus = String(answer.orderStatus);
				if (!isSelected(selected, orderStatus)) continue;
				const eventKey = orderEventKey(orderId, orderStatus);
				found[index] = {
					eventKey,
					json: {
						orderId,
						orderStatus,
						externalReference: (answer.externalReference as string | null | undefined) ?? null,
						final: isFinalOrderStatus(orderStatus),
						eventKey,
						unverified,
					},
				};
			} catch (error) {
				failed.push({ orderId, error: error instanceof Error ? error : new Error(String(error)) });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, ids.length) }, worker));
	const events = found.filter((event): event is VerifiedEvent => event !== undefined);
	if (known === 0 && failed.length === 0) return { outcome: { ignored: 'CCV knows none of the orders checked', unknown: true }, failed };
	if (events.length === 0) return { outcome: { ignored: 'no checked order is in a selected status' }, failed };
	return { outcome: { events }, failed };
}
