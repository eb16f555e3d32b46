import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as card from './actions/card';
import * as customer from './actions/customer';
import { router } from './actions/router';

export class Ccv implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CCV',
		name: 'ccv',
		icon: { light: 'file:../../icons/ccv.svg', dark: 'file:../../icons/ccv.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage CCV loyalty customers and cards, refunds, payments, transactions, mandates and Boarding orders',
		defaults: { name: 'CCV' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ccvApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Card', value: 'card', description: 'Payment cards linked to a loyalty customer' },
					{ name: 'Customer', value: 'customer', description: 'Loyalty customers that payment cards link to' },
				],
				default: 'customer',
			},
			...customer.description,
			...card.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
