// Refund (seed 004), capture and reversal (REFERENCE §8): each creates a `pending` transaction that
// points at the original through `originalReference`.
import { json, type ApiRequest, type ApiResponse, type Core } from '../core';
import { inputError, processError } from '../errors';
import { changeStatus, toTransaction } from '../lifecycle';
import { toAmount } from '../money';
import type { Readings } from '../readings';
import { NOT_REFUNDABLE_METHODS, REVERSIBLE_METHODS } from '../methods';
import type { TxRecord } from '../store';
import { requireBody, type FieldRule, type RouteInput } from '../input';
import type { Route } from '../router';
import { Fields } from '../validate';
import { payUrl } from './payments';

const REFUND_LIMIT_PERCENT = 120;
const R = '004_64a4b0c63fd70d0d.txt';

const reference = (source: string): FieldRule => ({ name: 'reference', required: true, max: 255, source });
const description = (source: string): FieldRule => ({ name: 'description', max: 255, source });
const webhookUrl = (source: string): FieldRule => ({ name: 'webhookUrl', kind: 'callbackUrl', max: 2000, source });
const notificationRequests = (source: string): FieldRule => ({ name: 'notificationRequests', kind: 'notificationRequests', source });

const REFUND_INPUT: RouteInput = {
	from: 'body',
	fields: [
		reference(`${R}:465`),
		{ name: 'amount', kind: 'amount', source: `${R}:467` },
		description(`${R}:466`),
		webhookUrl(`${R}:468 (reading \`httpWebhookUrl\`)`),
		{ name: 'returnUrl', max: 2000, source: `${R}:469 (kept for terminal refunds only)` },
		{ name: 'merchantOrderReference', max: 255, source: `${R}:473` },
		notificationRequests(`${R}:470 (reading \`notificationRequests\`)`),
		{ name: 'payoutInstructions', kind: 'payoutInstructions', source: `${R}:471, ${R}:535-541` },
	],
};

const CAPTURE_INPUT: RouteInput = {
	from: 'body',
	fields: [
		reference('REF §8'),
		{ name: 'amount', kind: 'amount', source: 'REF §8 (optional: partial capture)' },
		description('REF §8; the limit is silent: our choice'),
		webhookUrl('REF §8, REF §5'),
		notificationRequests('REF §8, REF §6'),
		{ name: 'orderLines', kind: 'array', source: 'REF §8' },
	],
};

const REVERSAL_INPUT: RouteInput = {
	from: 'body',
	fields: [
		reference('REF §8; the limit is silent: our choice'),
		description('REF §8; the limit is silent: our choice'),
		webhookUrl('REF §8, REF §5'),
		notificationRequests('REF §8, REF §6'),
	],
};

/** Follow-ups that count: everything not failed. */
function live(core: Core, reference: string, type: TxRecord['type']): TxRecord[] {
	return core.store.followUps(reference, type).filter((tx) => tx.status !== 'failed');
}

function sumCents(items: Array<{ amountCents: number }>): number {
	return items.reduce((total, item) => total + item.amountCents, 0);
}

function findOriginal(core: Core, reference: string): TxRecord {
	const original = core.store.transactions.get(reference);
	if (!original) throw processError('unknown_reference', `Transaction ${reference} is not known`);
	return original;
}

