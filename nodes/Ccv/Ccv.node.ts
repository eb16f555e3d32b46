import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { resourceProperties, resourceProperty } from './actions/resources';
import { router } from './actions/router';
import { enforceToolGuard, toolGuardProperties } from './actions/toolGuard';
import { getCardBrands, getIdealIssuers, getPaymentMethods } from './methods/loadOptions';

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
			resourceProperty,
			...resourceProperties,
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
