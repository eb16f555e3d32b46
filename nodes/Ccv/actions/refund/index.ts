import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as create from './create.operation';
import * as get from './get.operation';

export const operations: ResourceModule = { create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Refund a payment',
				description:
					'Refund a payment fully or partly. Running the same item again never refunds twice; to make two identical refunds on purpose, give each its own Idempotency Key.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a refund',
				description: 'Get a refund\'s status (pending, success, failed) by its refund reference',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];
