import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failItem, validateItem } from '../../helpers/validate';
import { OPERATING_ENVIRONMENTS, refundCreate, refundLabels } from '../../schemas/refund';
import type { RefundMethodDetails } from '../../schemas/refund';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { alphabetical, given, readChoice } from '../../helpers/parameters';
import { amountChoiceFields, followUpFieldOptions, idempotencyKeyOption } from '../money/fields';
import { amountIdentity, followUpInput, paymentReferenceKey, prepareMoney, readAmount, readMoneyOptions } from '../money/prepare';
import { moneyExecute } from '../money/send';
import type { PreparedMoney } from '../money/types';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/refund/create.json';

const show = showFor('refund', 'create');
const showWith = (extra: IDataObject) => ({ show: { ...show.show, ...extra } });

export const description: INodeProperties[] = [
	{
		displayName: 'Payment Reference',
		name: 'paymentReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. C250324145223810CB87E194.Y',
		description: 'CCV\'s reference of the payment to refund (at most 255 characters)',
		displayOptions: show,
	},
	...amountChoiceFields('refund', 'create', 'Amount to Refund', 'the payment', 'amountToRefund'),
	{
		displayName: 'Payment Method Details',
		name: 'methodDetails',
		type: 'options',
		default: 'none',
		description: 'Payments made on a CCV terminal or with SoftPOS need details about the device for a refund',
		options: [
			{ name: 'None (Online Payment)', value: 'none', description: 'The payment was made online' },
			{ name: 'SoftPOS', value: 'softpos', description: 'The payment was made with CCV SoftPOS on a phone or tablet' },
			{ name: 'Terminal', value: 'terminal', description: 'The payment was made on a CCV payment terminal' },
		],
		displayOptions: show,
	},
	{
		displayName: 'Terminal ID',
		name: 'terminalId',
		type: 'string',
		required: true,
		default: '',
		description: 'The terminal ID CCV assigned (at most 50 characters)',
		displayOptions: showWith({ methodDetails: ['terminal'] }),
	},
	{
		displayName: 'Management System ID',
		name: 'managementSystemId',
		type: 'string',
		required: true,
		default: '',
		description: 'The management system ID CCV assigned to the terminal (at most 50 characters)',
		displayOptions: showWith({ methodDetails: ['terminal'] }),
	},
	{
		displayName: 'Access Protocol',
		name: 'accessProtocol',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. OPI_NL',
		description: 'The protocol between the terminal and CCV\'s access server (at most 20 characters)',
		displayOptions: showWith({ methodDetails: ['terminal'] }),
	},
	{
		displayName: 'Operating Environment',
		name: 'operatingEnvironment',
		type: 'options',
		default: 'default',
		description: 'Whether staff operate the terminal (they then see an intermediate page in the Merchant Language)',
		options: [
			{ name: 'Attended', value: 'ATTENDED', description: 'Staff operate the terminal; needs the merchant language' },
			{ name: 'CCV Default (Semi-Unattended)', value: 'default', description: 'Not sent; CCV uses Semi-Unattended' },
			{ name: 'Semi-Unattended', value: 'SEMI_UNATTENDED' },
		],
		displayOptions: showWith({ methodDetails: ['terminal'] }),
	},
	{
		displayName: 'Merchant Language',
		name: 'merchantLanguage',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. NLD',
		description: 'Language of the intermediate page shown to staff, as a 3-letter ISO 639-2 code (NLD, ENG, DEU, FRA)',
		displayOptions: showWith({ methodDetails: ['terminal'], operatingEnvironment: ['ATTENDED'] }),
	},
	{
		displayName: 'Terminal ID',
		name: 'softposTerminalId',
		type: 'string',
		default: '',
		description: 'The SoftPOS terminal ID CCV assigned (at most 20 characters). Leave empty to use the terminal of the payment.',
		displayOptions: showWith({ methodDetails: ['softpos'] }),
	},
	{
		displayName: 'Card Present',
		name: 'cardPresent',
		type: 'options',
		default: 'default',
		options: [
			{ name: 'CCV Default (Yes)', value: 'default', description: 'Not sent; CCV requires the card' },
			{ name: 'No', value: 'no', description: 'Refund without the customer\'s card' },
			{ name: 'Yes', value: 'yes', description: 'The customer presents the card' },
		],
		description: 'Whether the customer\'s card must be presented for the refund',
		displayOptions: showWith({ methodDetails: ['softpos'] }),
	},
	additionalFieldsCollection(show, alphabetical([
		...followUpFieldOptions,
		{
			displayName: 'Merchant Order Reference',
			name: 'merchantOrderReference',
			type: 'string',
			default: '',
			description:
				'Your own reference for this refund, such as the return ticket (at most 255 characters). Required for a partial refund unless you set an Idempotency Key (then the key is sent here). It tells two refunds of one payment apart, and lets the node find this refund at CCV on a re-run. Left empty on a Full Amount refund, CCV uses the payment\'s.',
		},
		{
			displayName: 'Payout Instructions',
			name: 'payoutInstructions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Payout Instruction',
			description:
				'For split payouts: how much of the refund each sub-merchant bears. Required when the payment had payout instructions; the amounts must add up to the refund Amount.',
			options: [
				{
					displayName: 'Instruction',
					name: 'instruction',
					values: [
						{
							displayName: 'Amount',
							name: 'amount',
							type: 'string',
							default: '',
							placeholder: 'e.g. 5.00',
							description: 'Amount withheld from this sub-merchant\'s payout (dot, at most 2 decimals)',
						},
						{
							displayName: 'External Reference',
							name: 'externalReference',
							type: 'string',
							default: '',
							description: 'The sub-merchant\'s reference, as in the payment\'s payout instructions',
						},
					],
				},
			],
		},
		{
			displayName: 'Return URL (Terminal Only)',
			name: 'returnUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://pos.example/done or myapp://done',
			description:
				'Only for refunds of terminal payments (CCV: "Only valid for Terminal"): where the customer is sent after the refund, a web address or an app link such as myapp://done (at most 2000 characters, with its scheme). Refused for other refunds. Not part of the idempotency key.',
		},
	])),
	optionsCollection('refund', 'create', [
		dryRunOption,
		idempotencyKeyOption('refund'),
		{
			displayName: 'Allow Refund Above What Is Left',
			name: 'allowAboveRemaining',
			type: 'boolean',
			default: false,
			description:
				'Whether to send a refund larger than what is left of the payment (its amount less its successful and pending refunds). Off: the node refuses it before sending, naming both figures. Some CCV accounts are set up to allow more.',
		},
	]),
];

