import type { INodeProperties } from 'n8n-workflow';

import type { MoneyOperation } from './types';

// The money operations' shared editor fields: the Idempotency Key with its meaning per operation,
// the follow-up fields (description, webhook, notifications), order lines, and the explicit
// Full/Partial amount choice.

const KEY_TEXTS: Record<MoneyOperation, string> = {
	payment:
		'Leave empty to let the node make the key from the Merchant Order Reference and the attempt (plus the mandate or stored card). Before creating, the node looks up the order\'s payments at CCV: an open or paid one is returned instead of a second payment; after a failed one, a new attempt is made. Set your own (at most 50 characters) when the payment has no order reference; the node then sends it as given and you manage attempts. A key names one payment: never reuse it for another.',
	refund:
		'Leave empty to let the node make the key from the payment and the refund\'s Merchant Order Reference (or Full Amount), so a retry or re-run never refunds twice. Set your own (at most 50 characters, e.g. the return ticket) to tell refunds of one payment apart without a Merchant Order Reference: for a partial refund without one, the node also sends this key as the refund\'s Merchant Order Reference (in place of the payment\'s), because that is where CCV shows it, so a re-run finds the refund at CCV even after CCV has forgotten the key. A key names one refund: never reuse it for another.',
	capture:
		'Leave empty for a Full Amount capture: the node makes the key from the authorisation. A partial capture needs its own key (at most 50 characters), such as the shipment ID: two partial captures of one authorisation are two keys. A key names one capture: never reuse it for another.',
	reversal:
		'Leave empty (recommended): a payment is reversed once, so the node makes the key from the payment reference and a retry or re-run never sends a second reversal. A key names one reversal: never reuse it for another.',
};

export function idempotencyKeyOption(operation: MoneyOperation): INodeProperties {
	return {
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: operation === 'payment' ? 'e.g. cart-48213' : 'e.g. ticket-48213',
		description: KEY_TEXTS[operation],
	};
}


export const followUpFieldOptions: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Text CCV stores with the transaction (at most 255 characters). Not part of the idempotency key.',
	},
	{
		displayName: 'Notification Requests',
		name: 'notificationRequests',
		type: 'json',
		default: '{}',
		placeholder: '{ "url": "https://shop.example/ccv-notify", "events": ["StatusChanged"] }',
		description:
			'CCV\'s notificationRequests, a JSON object (at most 10000 characters) sent unchanged: subscribes to events such as StatusChanged for this transaction. CCV does not publish its fields; use what CCV told you. {} sends nothing.',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/ccv-webhook',
		description:
			'Address CCV calls when the status changes, instead of your account\'s webhook (https:// only, at most 2000 characters). A CCV Trigger node\'s URL works here.',
	},
];

/** Order lines on a payment and its captures (REFERENCE §8 lists the field; no page requires them, issue 28 #2). */
export const orderLinesField: INodeProperties = {
	displayName: 'Order Lines',
	name: 'orderLines',
	type: 'json',
	default: '[]',
	placeholder: '[{ "name": "Lamp", "quantity": 1, "unitPrice": "19.99", "totalAmount": "19.99" }]',
	description:
		'CCV\'s orderLines (used for Klarna), as JSON, sent unchanged. Use the fields CCV gave you. [] sends nothing.',
};

/**
 * "Amount to Refund" / "Amount to Capture". The default is Partial Amount: a workflow saved before
 * this choice existed, with an empty Amount, then errors instead of refunding or capturing everything.
 */
export function amountChoiceFields(
	resource: string,
	operation: string,
	label: string,
	whole: string,
	name: string,
): INodeProperties[] {
	const show = { resource: [resource], operation: [operation] };
	return [
		{
			displayName: label,
			name,
			type: 'options',
			required: true,
			default: 'partial',
			description: `Whether to use all of ${whole} or only the amount you give below. Always your choice: an empty Amount never means all of it.`,
			options: [
				{ name: 'Full Amount', value: 'full', description: `All of ${whole}` },
				{ name: 'Partial Amount', value: 'partial', description: 'The amount given below' },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 19.99',
			description: `How much, in ${whole}'s currency, with a dot and at most 2 decimals (e.g. 19.99). Empty is an error: choose Full Amount for all of it.`,
			displayOptions: { show: { ...show, [name]: ['partial'] } },
		},
	];
}

