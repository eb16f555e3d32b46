import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as card from './actions/card';
import * as customer from './actions/customer';
import * as mandate from './actions/mandate';
import * as order from './actions/order';
import * as payment from './actions/payment';
import * as refund from './actions/refund';
import { router } from './actions/router';
import * as transaction from './actions/transaction';

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
					{ name: 'Mandate', value: 'mandate', description: 'Customer permissions to charge a card later without them' },
					{ name: 'Order', value: 'order', description: 'Boarding orders that sign merchants up with CCV (resellers)' },
					{ name: 'Payment', value: 'payment', description: 'Start payments, and capture or release authorisations' },
					{ name: 'Refund', value: 'refund', description: 'Pay money back on a payment, never twice by accident' },
					{ name: 'Transaction', value: 'transaction', description: 'Look up payments, refunds, captures and reversals' },
				],
				default: 'customer',
			},
			...customer.description,
			...card.description,
			...refund.description,
			...payment.description,
			...transaction.description,
			...mandate.description,
			...order.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
