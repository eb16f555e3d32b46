import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDryRun, sendWrite } from '../../helpers/dryRun';
import { seeFix } from '../../helpers/fixLinks';
import { canonicalAmount } from '../../helpers/money';
import { parameterKey } from '../../helpers/serialKey';
import {
	answerMismatch,
	bodyMemoryKey,
	canonicalJson,
	deriveIdempotencyReference,
	earlierAnswer,
	firstSentAt,
	forgetBody,
	isReplay,
	noteAnswer,
	recordBody,
	rememberedBody,
} from '../../helpers/idempotency';
import type { Expected } from '../../helpers/idempotency';
import { itemLabel } from '../../helpers/itemLabel';
import { failItem, validateItem } from '../../helpers/validate';
import { idempotencyKey } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { findEarlier } from '../money/earlier';
import type { Lookup } from '../money/earlier';
import { getTransaction, withFailureMeaning } from '../transaction/transaction.helpers';
import { withDefaultWebhook } from './defaultWebhook';

// What refund, payment, capture and reversal share: the Idempotency-Reference made from the
// transaction's business identity (helpers/idempotency.ts), Dry Run, the replay flag, the explicit
// Full/Partial choice and the optional follow-up fields (description, webhook, notifications).

export type MoneyOperation = 'refund' | 'payment' | 'capture' | 'reversal';