function followUp(core: Core, original: TxRecord, fields: Partial<TxRecord> & Pick<TxRecord, 'type' | 'amountCents'>): ApiResponse {
	const now = core.now();
	const tx: TxRecord = {
		reference: core.ids.transactionReference(original.method, now),
		status: 'pending',
		currency: original.currency,
		method: original.method,
		brand: original.brand,
		language: original.language,
		metadata: original.metadata,
		merchantOrderReference: original.merchantOrderReference,
		description: original.description,
		originalReference: original.reference,
		created: now,
		lastUpdate: now,
		details: {},
		...stripUndefined(fields),
		type: fields.type,
		amountCents: fields.amountCents,
	};
	core.store.transactions.set(tx.reference, tx);
	return { ...json(toTransaction(tx)), createdReference: tx.reference };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function readRefundDetails(f: Fields, method: string, readings: Readings): void {
	// Seed 004:514: SoftPOS details "are required when refunding a payment ... made using the method
	// softpos" (both their fields are optional, so an empty object will do).
	if (method === 'softpos' && (f.body.details === undefined || f.body.details === null)) f.add('details', 'may not be null');
	const details = f.object('details') ?? {};
	const sub = new Fields(details);
	if (method === 'terminal') {
		sub.string('terminalId', { required: true, max: 50 });
		sub.string('managementSystemId', { required: true, max: 50 });
		sub.string('accessProtocol', { required: true, max: 20 });
		const environment = sub.string('operatingEnvironment', { max: 20, oneOf: ['ATTENDED', 'SEMI_UNATTENDED'] });
		sub.string('merchantLanguage', { required: environment === 'ATTENDED', max: 3 });
	} else if (method === 'softpos') {
		sub.string('terminalId', { max: 20 });
		// Seed 004:518 says "true or false", its example (004:527) sends the string: the cardPresent reading.
		const cardPresent = details.cardPresent;
		const allowed: unknown[] = readings.cardPresent === 'string' ? ['true', 'false'] : [true, false];
		if (cardPresent !== undefined && !allowed.includes(cardPresent)) {
			sub.add('cardPresent', readings.cardPresent === 'string' ? 'must be "true" or "false"' : 'must be true or false');
		}
	}
	for (const e of sub.errors) f.add(`details.${e.field}`, e.message);
}

function createRefund(core: Core, req: ApiRequest): ApiResponse {
	const input = req.input as Record<string, unknown>;
	const amountCents = input.amount as number | undefined;
	const description = input.description as string | undefined;
	const webhookUrl = input.webhookUrl as string | undefined;
	const returnUrl = input.returnUrl as string | undefined;
	const merchantOrderReference = input.merchantOrderReference as string | undefined;
	const notificationRequests = input.notificationRequests as TxRecord['notificationRequests'];
	const payoutInstructions = input.payoutInstructions as TxRecord['payoutInstructions'];
	const original = findOriginal(core, input.reference as string);
	// The details' rules depend on the original payment's method: read once it is known.
	const f = new Fields(requireBody(req.body));
	readRefundDetails(f, original.method, core.readings);
	f.check();
	if (NOT_REFUNDABLE_METHODS.includes(original.method)) {
		throw processError('processing_error', `Refunds are not allowed for method ${original.method}`);
	}
	if (original.type !== 'sale' && original.type !== 'capture') {
		throw processError('processing_error', `A transaction of type ${original.type} cannot be refunded`);
	}
	if (original.status !== 'success') {
		throw processError('processing_error', `Transaction ${original.reference} is not successful`);
	}
	const refundCents = amountCents ?? original.amountCents;
	if (original.payoutInstructions && !payoutInstructions) {
		throw inputError([{ field: 'payoutInstructions', message: 'required: the original payment has payout instructions' }]);
	}
	if (payoutInstructions && sumCents(payoutInstructions) !== refundCents) {
		throw inputError([{ field: 'payoutInstructions', message: 'the sum of the payout instructions must match the refund amount' }]);
	}
	const refunded = sumCents(live(core, original.reference, 'refund'));
	if ((refunded + refundCents) * 100 > original.amountCents * REFUND_LIMIT_PERCENT) {
		throw processError(
			'refund_limit',
			`Refund request with amount ${toAmount(refundCents).toFixed(2)} DENIED for originalReferenceId ${original.reference}: ` +
				`refunds may total at most ${REFUND_LIMIT_PERCENT}% of the original amount`,
		);
	}
	const balance = core.store.balances.get(original.method);
	if (balance && refundCents > Math.round(balance.total * 100)) {
		// Seed 002:496-507: the balance object comes only with unsufficient_balance.
		throw processError(
			'unsufficient_balance',
			`Refund request with amount ${toAmount(refundCents).toFixed(2).replace('.', ',')} DENIED for originalReferenceId ${original.reference} due to insufficient open amount`,
			{ balance: { ...balance } },
		);
	}
	const terminal = original.method === 'terminal';
	const response = followUp(core, original, {
		type: 'refund',
		amountCents: refundCents,
		description,
		merchantOrderReference,
		webhookUrl,
		notificationRequests,
		payoutInstructions,
		returnUrl: terminal ? returnUrl : undefined,
	});
	const tx = core.store.transactions.get(response.createdReference as string) as TxRecord;
	if (terminal) {
		tx.payUrl = payUrl(core, tx.reference);
		response.body = toTransaction(tx);
	} else if (core.readings.refundAnswer === 'success') {
		// REFERENCE §8: the status "may already be success (iDEAL example)".
		changeStatus(core, tx, 'success');
		response.body = toTransaction(tx);
	}
	return response;
}

function createCapture(core: Core, req: ApiRequest): ApiResponse {
	const input = req.input as Record<string, unknown>;
	const amountCents = input.amount as number | undefined;
	const description = input.description as string | undefined;
	const webhookUrl = input.webhookUrl as string | undefined;
	const notificationRequests = input.notificationRequests as TxRecord['notificationRequests'];
	const original = findOriginal(core, input.reference as string);
	if (original.type !== 'authorise') {
		throw processError('processing_error', `Transaction ${original.reference} is not an authorisation`);
	}
	if (original.status !== 'success') {
		throw processError('processing_error', `Authorisation ${original.reference} is not successful`);
	}
	if (live(core, original.reference, 'reversal').length > 0) {
		throw processError('processing_error', `Authorisation ${original.reference} has been reversed`);
	}
	const remaining = original.amountCents - sumCents(live(core, original.reference, 'capture'));
	if (remaining <= 0) {
		throw processError('duplicate_request', `Authorisation ${original.reference} has been captured in full`);
	}
	const captureCents = amountCents ?? remaining;
	if (captureCents > remaining) {
		throw processError(
			'amount_limit_exceeded',
			`Capture amount ${toAmount(captureCents).toFixed(2)} exceeds the open amount ${toAmount(remaining).toFixed(2)}`,
		);
	}
	return followUp(core, original, {
		type: 'capture',
		amountCents: captureCents,
		description,
		webhookUrl,
		notificationRequests,
	});
}

function createReversal(core: Core, req: ApiRequest): ApiResponse {
	const input = req.input as Record<string, unknown>;
	const description = input.description as string | undefined;
	const webhookUrl = input.webhookUrl as string | undefined;
	const notificationRequests = input.notificationRequests as TxRecord['notificationRequests'];
	const original = findOriginal(core, input.reference as string);
	const reversible =
		(original.type === 'authorise' && REVERSIBLE_METHODS.includes(original.method)) ||
		(original.method === 'terminal' && (original.type === 'sale' || original.type === 'capture'));
	if (!reversible) {
		throw processError('processing_error', `Transaction ${original.reference} cannot be reversed`);
	}
	if (live(core, original.reference, 'reversal').length > 0) {
		throw processError('duplicate_request', `Transaction ${original.reference} has already been reversed`);
	}
	if (original.status !== 'success') {
		throw processError('processing_error', `Transaction ${original.reference} is not successful`);
	}
	return followUp(core, original, {
		type: 'reversal',
		amountCents: original.amountCents,
		description,
		webhookUrl,
		notificationRequests,
	});
}

export const followUpRoutes: Route[] = [
	{
		method: 'POST',
		path: '/api/v1/refund',
		answers: '→ 200 refund object; the method\'s `details` are read once the original is known (rows below the table)',
		sources: [`${R}:456-475`, `${R}:552-578`],
		input: REFUND_INPUT,
		handler: createRefund,
		idempotent: true,
		transactions: 'refund',
	},
	{
		method: 'POST',
		path: '/api/v1/capture',
		answers: '→ capture object (partial, up to the open amount)',
		sources: ['REF §8'],
		input: CAPTURE_INPUT,
		handler: createCapture,
		idempotent: true,
		transactions: 'yes',
	},
	{
		method: 'POST',
		path: '/api/v1/reversal',
		answers: '→ reversal object; reversible methods only (REF §8); a second reversal → `duplicate_request`',
		sources: ['REF §8', '002_817c28fb71dbd6fd.txt:559'],
		input: REVERSAL_INPUT,
		handler: createReversal,
		idempotent: true,
		transactions: 'yes',
	},
];
