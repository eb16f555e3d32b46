import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../common.descriptions';
import type { ResourceModule } from '../types';
import * as getAll from './getAll.operation';

export const operations: ResourceModule = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentMethod'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many payment methods',
				description: 'List the payment methods your CCV account offers, with card brands and iDEAL banks',
			},
		],
		default: 'getAll',
	},
	...operationFields(operations),
];