const KEY_TEXTS: Record<MoneyOperation, string> = {
	payment:
		'Leave empty to let the node make the key from the Merchant Order Reference and the attempt (plus the mandate or stored card). Before creating, the node looks up the order\'s payments at CCV: an open or paid one is returned instead of a second payment; after a failed one, a new attempt is made. Set your own (at most 50 characters) when the payment has no order reference; the node then sends it as given and you manage attempts. A key names one payment: never reuse it for another.',
	refund:
		'Leave empty to let the node make the key from the payment and the refund\'s Merchant Order Reference (or Full Amount), so a retry or re-run never refunds twice. Set your own (at most 50 characters, e.g. the return ticket) to tell refunds of one payment apart without a Merchant Order Reference. CCV does not show this key on the refund: after CCV has forgotten it (CCV does not say when), only a Merchant Order Reference lets the node find the earlier refund. A key names one refund: never reuse it for another.',
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
	const options = ctx.getNodeParameter('options', i, {}) as { idempotencyKey?: string };
	const key = given(options.idempotencyKey);
	return {
		dryRun: readDryRun(ctx, i),
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
	/** The intention and its amount: what a remembered body must share to be sent again. */
	substance: IDataObject;
	/** What CCV's answer must show to be this item's transaction. */
	expected: Expected;
	/** What to look up at CCV before creating (refunds, payments with an order). */
	lookup?: Lookup;
}

/**
 * The checked request with its Idempotency-Reference: the user's key as given, or one derived from
 * `identity` (the fields that identify the intended transaction, never free text or amounts alone).
 */
export function prepareMoney(args: {
	operation: MoneyOperation;
	body: IDataObject;
	identity: IDataObject;
	identityText: string;
	options: MoneyOptions;
	expected: Expected;
	lookup?: Lookup;
	/** Further fields a remembered body must share (e.g. a payment's method). */
	substance?: IDataObject;
}): PreparedMoney {
	const { operation, identity, identityText, options, expected, lookup } = args;
	const payload = compact(args.body);
	const idempotencyReference = options.idempotencyKey ?? deriveIdempotencyReference(operation, identity);
	return {
		idempotencyReference,
		identity: options.idempotencyKey ? `${identityText} (Idempotency Key "${options.idempotencyKey}")` : identityText,
		operation,
		body: payload,
		dryRun: options.dryRun,
		ownKey: options.idempotencyKey !== undefined,
		substance: { ...identity, amount: amountIdentity(payload.amount), currency: payload.currency, ...args.substance },
		expected,
		lookup,
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
	context?: {
		httpCode?: number;
		networkError?: string;
		ccvError?: { field?: string; fields?: Array<{ field?: string }>; transactionReference?: unknown };
	};
	httpCode?: string;
	description?: string | null;
}

/** Codes of a connection that reached nothing (retryPolicy's "not sent"). */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND']);

type SendOutcome = 'refused' | 'notSent' | 'open' | 'mayExist';

/**
 * One rule for a failed money request (issue 28 #6):
 * - an error naming a transactionReference (seed 002:484): the transaction may exist;
 * - a CCV refusal (4xx other than 429) without one, a credential refusal, a 429 or a connection
 *   that reached nothing: nothing was created;
 * - a timeout, dropped connection or 5xx: the outcome is open.
 * A refusal by the node itself (before sending) has no HTTP code: nothing was sent.
 */
function outcomeOf(error: unknown): SendOutcome {
	const e = (error ?? {}) as ErrorWithContext;
	const status = e.context?.httpCode;
	if (e.context?.ccvError?.transactionReference) return 'mayExist';
	if (typeof status === 'number') {
		if (status === 429 || (status >= 400 && status < 500)) return status === 401 || status === 403 || status === 429 ? 'notSent' : 'refused';
		return 'open';
	}
	const network = e.context?.networkError;
	if (typeof network === 'string') return NOTHING_SENT.has(network) ? 'notSent' : 'open';
	return e.httpCode === undefined && error instanceof NodeOperationError ? 'notSent' : 'open';
}

function aboutIdempotencyReference(e: ErrorWithContext): boolean {
	const ccv = e.context?.ccvError;
	return ccv?.field === 'Idempotency-Reference' || Boolean(ccv?.fields?.some((f) => f.field === 'Idempotency-Reference'));
}

function addToDescription(error: unknown, text: string): void {
	const e = error as ErrorWithContext;
	if (e && typeof e === 'object') e.description = `${e.description ?? ''} ${text}`.trim();
}

/** A CCV refusal in plain words: a reused reference gets its meaning. */
function explainRefusal(error: unknown, prepared: PreparedMoney, idempotencyReference: string): void {
	const refused = error as ErrorWithContext;
	const { operation } = prepared;
	if (!aboutIdempotencyReference(refused)) {
		addToDescription(error, `CCV created no ${operation} for this request.`);
		return;
	}
	addToDescription(
		error,
		prepared.ownKey
			? `CCV already holds a ${operation} made with the Idempotency Key "${idempotencyReference}" and other details (for example another amount): this key names that ${operation}. Nothing new was created. To make a second, separate ${operation}, give it its own Idempotency Key; to repeat the first one, send it with the same details. ${seeFix('idempotency')}`
			: `CCV already holds a ${operation} made with this Idempotency-Reference (${idempotencyReference}) and other details, for example an earlier run with another Description or Webhook URL. Nothing new was created. Look it up with Transaction > Get Many (Original References or Merchant Order Reference); to make a second, separate ${operation} on purpose, give it its own reference. ${seeFix('idempotency')}`,
	);
}

/** An error naming a transaction: look it up and say what CCV holds (or that it could not be read). */
async function explainMayExist(error: unknown, client: CcvClient, i: number): Promise<void> {
	const reference = String((error as ErrorWithContext).context?.ccvError?.transactionReference);
	try {
		const tx = await getTransaction(client, reference, i);
		const code = tx.failureCode ? ` (failure code ${String(tx.failureCode)})` : '';
		addToDescription(error, `The node looked it up: CCV holds transaction ${reference} with status ${String(tx.status)}${code}.`);
	} catch {
		addToDescription(error, `CCV named transaction ${reference} for this request, so it may exist; the node could not read it now: look it up with Transaction > Get before trying again.`);
	}
}

/** The fields whose values differ between two bodies (top level), for the "which body CCV holds" note. */
function changedFields(a: IDataObject, b: IDataObject): string[] {
	const names = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...names].filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k])).sort();
}

async function accountOf(client: CcvClient): Promise<string> {
	return typeof client.accountId === 'function' ? await client.accountId() : '';
}

/**
 * POSTs a prepared money request, with the credential's Default Webhook URL when the item has none.
 * Before creating a refund or an order's payment, reads what CCV already holds for the intention
 * (money/earlier.ts). Output: CCV's answer with the Idempotency-Reference used, `replayed` (CCV
 * answered with, or the node found, an earlier transaction), `attempt` for payments, and
 * `webhookUrlFrom` ('item' or 'credential', when a webhook URL was sent), or the Dry Run preview.
 */