const METHOD_DETAILS: readonly RefundMethodDetails[] = ['none', 'softpos', 'terminal'];
const ENVIRONMENTS = ['default', ...OPERATING_ENVIRONMENTS] as const;
const CARD_PRESENT = ['default', 'no', 'yes'] as const;

function readDetails(ctx: IExecuteFunctions, i: number, kind: RefundMethodDetails): IDataObject | undefined {
	if (kind === 'terminal') {
		const environment = readChoice(ctx, i, 'operatingEnvironment', 'Operating Environment', ENVIRONMENTS, 'default');
		return {
			terminalId: ctx.getNodeParameter('terminalId', i, ''),
			managementSystemId: ctx.getNodeParameter('managementSystemId', i, ''),
			accessProtocol: ctx.getNodeParameter('accessProtocol', i, ''),
			operatingEnvironment: environment === 'default' ? undefined : environment,
			merchantLanguage: environment === 'ATTENDED' ? given(ctx.getNodeParameter('merchantLanguage', i, '')) : undefined,
		};
	}
	// Seed 004:514: required for a softpos payment, even with both fields left to CCV (then {}).
	if (kind === 'softpos') {
		const cardPresent = readChoice(ctx, i, 'cardPresent', 'Card Present', CARD_PRESENT, 'default');
		return {
			terminalId: given(ctx.getNodeParameter('softposTerminalId', i, '')),
			// Seed 004's example sends the string form.
			cardPresent: cardPresent === 'default' ? undefined : cardPresent === 'yes' ? 'true' : 'false',
		};
	}
	return undefined;
}

