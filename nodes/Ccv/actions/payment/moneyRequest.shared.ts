import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { canonicalAmount } from '../../helpers/money';
import { parameterKey } from '../../helpers/serialKey';
import {
	bodyToSend,
	canonicalJson,
	deriveIdempotencyReference,
	earlierAnswer,
	firstSentAt,
	forgetBody,
	isReplay,
	noteAnswer,
} from '../../helpers/idempotency';
import { failItem, validateItem } from '../../helpers/validate';
import { idempotencyKey } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { withFailureMeaning } from '../transaction/transaction.helpers';
import { withDefaultWebhook } from './defaultWebhook';

// What refund, payment, capture and reversal share: the Idempotency-Reference made from the
// transaction's business identity (helpers/idempotency.ts), Dry Run, the replay flag, the explicit
// Full/Partial choice and the optional follow-up fields (description, webhook, notifications).

export type MoneyOperation = 'refund' | 'payment' | 'capture' | 'reversal';

const KEY_TEXTS: Record<MoneyOperation, string> = {
	payment:
		'Leave empty to let the node make the key from the Merchant Order Reference, amount, currency, method and the mandate or stored card, so a retry or re-run never charges twice; Description, URLs and Metadata do not count. Set your own (at most 50 characters, e.g. your cart ID) when the payment has no order reference, or to tell apart two payments of one order. A key names one payment: never reuse it for another.',
	refund:
		'Leave empty to let the node make the key from the payment reference and the amount (or Full Amount), so a retry or re-run never refunds twice; Description and URLs do not count. Two equal partial refunds of one payment in one run are refused unless each has its own key, such as its ticket ID (at most 50 characters). A key names one refund: never reuse it for another.',
	capture:
		'Leave empty to let the node make the key from the authorisation reference and the amount (or Full Amount), so a retry or re-run never captures twice; Description and URLs do not count. Two equal partial captures of one authorisation in one run are refused unless each has its own key, such as its shipment ID (at most 50 characters). A key names one capture: never reuse it for another.',
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

/** Klarna needs order lines on the payment and on its captures (REFERENCE §8). */
export const orderLinesField: INodeProperties = {
	displayName: 'Order Lines',
	name: 'orderLines',
	type: 'json',
	default: '[]',
	placeholder: '[{ "name": "Lamp", "quantity": 1, "unitPrice": "19.99", "totalAmount": "19.99" }]',
	description:
		'For Klarna (required there): CCV\'s orderLines, as JSON, sent unchanged. Use the fields CCV gave you for Klarna. [] sends nothing.',
};

/** Additional Fields in alphabetical order, as n8n lists Options. */
export function alphabetical(fields: INodeProperties[]): INodeProperties[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Text left empty in the editor means "not set". */
export function given(value: unknown): IDataObject[string] {
	if (value === '' || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value as IDataObject[string];
}

/** The body without unset fields, so what is sent, hashed and shown is the same. */
export function compact<T>(value: T): T {
	if (Array.isArray(value)) return value.map(compact) as T;
	if (value && typeof value === 'object' && value.constructor === Object) {
		const entries = Object.entries(value as IDataObject)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => [k, compact(v)]);
		return Object.fromEntries(entries) as T;
	}
	return value;
}

function shown(value: unknown): string {
	return value === undefined ? 'empty' : JSON.stringify(value);
}

/**
 * An options field read strictly: an expression may give any value, and anything but one of the
 * field's own choices is an error (never quietly read as "no" or left out).
 */
export function readChoice<T extends string>(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	allowed: readonly T[],
	fallback: T,
): T {
	const value = ctx.getNodeParameter(name, i, fallback) as unknown;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	const list = [...allowed].sort((a, b) => a.localeCompare(b)).join(', ');
	return failItem(ctx, i, `"${label}" must be one of: ${list} (it is ${shown(value)})`);
}

export type AmountChoice = 'full' | 'partial';

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

/** The partial amount as given (checked later by the schema), or undefined for Full Amount. */
export function readAmount(ctx: IExecuteFunctions, i: number, name: string, label: string): unknown {
	const choice = readChoice<AmountChoice>(ctx, i, name, label, ['full', 'partial'], 'partial');
	if (choice === 'full') return undefined;
	const value = given(ctx.getNodeParameter('amount', i, ''));
	if (value === undefined) {
		failItem(
			ctx,
			i,
			`"Amount" is required when "${label}" is Partial Amount (it is empty)`,
			'Nothing was sent to CCV for this item. To use the whole amount, choose Full Amount.',
		);
	}
	return value;
}

export interface MoneyOptions {
	dryRun: boolean;
	idempotencyKey?: string;
}

export function readMoneyOptions(ctx: IExecuteFunctions, i: number): MoneyOptions {
	const options = ctx.getNodeParameter('options', i, {}) as { dryRun?: unknown; idempotencyKey?: string };
	const key = given(options.idempotencyKey);
	// An expression may give "true" or "yes": anything but a plain true/false is refused, never read as "send".
	if (options.dryRun !== undefined && typeof options.dryRun !== 'boolean') {
		failItem(ctx, i, `"Dry Run" must be true or false (it is ${shown(options.dryRun)})`);
	}
	return {
		dryRun: options.dryRun === true,
		idempotencyKey: key === undefined ? undefined : validateItem(ctx, idempotencyKey, key, i, { '': 'Idempotency Key' }),
	};
}

/** The follow-up fields from an Additional Fields collection. */
export function followUpInput(fields: IDataObject): IDataObject {
	return {
		description: given(fields.description),
		webhookUrl: given(fields.webhookUrl),
		notificationRequests: given(fields.notificationRequests),
	};
}

/** What prepare() hands to execute() for a money request. */
export interface PreparedMoney extends PreparedItem {
	idempotencyReference: string;
	identity: string;
	operation: MoneyOperation;
	body: IDataObject;
	dryRun: boolean;
	/** The user set the Idempotency Key (else it was derived from the identity). */
	ownKey: boolean;
	/** The request's identity, for this process's memory of what it sent. */
	memoryKey: string;
}

/**
 * The checked request with its Idempotency-Reference: the user's key as given, or one derived from
 * `identity` (the fields that identify the intended transaction, never free text).
 */
export function prepareMoney(
	operation: MoneyOperation,
	body: IDataObject,
	identity: IDataObject,
	identityText: string,
	options: MoneyOptions,
): PreparedMoney {
	const payload = compact(body);
	const idempotencyReference = options.idempotencyKey ?? deriveIdempotencyReference(operation, identity);
	return {
		idempotencyReference,
		identity: options.idempotencyKey ? `${identityText} (Idempotency Key "${options.idempotencyKey}")` : identityText,
		operation,
		body: payload,
		dryRun: options.dryRun,
		ownKey: options.idempotencyKey !== undefined,
		memoryKey: canonicalJson({ operation, idempotencyReference, identity }),
	};
}

/** A secret never shown in a Dry Run preview: the last 4 characters, as with a card number. */
function masked(value: unknown): string {
	const text = String(value ?? '');
	return text.length >= 12 ? `****${text.slice(-4)}` : '****';
}

function previewWithoutSecrets(preview: IDataObject): IDataObject {
	const body = preview.body as IDataObject | undefined;
	const details = body?.details as IDataObject | undefined;
	if (!details?.vaultAccessToken) return preview;
	return { ...preview, body: { ...body, details: { ...details, vaultAccessToken: masked(details.vaultAccessToken) } } };
}

interface ErrorWithContext {
	context?: { httpCode?: number; ccvError?: { field?: string; fields?: Array<{ field?: string }> } };
	description?: string | null;
}

/** CCV answered, refusing the request (4xx other than 429): nothing was created. */
function refusal(error: unknown): ErrorWithContext | undefined {
	const e = error as ErrorWithContext;
	const status = e?.context?.httpCode;
	return typeof status === 'number' && status >= 400 && status < 500 && status !== 429 ? e : undefined;
}

function aboutIdempotencyReference(e: ErrorWithContext): boolean {
	const ccv = e.context?.ccvError;
	return ccv?.field === 'Idempotency-Reference' || Boolean(ccv?.fields?.some((f) => f.field === 'Idempotency-Reference'));
}

/** CCV refused (nothing created): forget the body; a reused derived reference gets its meaning in words. */
function explainRefusal(error: unknown, prepared: PreparedMoney): void {
	const refused = refusal(error);
	if (!refused) return;
	forgetBody(prepared.memoryKey);
	if (!aboutIdempotencyReference(refused) || prepared.ownKey) return;
	const { operation, idempotencyReference } = prepared;
	refused.description = `${refused.description ?? ''} CCV already holds a ${operation} made with this Idempotency-Reference (${idempotencyReference}) and other details, for example an earlier run with another Description or Webhook URL. Nothing new was sent through. Look it up with Transaction > Get Many (Original References or Merchant Order Reference); to make a second, separate ${operation} on purpose, set its own Idempotency Key.`.trim();
}

/**
 * POSTs a prepared money request, with the credential's Default Webhook URL when the item has none.
 * Output: CCV's answer with the Idempotency-Reference used, `replayed` (CCV answered with an earlier
 * transaction) and `webhookUrlFrom` ('item' or 'credential', when a webhook URL was sent), or the Dry Run preview.
 */
export async function sendMoneyRequest(
	ctx: IExecuteFunctions,
	client: CcvClient,
	i: number,
	prepared: PreparedMoney,
): Promise<IDataObject> {
	const { operation, idempotencyReference, memoryKey } = prepared;
	const { body: withHook, webhookUrlFrom } = await withDefaultWebhook(ctx, client, i, prepared.body);
	const body = bodyToSend(memoryKey, withHook, !prepared.dryRun);
	const hookSource = body.webhookUrl === undefined ? {} : { webhookUrlFrom: webhookUrlFrom ?? 'item' };
	const request = { method: 'POST' as const, path: `/api/v1/${operation}`, body, idempotencyReference };
	const earlier = earlierAnswer(memoryKey);
	const startedAt = firstSentAt(ctx.getExecutionId(), memoryKey, Date.now());
	let result: Awaited<ReturnType<typeof sendWrite<IDataObject>>> | undefined;
	let failure: { error: unknown } | undefined;
	try {
		result = await sendWrite<IDataObject>(client, request, i, prepared.dryRun);
	} catch (error) {
		failure = { error };
	}
	if (failure || !result) {
		explainRefusal(failure?.error, prepared);
		throw failure?.error;
	}
	if (!result.sent) {
		return {
			action: operation,
			...result.dryRun,
			request: previewWithoutSecrets(result.dryRun.request as IDataObject),
			idempotencyReference,
			...hookSource,
		};
	}
	const answer = result.response.body ?? {};
	const replayed = isReplay({ sentBody: body, answer, startedAt, earlier });
	noteAnswer(memoryKey, answer.reference);
	return { ...withFailureMeaning(answer), idempotencyReference, replayed, ...hookSource };
}

/** Every money operation's execute: what prepare checked, sent once with its Idempotency-Reference. */
export function moneyExecute(prepare: (this: IExecuteFunctions, i: number) => PreparedMoney) {
	return async function execute(
		this: IExecuteFunctions,
		i: number,
		client: CcvClient,
		prepared?: PreparedMoney,
	): Promise<IDataObject> {
		return await sendMoneyRequest(this, client, i, prepared ?? prepare.call(this, i));
	};
}

/** Refund, capture and reversal: items about one payment run one after the other, in input order. */
export function paymentReferenceKey(this: IExecuteFunctions, i: number): string | undefined {
	return parameterKey(this, i, 'payment', 'paymentReference');
}

/** A refund's or capture's amount as part of its identity: "full", or the amount written canonically. */
export function amountIdentity(amount: unknown): string {
	return amount === undefined ? 'full' : canonicalAmount(amount as string);
}
