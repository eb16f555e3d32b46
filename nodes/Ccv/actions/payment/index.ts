import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as capture from './capture.operation';
import * as create from './create.operation';
import * as reversal from './reversal.operation';

export const operations: ResourceModule = { create, capture, reversal };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Capture',
				value: 'capture',
				action: 'Capture an authorised payment',
				description: 'Take all or part of an amount that was only authorised',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a payment',
				description:
					'Start a payment: the output\'s payUrl is where the customer pays. Or charge a mandate or stored card without the customer.',
			},
			{
				name: 'Reversal',
				value: 'reversal',
				action: 'Reverse an authorised payment',
				description: 'Release an authorisation so the reserved amount is freed (only once per payment)',
			},
		],
		default: 'create',
	},
	...create.description,
	...capture.description,
	...reversal.description,
];