export async function sendMoneyRequest(
	ctx: IExecuteFunctions,
	client: CcvClient,
	i: number,
	prepared: PreparedMoney,
): Promise<IDataObject> {
	const { operation } = prepared;
	const { body: withHook, webhookUrlFrom, warnings } = await withDefaultWebhook(ctx, client, i, prepared.body);
	let idempotencyReference = prepared.idempotencyReference;
	let expected = prepared.expected;
	let attempt: IDataObject = {};
	if (prepared.lookup && !prepared.dryRun) {
		const earlier = await findEarlier(ctx, client, i, prepared.lookup, expected);
		if (earlier.kind === 'existing') {
			return {
				...withFailureMeaning(earlier.transaction),
				idempotencyReference,
				replayed: true,
				foundAtCcv: true,
				...(earlier.attempt === undefined ? {} : { attempt: earlier.attempt }),
			};
		}
		idempotencyReference = earlier.idempotencyReference ?? idempotencyReference;
		if (earlier.attempt !== undefined) attempt = { attempt: earlier.attempt };
		expected = { ...expected, ...Object.fromEntries(Object.entries(earlier.expected ?? {}).filter(([, v]) => v !== undefined)) };
	}
	const memoryKey = bodyMemoryKey(await accountOf(client), operation, idempotencyReference, prepared.substance);
	const remembered = prepared.dryRun ? undefined : rememberedBody<IDataObject>(memoryKey);
	const body = remembered?.body ?? withHook;
	const notSentChanges = remembered ? changedFields(remembered.body, withHook) : [];
	const hookSource = { ...(body.webhookUrl === undefined ? {} : { webhookUrlFrom: webhookUrlFrom ?? 'item' }), ...(warnings ? { warnings } : {}) };
	const request = { method: 'POST' as const, path: `/api/v1/${operation}`, body, idempotencyReference };
	const answeredBefore = earlierAnswer(memoryKey);
	const startedAt = firstSentAt(ctx.getExecutionId(), memoryKey, Date.now());
	let result: Awaited<ReturnType<typeof sendWrite<IDataObject>>> | undefined;
	let failure: { error: unknown } | undefined;
	try {
		result = await sendWrite<IDataObject>(client, request, i, prepared.dryRun);
	} catch (error) {
		failure = { error };
	}
	if (failure || !result) {
		const error = failure?.error;
		const outcome = outcomeOf(error);
		if (outcome === 'refused') {
			forgetBody(memoryKey);
			explainRefusal(error, prepared, idempotencyReference);
		} else if (outcome === 'notSent') {
			forgetBody(memoryKey);
		} else {
			recordBody(memoryKey, body, true);
			if (outcome === 'mayExist') await explainMayExist(error, client, i);
		}
		throw error;
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
	recordBody(memoryKey, body, false);
	const answer = result.response.body ?? {};
	const differences = answerMismatch(expected, answer);
	if (differences.length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${itemLabel(i)}: CCV answered with transaction ${String(answer.reference)}, which is not the ${prepared.identity}: ${differences.join('; ')}`,
			{
				itemIndex: i,
				description: `CCV answered this Idempotency-Reference (${idempotencyReference}) with an earlier transaction, so no new ${operation} was made, and the node will not output it as this item's result. If this item is a different ${operation} on purpose, give it its own reference (Merchant Order Reference or Idempotency Key). ${seeFix('idempotency')}`,
			},
		);
	}
	const replayed = isReplay({ sentBody: body, answer, startedAt, earlier: answeredBefore, sentBefore: remembered?.at });
	noteAnswer(memoryKey, answer.reference);
	const heldBody =
		remembered?.open && notSentChanges.length
			? {
					bodyNote: `An earlier send of this ${operation} in this n8n process got no certain answer, so CCV may hold that request: it was sent again unchanged, and this item's changes to ${notSentChanges.join(', ')} were not sent. CCV holds the body of the first send.`,
				}
			: {};
	return { ...withFailureMeaning(answer), idempotencyReference, replayed, ...attempt, ...heldBody, ...hookSource };
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
