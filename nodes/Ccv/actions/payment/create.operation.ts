import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterKey } from '../../helpers/serialKey';
import { validateItem } from '../../helpers/validate';
import { paymentCreate, paymentLabels } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import {
	followUpFieldOptions,
	followUpInput,
	given,
	idempotencyKeyOption,
	readMoneyOptions,
	sendMoneyRequest,
} from './moneyRequest.shared';

type PaymentFlow = 'checkout' | 'mandate' | 'vault';

const show = showFor('payment', 'create');
const showFlow = (flow: PaymentFlow) => ({ show: { ...show.show, paymentFlow: [flow] } });

export const description: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 19.99',
		description: 'The amount to charge, with a dot and at most 2 decimals (e.g. 19.99)',
		displayOptions: show,
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: 'eur',
		placeholder: 'e.g. eur',
		description: 'ISO 4217 currency code, e.g. eur, gbp, usd',
		displayOptions: show,
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		required: true,
		default: 'card',
		description: 'The payment method. To let the customer choose on CCV\'s page, pick Landing Page.',
		options: [
			{ name: 'Apple Pay', value: 'applepay' },
			{ name: 'Bank Transfer', value: 'banktransfer' },
			{ name: 'Card', value: 'card', description: 'Credit and debit cards (Visa, Mastercard, Maestro, Amex, Bancontact)' },
			{ name: 'Google Pay', value: 'googlepay' },
			{ name: 'iDEAL', value: 'ideal' },
			{ name: 'Klarna', value: 'klarna' },
			{ name: 'Landing Page', value: 'landingpage', description: 'The customer picks a method on CCV\'s page' },
			{ name: 'Payconiq', value: 'payconiq' },
			{ name: 'PayPal', value: 'paypal' },
		],
		displayOptions: show,
	},
	{
		displayName: 'Payment Flow',
		name: 'paymentFlow',
		type: 'options',
		default: 'checkout',
		description: 'Who completes the payment',
		options: [
			{
				name: 'Customer Pays on CCV\'s Page',
				value: 'checkout',
				description: 'Send the customer to the payUrl in the output to pay',
			},
			{
				name: 'Charge a Mandate',
				value: 'mandate',
				description: 'Charge a card the customer gave a mandate for, without the customer (merchant-initiated)',
			},
			{
				name: 'Charge a Stored Card (Vault)',
				value: 'vault',
				description: 'Charge a card stored in CCV\'s vault with its vault access token',
			},
		],
		displayOptions: show,
	},
	{
		displayName: 'Mandate ID',
		name: 'mandateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. MAN241123222509551CB87E198.0',
		description: 'The mandate to charge (details.mandateId of the first payment). Only an active mandate works: check it with Mandate > Get.',
		displayOptions: showFlow('mandate'),
	},
	{
		displayName: 'Vault Access Token',
		name: 'vaultAccessToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The token CCV returned in details.vaultAccessToken of the payment that stored the card',
		displayOptions: showFlow('vault'),
	},
	{
		displayName: 'Initial Transaction ID',
		name: 'initialTransactionId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID CCV returned in details.initialTransactionId of the payment that stored the card (you must keep it yourself)',
		displayOptions: showFlow('vault'),
	},
	{
		displayName: 'Sequence Type',
		name: 'sequenceType',
		type: 'options',
		default: 'UNSCHEDULED',
		options: [
			{ name: 'Recurring', value: 'RECURRING', description: 'A charge on a fixed schedule, e.g. a subscription' },
			{ name: 'Unscheduled', value: 'UNSCHEDULED', description: 'A charge at no fixed time, e.g. a top-up' },
		],
		displayOptions: showFlow('vault'),
	},
	{
		displayName: 'Initiated By',
		name: 'sequenceSource',
		type: 'options',
		default: 'MIT',
		options: [
			{
				name: 'Customer (CIT)',
				value: 'CIT',
				description: 'The customer starts it and may have to confirm on the payUrl',
			},
			{ name: 'Merchant (MIT)', value: 'MIT', description: 'You charge without the customer' },
		],
		displayOptions: showFlow('vault'),
	},
	{
		displayName: 'Sequence Mode',
		name: 'sequenceMode',
		type: 'options',
		default: 'SUBSEQUENT',
		options: [{ name: 'Subsequent', value: 'SUBSEQUENT', description: 'A later charge after the first payment' }],
		displayOptions: showFlow('vault'),
	},
	{
		displayName: 'Return URL',
		name: 'returnUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://shop.example.com/return?order=123',
		description: 'Where CCV sends the customer after paying, successfully or not (with https://)',
		displayOptions: showFlow('checkout'),
	},
	{
		displayName: 'Return URL',
		name: 'returnUrl',
		type: 'string',
		default: '',
		placeholder: 'https://shop.example.com/return?order=123',
		description:
			'Where CCV sends the customer if they have to confirm the payment (customer-initiated). Not needed when you charge without the customer.',
		displayOptions: { show: { ...show.show, paymentFlow: ['mandate', 'vault'] } },
	},
	additionalFieldsCollection(show, [
		...followUpFieldOptions,
		{
			displayName: 'Brand',
			name: 'brand',
			type: 'string',
			default: '',
			placeholder: 'e.g. visa',
			description: 'For Card: the card brand to pay with (visa, mastercard, maestro, amex, bcmc)',
		},
		{
			displayName: 'Issuer',
			name: 'issuer',
			type: 'string',
			default: '',
			placeholder: 'e.g. INGBNL2A',
			description: 'For iDEAL: the customer\'s bank (issuer ID)',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			default: 'eng',
			description: 'Language of CCV\'s payment page (ISO 639-2)',
			options: [
				{ name: 'Dutch', value: 'nld' },
				{ name: 'English', value: 'eng' },
				{ name: 'French', value: 'fra' },
				{ name: 'German', value: 'deu' },
			],
		},
		{
			displayName: 'Merchant Order Reference',
			name: 'merchantOrderReference',
			type: 'string',
			default: '',
			description: 'Your order number (at most 255 characters). Transaction > Get Many can find payments by it.',
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'string',
			default: '',
			description: 'Your own data, echoed back by CCV (at most 255 characters)',
		},
		{
			displayName: 'Obtain Mandate',
			name: 'obtainMandate',
			type: 'boolean',
			default: false,
			description:
				'Whether to ask the customer for a mandate with this payment. Its ID (details.mandateId) then lets you charge later with "Charge a Mandate".',
		},
		{
			displayName: 'Store In Vault',
			name: 'storeInVault',
			type: 'boolean',
			default: false,
			description:
				'Whether to store the card in CCV\'s vault (must be enabled by CCV). Keep details.vaultAccessToken and details.initialTransactionId from the result to charge later.',
		},
		{
			displayName: 'Transaction Type',
			name: 'transactionType',
			type: 'options',
			default: 'sale',
			options: [
				{ name: 'Sale', value: 'sale', description: 'Charge the amount now' },
				{
					name: 'Authorise Only',
					value: 'authorise',
					description: 'Reserve the amount; take it later with Payment > Capture or release it with Reversal',
				},
			],
		},
	]),
	optionsCollection('payment', 'create', [dryRunOption, idempotencyKeyOption('payment')]),
];

