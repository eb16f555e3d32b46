import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as getStatus from './getStatus.operation';
import * as submit from './submit.operation';

export const operations: ResourceModule = { submit, getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of an order',
				description:
					'Get a boarding order\'s status; final is true once it is Completed, Closed, Canceled or Failed and will not change',
			},
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit an order',
				description: 'Submit a boarding order built with CCV\'s order configurator (Boarding API, for resellers)',
			},
		],
		default: 'submit',
	},
	...submit.description,
	...getStatus.description,
];
