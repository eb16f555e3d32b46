import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { FINAL_ORDER_STATUSES } from '../../schemas/order';
import { isNotFound } from '../../transport';
import type { CcvClient } from '../../transport';
import { pathSegmentProblem } from '../../schemas/common';

export const ORDER_PATH = '/api/ordercompletion/reseller/order';

/**
 * The order's status address. Every caller validates the id first (schemas/order orderId); this
 * is the last guard: "." and ".." survive encodeURIComponent and a server resolves them.
 */
export function orderStatusPath(orderId: string): string {
	const problem = pathSegmentProblem(orderId);
	if (problem || orderId.trim() === '') {
		throw new Error(`Refused to build an order status address: the order ID ${problem ?? 'is empty'}`);
	}
	return `${ORDER_PATH}/${encodeURIComponent(orderId)}/status`;
}

/** Completed, Closed, Canceled and Failed are end states (seed 003). */
export function isFinalOrderStatus(status: unknown): boolean {
	const value = String(status ?? '').toLowerCase();
	return FINAL_ORDER_STATUSES.some((s) => s.toLowerCase() === value);
}

/**
 * REFERENCE §12 lists 404 for the status call: an unknown or mistyped order id. The transport reads a
 * 404 without CCV's field-naming body as a wrong address; here only evidence says so: a page that is
 * not JSON (a web server's, not CCV's API) or CCV's own "Invalid URL" (seed 002:466).
 */
function isOrderNotFound(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || error.context.wrongUrl !== true) return false;
	const answer = (error.errorResponse as { answer?: unknown } | undefined)?.answer;
	if (answer === undefined || answer === null || answer === '') return true;
	if (typeof answer !== 'object') return false;
	const message = (answer as { message?: unknown }).message;
	return !(typeof message === 'string' && /invalid url/i.test(message));
}

/** The order's status answer, or undefined when CCV has no such order. */
export async function readOrderStatus(node: INode, client: CcvClient, orderId: string, itemIndex?: number): Promise<IDataObject | undefined> {
	try {
		const answer = await client.find<IDataObject>({ api: 'boarding', method: 'GET', path: orderStatusPath(orderId) }, itemIndex);
		return isNotFound(answer) ? undefined : (answer.body ?? {});
	} catch (error) {
		if (isOrderNotFound(error)) return undefined;
		throw asNodeError(node, error, itemIndex);
	}
}

/** The transport raises n8n errors already; anything else is wrapped so n8n shows it properly. */
function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

export function orderNotFoundError(node: INode, orderId: string, itemIndex: number): NodeApiError {
	return new NodeApiError(node, { httpCode: '404' }, {
		message: `Order not found: CCV has no order with ID ${orderId}`,
		description:
			'CCV answered 404 to the status request. Check the Order ID (the one CCV gave for the submitted order). If every order gives this, check the "Boarding API Base URL" in the CCV credential.',
		httpCode: '404',
		itemIndex,
	});
}
