import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import { list as listTransactions } from '../actions/transaction/getAll.operation';
import { isFinalOrderStatus, orderStatusPath } from '../actions/order/order.helpers';
import { orderEventKey, transactionEventKey } from '../helpers/changesEventKey';
import { FINAL_ORDER_STATUSES } from '../schemas/order';
import { orderStatusAnswer } from '../schemas/trigger';
import { isSelected } from '../trigger/vocabulary';
import { isNotFound } from '../transport';
import type { CcvClient } from '../transport';
import type { ReconcileSettings } from './settings';

// What one check finds at CCV: every transaction created in the Look Back window (all statuses,
// every page of the window: the requests grow with the window, not with the account's history)
// and the status of each order named, each as a change with the webhook trigger's eventKey.

export interface Change {
	eventKey: string;
	json: IDataObject;
}

/** Skips orders whose end status was output already. */
export type WasEmitted = (eventKey: string) => boolean;

const IN_FLIGHT = 4;

export async function transactionChanges(client: CcvClient, settings: ReconcileSettings, now: number): Promise<Change[]> {
	const found = await listTransactions(client, 0, { createdAfter: now - settings.lookBackMs }, Infinity);
	const changes: Change[] = [];
	for (const transaction of found) {
		const { reference, status } = transaction;
		if (typeof reference !== 'string' || typeof status !== 'string') continue;
		if (!isSelected(settings.statuses, status)) continue;
		const eventKey = transactionEventKey(reference, status);
		changes.push({ eventKey, json: { ...transaction, eventKey } });
	}
	return changes;
}

async function orderStatus(ctx: ITriggerFunctions, client: CcvClient, orderId: string): Promise<IDataObject | undefined> {
	const answer = await client.find({ api: 'boarding', method: 'GET', path: orderStatusPath(orderId) });
	if (isNotFound(answer)) return undefined;
	const parsed = orderStatusAnswer.safeParse(answer.body);
	if (!parsed.success) {
		throw new NodeOperationError(ctx.getNode(), 'CCV answered the order status request without an orderStatus', {
			description: `Asked CCV for the status of order ${orderId}; the answer had no usable "orderStatus", so nothing was output for it.`,
		});
	}
	return parsed.data as IDataObject;
}

export interface OrderResult {
	changes: Change[];
	failed: Array<{ orderId: string; error: Error }>;
}

export async function orderChanges(ctx: ITriggerFunctions, client: CcvClient, orderIds: string[], wasEmitted: WasEmitted): Promise<OrderResult> {
	const open = orderIds.filter((id) => !FINAL_ORDER_STATUSES.some((status) => wasEmitted(orderEventKey(id, status))));
	const found: Array<Change | undefined> = new Array(open.length);
	const failed: OrderResult['failed'] = [];
	let next = 0;
	const worker = async () => {
		while (next < open.length) {
			const index = next++;
			const orderId = open[index];
			try {
				const answer = await orderStatus(ctx, client, orderId);
				if (!answer) continue;
				const status = String(answer.orderStatus);
				const eventKey = orderEventKey(orderId, status);
				const externalReference = (answer.externalReference as string | null | undefined) ?? null;
				found[index] = { eventKey, json: { orderId, orderStatus: status, externalReference, final: isFinalOrderStatus(status), eventKey } };
			} catch (error) {
				failed.push({ orderId, error: error instanceof Error ? error : new Error(String(error)) });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, open.length) }, worker));
	return { changes: found.filter((c): c is Change => c !== undefined), failed };
}