function readPayoutInstructions(fields: IDataObject): IDataObject[] | undefined {
	const list = (fields.payoutInstructions as { instruction?: IDataObject[] } | undefined)?.instruction ?? [];
	if (list.length === 0) return undefined;
	return list.map((p) => ({ externalReference: given(p.externalReference), amount: given(p.amount) }));
}

/**
 * Reads and checks the item; sends nothing. Identity: payment + Full Amount, or payment + the
 * refund's own Merchant Order Reference (or the user's Idempotency Key). Never the amount: two
 * returns of 10.00 on one payment are two refunds, told apart by their own references.
 */
export function prepare(this: IExecuteFunctions, i: number): PreparedMoney {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const kind = readChoice(this, i, 'methodDetails', 'Payment Method Details', METHOD_DETAILS, 'none');
	const payoutInstructions = readPayoutInstructions(fields);
	const input = {
		reference: this.getNodeParameter('paymentReference', i, ''),
		amount: readAmount(this, i, 'amountToRefund', 'Amount to Refund'),
		merchantOrderReference: given(fields.merchantOrderReference),
		returnUrl: given(fields.returnUrl),
		payoutInstructions,
		details: readDetails(this, i, kind),
		...followUpInput(fields),
	};
	const options = readMoneyOptions(this, i);
	const body = validateItem(this, refundCreate(kind), input, i, refundLabels(payoutInstructions?.length ?? 0)) as IDataObject;
	const payment = body.reference as string;
	const full = body.amount === undefined;
	// A partial refund with only an own key sends it as its Merchant Order Reference (seed 004:473):
	// CCV shows no Idempotency-Reference on a refund, so this is how a re-run finds it after CCV
	// forgot the key (issue 24 row 13). Full Amount refunds are found by their amount.
	if (!full && body.merchantOrderReference === undefined && options.idempotencyKey !== undefined) {
		body.merchantOrderReference = options.idempotencyKey;
	}
	const order = body.merchantOrderReference as string | undefined;
	const orderIsKey = !full && order !== undefined && order === options.idempotencyKey && given(fields.merchantOrderReference) === undefined;
	if (!full && order === undefined) {
		failItem(
			this,
			i,
			'"Merchant Order Reference" is required for a partial refund (or set an Idempotency Key)',
			'Give the refund its own reference, such as the return ticket or credit note number: a second refund of the same amount on this payment would otherwise be taken for this one. Nothing was sent to CCV for this item.',
		);
	}
	// Full Amount keeps the reference it always had (a run begun before this rule is still one refund).
	const identity = full ? { payment, amount: 'full' } : { payment, order: orderIsKey ? undefined : order };
	return prepareMoney({
		operation: 'refund',
		body,
		identity,
		identityText: `refund of payment ${payment}, ${full ? 'full amount' : orderIsKey ? amountIdentity(body.amount) : `Merchant Order Reference "${order}"`}`,
		options,
		expected: { amount: full ? undefined : (body.amount as string), types: ['refund'], original: payment },
		lookup: {
			kind: 'refund',
			payment,
			order,
			orderIsKey,
			ownKey: !full && !orderIsKey ? options.idempotencyKey : undefined,
			amount: full ? undefined : (body.amount as string),
			allowAboveRemaining: readAllowAboveRemaining(this, i),
		},
	});
}

/** "Allow Refund Above What Is Left": off unless exactly true (an empty expression never allows more). */
function readAllowAboveRemaining(ctx: IExecuteFunctions, i: number): boolean {
	const value = (ctx.getNodeParameter('options', i, {}) as IDataObject).allowAboveRemaining;
	if (value === undefined || value === false) return false;
	if (value === true) return true;
	return failItem(ctx, i, `"Allow Refund Above What Is Left" must be true or false (it is ${JSON.stringify(value) ?? 'empty'})`);
}

export const execute = moneyExecute(prepare);

export const serialKey = paymentReferenceKey;

/** For the AI-agent guard (actions/toolGuard.ts): this operation moves money. */
export const guard = { kind: 'money', action: 'refund a payment', amount: { choice: 'amountToRefund', amount: 'amount' } } as const;

/** What identifies the intended transaction: its Idempotency-Reference is derived from these (helpers/idempotency.ts). */
export const idempotency = { operation: 'refund', identity: ['payment', 'order', 'amount'] } as const;
