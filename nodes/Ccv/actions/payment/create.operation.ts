// The one product file over 300 lines (issue 25): Payment > Create has three flows (checkout, mandate
// charge, stored card) whose fields and reads share one editor panel; its fields move to fields/ with
// the other money operations, which then brings it below 300.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { seeFix } from '../../helpers/fixLinks';
import { canonicalAmount } from '../../helpers/money';
import { parameterKey } from '../../helpers/serialKey';
import { failItem, validateItem } from '../../helpers/validate';
import { paymentCreate, type PaymentFlow, paymentLabels, SEQUENCE_SOURCES, SEQUENCE_TYPES } from '../../schemas/payment';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { alphabetical, given, readChoice } from '../../helpers/parameters';
import { followUpFieldOptions, idempotencyKeyOption, orderLinesField } from '../money/fields';
import { followUpInput, prepareMoney, readMoneyOptions } from '../money/prepare';
import { moneyExecute } from '../money/send';
import type { PreparedMoney } from '../money/types';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/payment/create.json';


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
		displayName: 'Method Name or ID',
		name: 'method',
		type: 'options',
		required: true,
		typeOptions: { loadOptionsMethod: 'getPaymentMethods' },
		default: 'card',
		description:
			'The payment methods your CCV account offers, loaded from CCV. To let the customer choose on CCV\'s page, pick Landing Page. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		description: 'What kind of charge this is in the series of charges on the stored card (CCV\'s sequenceInfo)',
		options: [
			{ name: 'Recurring', value: 'RECURRING', description: 'A charge on a fixed schedule, e.g. a subscription' },
			{ name: 'Unscheduled', value: 'UNSCHEDULED', description: 'A charge at no fixed time, e.g. a top-up' },
		],
		displayOptions: showFlow('vault'),
	},
	{
		displayName: 'Sequence Type',
		name: 'sequenceType',
		type: 'options',
		default: 'none',
		description: 'Whether to tell CCV what kind of charge this is in the series of charges on the mandate (CCV\'s sequenceInfo)',
		options: [
			{ name: 'Not Sent', value: 'none', description: 'Send no sequence information (as in CCV\'s mandate example)' },
			{ name: 'Recurring', value: 'RECURRING', description: 'A charge on a fixed schedule, e.g. a subscription' },
			{ name: 'Unscheduled', value: 'UNSCHEDULED', description: 'A charge at no fixed time, e.g. a top-up' },
		],
		displayOptions: showFlow('mandate'),
	},
	{
		displayName: 'Initiated By',
		name: 'sequenceSource',
		type: 'options',
		default: 'MIT',
		// Seed 001:258 and 001:321: a customer-initiated vault charge may need the customer to authenticate on the payUrl.
		description: 'Who starts this charge. A customer-initiated charge may need the customer to authenticate on the payUrl, so it needs a Return URL.',
		options: [
			{
				name: 'Customer (CIT)',
				value: 'CIT',
				description: 'The customer starts it and may have to authenticate on the payUrl',
			},
			{ name: 'Merchant (MIT)', value: 'MIT', description: 'You charge without the customer' },
		],
		displayOptions: { show: { ...show.show, paymentFlow: ['vault'] } },
	},
	{
		displayName: 'Initiated By',
		name: 'sequenceSource',
		type: 'options',
		default: 'MIT',
		// Seed 001:86: a mandate payment runs "immediately without user interaction", CIT or MIT.
		description: 'Who starts this charge (sent only with a Sequence Type). Either way CCV charges the mandate at once, without the customer.',
		options: [
			{ name: 'Customer (CIT)', value: 'CIT', description: 'The customer starts it' },
			{ name: 'Merchant (MIT)', value: 'MIT', description: 'You charge without the customer' },
		],
		displayOptions: { show: { ...show.show, paymentFlow: ['mandate'], sequenceType: ['RECURRING', 'UNSCHEDULED'] } },
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
			'Where CCV sends the customer after authenticating on the payUrl. Required for a stored-card charge Initiated By Customer; optional otherwise (seed 001\'s mandate example sends one).',
		displayOptions: { show: { ...show.show, paymentFlow: ['mandate', 'vault'] } },
	},
	{
		displayName:
			'Every payment needs a Merchant Order Reference (under Additional Fields) or an Idempotency Key (under Options): it keeps a retry from charging twice and two orders from sharing one payment',
		name: 'identityNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	additionalFieldsCollection(show, alphabetical([
		...followUpFieldOptions,
		{
			displayName: 'Brand Name or ID',
			name: 'brand',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getCardBrands' },
			default: '',
			description:
				'For Card: the card brand to pay with, from the brands your CCV account offers. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Issuer Name or ID',
			name: 'issuer',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getIdealIssuers' },
			default: '',
			description:
				'For iDEAL: the customer\'s bank, from the banks CCV offers. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
			description:
				'Your order number (at most 255 characters), required unless you set an Idempotency Key: it tells this payment apart from every other, so a retry never charges twice and two orders never share one payment. For a recurring charge use the period or invoice, e.g. SUB-7 2026-03. Transaction > Get Many finds payments by it.',
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
				'Whether to ask the customer for a mandate with this payment. Its ID (details.mandateId) then lets you charge later with "Charge a Mandate". Sent as CCV\'s example shows it, without sequence information.',
		},
		orderLinesField,
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
			description: 'Whether to take the money now or only reserve it',
			options: [
				{ name: 'Sale', value: 'sale', description: 'Charge the amount now' },
				{
					name: 'Authorise Only',
					value: 'authorise',
					description: 'Reserve the amount; take it later with Payment > Capture or release it with Reversal',
				},
			],
		},
	])),
	optionsCollection('payment', 'create', [dryRunOption, idempotencyKeyOption('payment')]),
];

