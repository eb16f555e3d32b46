// Boarding API (seed 003): SubmitOrder and the order status. Orders start as "New"; the control
// API moves them on, and `setOrderStatus` sends the empty-bodied status notification.
import { json, type ApiRequest, type ApiResponse, type Core } from '../core';
import { notFound } from '../errors';
import type { Route } from '../router';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../types';
import type { RouteInput } from '../input';

const B = '003_a1abbe7b2bb943dc.txt';

const ORDER_INPUT: RouteInput = {
	from: 'body',
	fields: [
		{ name: 'notifyCustomerByEmail', kind: 'boolean', required: true, source: `${B}:411` },
		{ name: 'externalReference', max: 255, source: `${B}:412; the limit is silent: our choice` },
		{
			name: 'statusNotificationInformation',
			kind: 'object',
			fields: [
				{
					name: 'notificationUrl',
					max: 2000,
					// Seed 003:399 "we will only support https:// URLs"; refusing at submit is our (strict) reading.
					check: {
						test: (url, _values, core) =>
							!core.readings.allowHttpWebhooks && !/^https:\/\//i.test(url as string) ? 'must be an https:// URL' : undefined,
						says: 'https:// only (reading `allowHttpWebhooks`)',
					},
					source: `${B}:414, ${B}:399; refusing at submit is silent: our choice`,
				},
				{ name: 'notifyOnStatus', kind: 'list', oneOf: ORDER_STATUSES, source: `${B}:415, ${B}:418-434` },
			],
			source: `${B}:413`,
		},
		{ name: 'order', kind: 'object', required: true, source: `${B}:416` },
	],
};

function submitOrder(core: Core, req: ApiRequest): ApiResponse {
	const input = req.input as Record<string, unknown>;
	const info = input.statusNotificationInformation as Record<string, unknown> | undefined;
	const notificationUrl = (info?.notificationUrl ?? undefined) as string | undefined;
	const notifyOnStatus = (info?.notifyOnStatus ?? undefined) as OrderStatus[] | undefined;
	const statusNotificationInformation: Order['statusNotificationInformation'] = info
		? {
				...(notificationUrl !== undefined ? { notificationUrl } : {}),
				...(notifyOnStatus ? { notifyOnStatus: [...notifyOnStatus] } : {}),
			}
		: null;
	const externalReference = input.externalReference as string | undefined;
	const notify = input.notifyCustomerByEmail;
	const order = input.order;

	const now = core.now();
	const created: Order = {
		orderId: core.ids.uuid(),
		externalReference: externalReference ?? null,
		orderStatus: 'New',
		notifyCustomerByEmail: notify as boolean,
		statusNotificationInformation,
		order: structuredClone(order as Record<string, unknown>),
		created: now,
		lastUpdate: now,
	};
	core.store.orders.set(created.orderId, created);
	return orderAnswer(core, created);
}

/** SubmitOrder's answer: undocumented (REFERENCE §12), so the submitOrderAnswer reading; default without orderId. */
function orderAnswer(core: Core, order: Order): ApiResponse {
	const reading = core.readings.submitOrderAnswer;
	if (reading === 'empty') return { status: 200 };
	const body: Record<string, unknown> = { externalReference: order.externalReference, orderStatus: order.orderStatus };
	return json(reading === 'with-orderId' ? { orderId: order.orderId, ...body } : body);
}

function orderStatus(core: Core, req: ApiRequest): ApiResponse {
	const order = core.store.orders.get(req.params.orderId);
	if (!order) throw notFound('Order not found', 'orderId');
	return json({ orderStatus: order.orderStatus, externalReference: order.externalReference });
}

/** Changes an order's status; notifies once (never retried) when the new status is subscribed. */
export function moveOrder(core: Core, order: Order, status: OrderStatus): void {
	if (order.orderStatus === status) return;
	order.orderStatus = status;
	order.lastUpdate = core.now();
	const info = order.statusNotificationInformation;
	if (info?.notificationUrl && info.notifyOnStatus?.includes(status)) {
		core.deliverer.send('order', info.notificationUrl, '');
	}
}

export const boardingRoutes: Route[] = [
	{
		method: 'POST',
		path: '/api/ordercompletion/reseller/order',
		answers: '→ SubmitOrder answer (codes only; reading `submitOrderAnswer`); the order starts `New`',
		sources: [`${B}:405-416`, `${B}:438-446`],
		input: ORDER_INPUT,
		handler: submitOrder,
	},
	{
		method: 'GET',
		path: '/api/ordercompletion/reseller/order/:orderId/status',
		answers: '→ `{orderStatus, externalReference}`, 404',
		sources: ['REF §12'],
		handler: orderStatus,
	},
];
