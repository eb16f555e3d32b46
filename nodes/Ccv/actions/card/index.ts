import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../common.descriptions';
import type { ResourceModule } from '../types';
import * as del from './delete.operation';
import * as deleteAll from './deleteAll.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: ResourceModule = { getAll, get, delete: del, deleteAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['card'] } },
		options: [
			{ name: 'Delete', value: 'delete', action: 'Delete a card', description: 'Unlink one payment card from its customer' },
			{ name: 'Delete All', value: 'deleteAll', action: 'Delete all cards of a customer', description: 'Unlink every payment card of a customer; the customer stays' },
			{ name: 'Get', value: 'get', action: 'Get a card', description: 'Get one linked payment card by its ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many cards', description: 'List the payment cards linked to a customer' },
		],
		default: 'getAll',
	},
	...operationFields(operations),
];