const FLOWS: readonly PaymentFlow[] = ['checkout', 'mandate', 'vault'];

// sequenceInfo only as seed 001's examples show it: mode SUBSEQUENT (001:237, 282, 314, 325). No page
// shows what a first payment would send, and seed 001's obtainMandate example (001:41-55) sends none.
function sequenceInfo(type: string, source: string): IDataObject | undefined {
	return type === 'none' ? undefined : { type, mode: 'SUBSEQUENT', source };
}

function flowInput(ctx: IExecuteFunctions, i: number, flow: PaymentFlow): IDataObject {
	if (flow === 'mandate') {
		const type = readChoice(ctx, i, 'sequenceType', 'Sequence Type', ['none', ...SEQUENCE_TYPES], 'none');
		const source = type === 'none' ? 'MIT' : readChoice(ctx, i, 'sequenceSource', 'Initiated By', SEQUENCE_SOURCES, 'MIT');
		return { mandateId: ctx.getNodeParameter('mandateId', i, ''), sequenceInfo: sequenceInfo(type, source) };
	}
	if (flow === 'vault') {
		return {
			// Where both request examples put it (001:231-234, 276-279); see money/initialTransactionId.ts for the FAQ's place.
			details: {
				vaultAccessToken: ctx.getNodeParameter('vaultAccessToken', i, ''),
				initialTransactionId: given(ctx.getNodeParameter('initialTransactionId', i, '')),
			},
			sequenceInfo: sequenceInfo(
				readChoice(ctx, i, 'sequenceType', 'Sequence Type', SEQUENCE_TYPES, 'UNSCHEDULED'),
				readChoice(ctx, i, 'sequenceSource', 'Initiated By', SEQUENCE_SOURCES, 'MIT'),
			),
		};
	}
	return {};
}

/**
 * Reads and checks the item; sends nothing. Identity: Merchant Order Reference, amount, currency,
 * method, transaction type and the mandate or stored card; or the user's Idempotency Key. A payment
 * with neither is refused: two customers paying the same amount must never share one payment.
 */
export function prepare(this: IExecuteFunctions, i: number): PreparedMoney {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const flow = readChoice(this, i, 'paymentFlow', 'Payment Flow', FLOWS, 'checkout');
	const input = {
		amount: this.getNodeParameter('amount', i, ''),
		currency: this.getNodeParameter('currency', i, ''),
		// Any method CCV lists for the account (the dropdown), checked for form by the schema.
		method: given(this.getNodeParameter('method', i, '')),
		returnUrl: given(this.getNodeParameter('returnUrl', i, '')),
		brand: given(fields.brand),
		issuer: given(fields.issuer),
		merchantOrderReference: given(fields.merchantOrderReference),
		language: given(fields.language),
		metadata: given(fields.metadata),
		transactionType: given(fields.transactionType),
		obtainMandate: fields.obtainMandate ? 'yes' : undefined,
		storeInVault: fields.storeInVault ? 'yes' : undefined,
		orderLines: given(fields.orderLines),
		...followUpInput(fields),
		...flowInput(this, i, flow),
	};
	const options = readMoneyOptions(this, i);
	const body = validateItem(this, paymentCreate(flow), input, i, paymentLabels) as IDataObject;
	const order = body.merchantOrderReference as string | undefined;
	if (order === undefined && options.idempotencyKey === undefined) {
		failItem(
			this,
			i,
			`"Merchant Order Reference" is required (or set an Idempotency Key): it tells this payment apart from every other, so a retry never charges twice and two ${flow === 'checkout' ? 'customers never share one payment page' : 'charges are never taken as one'}. ${flow === 'checkout' ? 'Use your order number.' : 'For a recurring charge use the period or invoice, e.g. "SUB-7 2026-03".'}`,
			`${seeFix('idempotency')} Nothing was sent to CCV for this item.`,
		);
	}
	const amount = canonicalAmount(body.amount as string);
	const details = body.details as IDataObject | undefined;
	const card = body.sequenceInfo as IDataObject | undefined;
	// The intention: the order and its attempt (added in execute from what CCV shows), with the
	// mandate or stored card it charges. Not the amount: a changed amount is the same order.
	const identity = {
		order,
		mandateId: body.mandateId,
		vault: details?.vaultAccessToken ? [details.vaultAccessToken, details.initialTransactionId ?? card?.initialTransactionId] : undefined,
	};
	const type = (body.transactionType as string | undefined) ?? 'sale';
	return prepareMoney({
		operation: 'payment',
		body,
		identity,
		identityText: `payment for order ${order ?? '(none)'}, ${amount} ${body.currency as string} by ${body.method as string}`,
		options,
		expected: { amount: body.amount as string, currency: body.currency as string, types: [type] },
		substance: { method: body.method, transactionType: type },
		// A user's own key is sent as given: the user then manages attempts.
		lookup:
			order === undefined || options.idempotencyKey !== undefined
				? undefined
				: { kind: 'payment', order, mandateId: body.mandateId as string | undefined, identity },
	});
}

export const execute = moneyExecute(prepare);

export function serialKey(this: IExecuteFunctions, i: number): string | undefined {
	// Charges of one mandate run one after the other; the field is empty in the other flows.
	return parameterKey(this, i, 'mandate', 'mandateId');
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation moves money. */
export const guard = { kind: 'money', action: 'start a payment', amount: { amount: 'amount' } } as const;

/** What identifies the intended transaction: its Idempotency-Reference is derived from these (helpers/idempotency.ts). */
export const idempotency = { operation: 'payment', identity: ['order', 'mandateId', 'vault'] } as const;
