import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const operations: ResourceModule = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a transaction',
				description: 'Get the current status and details of one payment, refund, capture or reversal by its reference',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many transactions',
				description: 'Search transactions by order number, original payment, date, type or status',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
];
