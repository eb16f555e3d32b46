export const ORDER_PATH = '/api/ordercompletion/reseller/order';

export function orderStatusPath(orderId: string): string {
	return `${ORDER_PATH}/${encodeURIComponent(orderId)}/status`;
}
