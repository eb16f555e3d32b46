import { FINAL_ORDER_STATUSES } from '../../schemas/order';
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
