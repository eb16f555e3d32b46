import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { orderEventKey } from '../../helpers/changesEventKey';
import { changesFields, readChangesSettings, withChanges } from '../../helpers/changesMemory';
import type { ChangesSettings } from '../../helpers/changesMemory';
import { ownLabel } from '../../fields/field';
import { orderId as orderIdField } from '../../fields/lookup';
import { validateItem } from '../../helpers/validate';
import type { CcvClient } from '../../transport';
import { optionsCollection, showFor } from '../common.descriptions';
import type { PreparedItem } from '../types';
import { isFinalOrderStatus, orderNotFoundError, readOrderStatus } from './order.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/order/getStatus.json';

export const description: INodeProperties[] = [
	orderIdField.property(showFor('order', 'getStatus')),
	...changesFields('order', 'getStatus'),
	optionsCollection('order', 'getStatus'),
];

export interface PreparedGetStatus extends PreparedItem {
	orderId: string;
	changes: ChangesSettings;
}

export function prepare(this: IExecuteFunctions, i: number): PreparedGetStatus {
	const orderId = validateItem(this, orderIdField.rule, this.getNodeParameter(orderIdField.name, i), i, ownLabel(orderIdField));
	return { orderId, changes: readChangesSettings(this, i) };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: CcvClient,
	prepared?: PreparedGetStatus,
): Promise<IDataObject | IDataObject[]> {
	const { orderId, changes } = prepared ?? prepare.call(this, i);
	return await withChanges(this, i, changes, async (memory) => {
		const body = await readOrderStatus(this.getNode(), client, orderId, i);
		if (body === undefined) throw orderNotFoundError(this.getNode(), orderId, i);
		const order: IDataObject = { orderId, ...(body ?? {}), final: isFinalOrderStatus(body?.orderStatus) };
		if (!changes.enabled) return order;
		const status = typeof body?.orderStatus === 'string' ? body.orderStatus : '';
		const seen = memory.sight({ key: `order:${orderId}`, status }, changes.firstRun);
		if (!seen.output) return [];
		return { ...order, eventKey: orderEventKey(orderId, status), previousStatus: seen.previous };
	});
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
