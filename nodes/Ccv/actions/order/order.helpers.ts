import { FINAL_ORDER_STATUSES } from '../../schemas/order';

export const ORDER_PATH = '/api/ordercompletion/reseller/order';

export function orderStatusPath(orderId: string): string {
	return `${ORDER_PATH}/${encodeURIComponent(orderId)}/status`;
}

/** Completed, Closed, Canceled and Failed are end states (seed 003). */
export function isFinalOrderStatus(status: unknown): boolean {
	const value = String(status ?? '').toLowerCase();
	return FINAL_ORDER_STATUSES.some((s) => s.toLowerCase() === value);
}
