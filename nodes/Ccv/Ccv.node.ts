import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as card from './actions/card';
import * as customer from './actions/customer';
import * as mandate from './actions/mandate';
import * as order from './actions/order';
import * as payment from './actions/payment';
import * as paymentMethod from './actions/paymentMethod';
import * as refund from './actions/refund';
import { router } from './actions/router';
import * as transaction from './actions/transaction';
import { enforceToolGuard, toolGuardProperties } from './helpers/toolGuard';
import { getCardBrands, getIdealIssuers, getPaymentMethods } from './methods/loadOptions';

const RESOURCE_DESCRIPTIONS = [
	customer.description,
	card.description,
	refund.description,
	payment.description,
	transaction.description,
	mandate.description,
	order.description,
	paymentMethod.description,
];


export class Ccv implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CCV',
		name: 'ccv',
		icon: { light: 'file:../../icons/ccv.svg', dark: 'file:../../icons/ccv.dark.svg' },
		group: ['transform'],
		version: 1,
		// The canvas subtitle in words, one entry per operation's action text. n8n's verification scan wants a
		// literal here; test/nodes/Ccv/description/subtitle.test.ts rebuilds it from the operations, so it cannot drift.
		subtitle:
			'={{ ({"customer.addLinkReferences":"Add link references to a customer","customer.create":"Create a customer","customer.createOrUpdate":"Create or update a customer","customer.delete":"Delete a customer","customer.get":"Get a customer","customer.getAll":"Get many customers","customer.removeLinkReferences":"Remove link references from a customer","customer.update":"Update a customer","card.delete":"Delete a card","card.deleteAll":"Delete all cards of a customer","card.get":"Get a card","card.getAll":"Get many cards","refund.create":"Refund a payment","refund.get":"Get a refund","payment.capture":"Capture an authorised payment","payment.create":"Create a payment","payment.reversal":"Reverse an authorised payment","transaction.get":"Get a transaction","transaction.getAll":"Get many transactions","mandate.get":"Get a mandate","order.getStatus":"Get the status of an order","order.submit":"Submit an order","paymentMethod.getAll":"Get many payment methods"})[$parameter["resource"] + "." + $parameter["operation"]] || "" }}',
		description:
			'CCV payments: start, capture and refund payments, look up transactions, keep loyalty customers and cards in sync, and board merchants',
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
					{ name: 'Payment Method', value: 'paymentMethod', description: 'The payment methods, card brands and banks your CCV account offers' },
					{ name: 'Refund', value: 'refund', description: 'Pay money back on a payment, never twice by accident' },
					{ name: 'Transaction', value: 'transaction', description: 'Look up payments, refunds, captures and reversals' },
				],
				default: 'customer',
			},
			...RESOURCE_DESCRIPTIONS.flat(),
			// Shown only when the node is an AI agent's tool, on operations that move money or delete.
			...toolGuardProperties(),
		],
	};

	methods = {
		loadOptions: { getPaymentMethods, getCardBrands, getIdealIssuers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Before anything is read or sent: as an AI agent's tool, money and delete operations need the author's consent.
		enforceToolGuard(this, this.getNodeParameter('resource', 0) as string, this.getNodeParameter('operation', 0) as string);
		return await router.call(this);
	}
}
