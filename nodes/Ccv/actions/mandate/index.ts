import type { INodeProperties } from 'n8n-workflow';

import { operationFields } from '../common.descriptions';
import type { ResourceModule } from '../types';
import * as get from './get.operation';

export const operations: ResourceModule = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mandate'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a mandate',
				description: 'Get a mandate and whether it can be charged now (usable: true only when its status is active)',
			},
		],
		default: 'get',
	},
	...operationFields(operations),
];
