import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { orderIdInUrl, orderStatusAnswer } from '../schemas/trigger';
import { isNotFound } from '../transport';
import type { CcvClient } from '../transport';
import { isFinalOrderStatus, orderStatusPath } from '../actions/order/order.helpers';
import { orderKey } from './emittedStore';
import type { CallOutcome } from './event';
import { isSelected, normalize } from './vocabulary';

// Boarding order status notification: CCV's call carries nothing (seed 003), so the order comes
// from the ?orderId= the user put in the notificationUrl, and its status from CCV's status endpoint.

export const ORDER_ID_PARAMETER = 'orderId';

export async function orderEvent(ctx: IWebhookFunctions, client: CcvClient): Promise<CallOutcome> {
	const query = ctx.getQueryData() as IDataObject;
	const parsedId = orderIdInUrl.safeParse(query[ORDER_ID_PARAMETER]);
	if (!parsedId.success) return { ignored: `the URL has no usable ?${ORDER_ID_PARAMETER}=` };
	const orderId = parsedId.data;

	const answer = await client.find({
		api: 'boarding',
		method: 'GET',
		path: orderStatusPath(orderId),
	});
	if (isNotFound(answer)) return { ignored: `CCV does not know order ${orderId}` };
	const parsed = orderStatusAnswer.safeParse(answer.body);
	if (!parsed.success) {
		throw new NodeOperationError(ctx.getNode(), 'CCV answered the order status request without an orderStatus', {
			description: `Asked CCV for the status of order ${orderId}; the answer had no usable "orderStatus", so nothing was output.`,
		});
	}
	const { orderStatus, externalReference } = parsed.data;
	const selected = ctx.getNodeParameter('orderStatuses', []) as string[];
	if (!isSelected(selected, orderStatus)) return { ignored: `order status ${orderStatus} is not selected` };
	return {
		json: {
			orderId,
			orderStatus,
			externalReference: externalReference ?? null,
			final: isFinalOrderStatus(orderStatus),
		},
		key: orderKey(orderId),
		status: normalize(orderStatus),
	};
}