function flowInput(ctx: IExecuteFunctions, i: number, flow: PaymentFlow): IDataObject {
	if (flow === 'mandate') return { mandateId: ctx.getNodeParameter('mandateId', i, '') };
	if (flow === 'vault') {
		return {
			details: {
				vaultAccessToken: ctx.getNodeParameter('vaultAccessToken', i, ''),
				initialTransactionId: ctx.getNodeParameter('initialTransactionId', i, ''),
			},
			sequenceInfo: {
				type: ctx.getNodeParameter('sequenceType', i, 'UNSCHEDULED'),
				mode: ctx.getNodeParameter('sequenceMode', i, 'SUBSEQUENT'),
				source: ctx.getNodeParameter('sequenceSource', i, 'MIT'),
			},
		};
	}
	return {};
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const flow = this.getNodeParameter('paymentFlow', i, 'checkout') as PaymentFlow;
	const input = {
		amount: this.getNodeParameter('amount', i),
		currency: this.getNodeParameter('currency', i),
		method: this.getNodeParameter('method', i),
		returnUrl: given(this.getNodeParameter('returnUrl', i, '')),
		brand: given(fields.brand),
		issuer: given(fields.issuer),
		merchantOrderReference: given(fields.merchantOrderReference),
		language: given(fields.language),
		metadata: given(fields.metadata),
		transactionType: given(fields.transactionType),
		obtainMandate: fields.obtainMandate ? 'yes' : undefined,
		storeInVault: fields.storeInVault ? 'yes' : undefined,
		...followUpInput(fields),
		...flowInput(this, i, flow),
	};
	const options = readMoneyOptions(this, i);
	const body = validateItem(this, paymentCreate, input, i, paymentLabels) as IDataObject;
	return await sendMoneyRequest(client, i, 'payment', body, options);
}

export function serialKey(this: IExecuteFunctions, i: number): string | undefined {
	// Charges of one mandate run one after the other; the field is empty in the other flows.
	return parameterKey(this, i, 'mandate', 'mandateId');
}
