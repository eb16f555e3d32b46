// Boarding API (seed 003): SubmitOrder and the order status. Orders start as "New"; the control
// API moves them on, and `setOrderStatus` sends the empty-bodied status notification.
import { json, type ApiRequest, type ApiResponse, type Core } from '../core';
import { notFound } from '../errors';
import type { Route } from '../router';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../types';
import { Fields } from '../validate';
import { requireBody } from './customers';

function submitOrder(core: Core, req: ApiRequest): ApiResponse {
	const f = new Fields(requireBody(req.body));
	const notify = f.body.notifyCustomerByEmail;
	if (notify === undefined || notify === null) f.add('notifyCustomerByEmail', 'may not be null');
	else if (typeof notify !== 'boolean') f.add('notifyCustomerByEmail', 'must be a boolean');
	const externalReference = f.string('externalReference', { max: 255 });
	const info = f.object('statusNotificationInformation');
	let statusNotificationInformation: Order['statusNotificationInformation'] = null;
	if (info) {
		const sub = new Fields(info);
		const notificationUrl = sub.string('notificationUrl', { max: 2000 });
		// Seed 003:399 "we will only support https:// URLs"; refusing at submit is our (strict) reading.
		if (notificationUrl !== undefined && !core.readings.allowHttpWebhooks && !/^https:\/\//i.test(notificationUrl)) {
			sub.add('notificationUrl', 'must be an https:// URL');
		}
		let notifyOnStatus: OrderStatus[] | undefined;
		const statuses = info.notifyOnStatus;
		if (statuses !== undefined && statuses !== null) {
			if (!Array.isArray(statuses)) sub.add('notifyOnStatus', 'must be an array');
			else {
				statuses.forEach((s, i) => {
					if (!ORDER_STATUSES.includes(s as OrderStatus)) {
						sub.add(`notifyOnStatus[${i}]`, `must be one of: ${ORDER_STATUSES.join(', ')}`);
					}
				});
				notifyOnStatus = statuses as OrderStatus[];
			}
		}
		for (const e of sub.errors) f.add(`statusNotificationInformation.${e.field}`, e.message);
		statusNotificationInformation = {
			...(notificationUrl !== undefined ? { notificationUrl } : {}),
			...(notifyOnStatus ? { notifyOnStatus: [...notifyOnStatus] } : {}),
		};
	}
	if (f.body.order === undefined || f.body.order === null) f.add('order', 'may not be null');
	const order = f.object('order');
	f.check();

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
	{ method: 'POST', path: '/api/ordercompletion/reseller/order', handler: submitOrder },
	{ method: 'GET', path: '/api/ordercompletion/reseller/order/:orderId/status', handler: orderStatus },
];
