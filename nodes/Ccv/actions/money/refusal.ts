import { NodeOperationError } from 'n8n-workflow';

import { seeFix } from '../../helpers/fixLinks';
import { getTransaction } from '../../helpers/transactions';
import type { CcvClient } from '../../transport';
import type { PreparedMoney } from './types';

// What a failed money request means for the user: whether anything may exist at CCV, and CCV's
// refusal in plain words.

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
export function outcomeOf(error: unknown): SendOutcome {
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
export function explainRefusal(error: unknown, prepared: PreparedMoney, idempotencyReference: string): void {
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
export async function explainMayExist(error: unknown, client: CcvClient, i: number): Promise<void> {
	const reference = String((error as ErrorWithContext).context?.ccvError?.transactionReference);
	try {
		const tx = await getTransaction(client, reference, i);
		const code = tx.failureCode ? ` (failure code ${String(tx.failureCode)})` : '';
		addToDescription(error, `The node looked it up: CCV holds transaction ${reference} with status ${String(tx.status)}${code}.`);
	} catch {
		addToDescription(error, `CCV named transaction ${reference} for this request, so it may exist; the node could not read it now: look it up with Transaction > Get before trying again.`);
	}
}
