import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { orderId } from '../../schemas/order';
import type { CcvClient } from '../../transport';
import { optionsCollection, showFor } from '../common.descriptions';
import { isFinalOrderStatus, orderStatusPath } from './order.helpers';

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		description: 'CCV\'s ID of the submitted order (from the Submit answer)',
		displayOptions: showFor('order', 'getStatus'),
	},
	optionsCollection('order', 'getStatus'),
];


export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const id = validateItem(this, orderId, this.getNodeParameter('orderId', i), i, { '': 'Order ID' });
	const { body } = await client.request<IDataObject>({ api: 'boarding', method: 'GET', path: orderStatusPath(id) }, i);
	return { orderId: id, ...(body ?? {}), final: isFinalOrderStatus(body?.orderStatus) };
}
