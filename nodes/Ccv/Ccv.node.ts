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

/**
 * The canvas subtitle in words ("Get many customers", "Refund a payment"): each operation's action
 * text, looked up by resource and operation (the raw values read as "getAll: customer").
 */
function subtitleExpression(): string {
	const actions: Record<string, string> = {};
	for (const property of RESOURCE_DESCRIPTIONS.flat()) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of property.options ?? []) {
				if ('value' in option && 'action' in option && typeof option.action === 'string') {
					actions[`${String(resource)}.${String(option.value)}`] = option.action;
				}
			}
		}
	}
	// Parenthesised: an object literal at the start would read as a block.
	return `={{ (${JSON.stringify(actions)})[$parameter["resource"] + "." + $parameter["operation"]] || "" }}`;
}

const SUBTITLE = subtitleExpression();

export class Ccv implements INodeType {
	// The subtitle is built from each operation's action text (SUBTITLE), not the rule's raw-value literal.
	// eslint-disable-next-line n8n-nodes-base/node-class-description-missing-subtitle
	description: INodeTypeDescription = {
		displayName: 'CCV',
		name: 'ccv',
		icon: { light: 'file:../../icons/ccv.svg', dark: 'file:../../icons/ccv.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
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
