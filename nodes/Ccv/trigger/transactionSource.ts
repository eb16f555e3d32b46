import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { eventType as eventTypeSchema, referenceInCall, transactionAnswer } from '../schemas/trigger';
import { TRANSACTION_PATH } from '../actions/transaction/transaction.helpers';
import { isNotFound } from '../transport';
import type { CcvClient } from '../transport';
import { transactionEventKey } from '../helpers/changesEventKey';
import type { CallOutcome } from './event';
import { isSelected } from './vocabulary';

// Transaction webhook ({"id": reference}) and notification ({reference|transactionReference|id,
// eventType, ...}): the body only tells which transaction to look up. Everything output comes
// from CCV's answer to GET /api/v1/transaction?reference=.

const REFERENCE_FIELDS = ['reference', 'transactionReference', 'id'];

function asObject(body: unknown): IDataObject {
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
}

export function readReference(body: unknown): string | undefined {
	const fields = asObject(body);
	for (const field of REFERENCE_FIELDS) {
		const parsed = referenceInCall.safeParse(fields[field]);
		if (parsed.success) return parsed.data;
	}
	return undefined;
}

export function readEventType(body: unknown): string | null {
	const parsed = eventTypeSchema.safeParse(asObject(body).eventType);
	return parsed.success ? parsed.data : null;
}

/** CCV answers an unknown reference with 404 or with 400 unknown_reference (an input error). */
export function isUnknownReference(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || error.context.httpCode !== 400) return false;
	const body = (error.context.ccvError ?? {}) as { failureCode?: string; type?: string };
	return body.failureCode === 'unknown_reference' || body.type === 'input_error';
}

/** The transport raises n8n errors already; anything else is wrapped so n8n shows it properly. */
export function asNodeError(ctx: IWebhookFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error));
}

/** The transaction as CCV answers it, or undefined when CCV does not know the reference. */
export async function fetchTransaction(
	ctx: IWebhookFunctions,
	client: CcvClient,
	reference: string,
): Promise<IDataObject | undefined> {
	let answer;
	try {
		answer = await client.find({ method: 'GET', path: TRANSACTION_PATH, qs: { reference } });
	} catch (error) {
		if (isUnknownReference(error)) return undefined;
		throw asNodeError(ctx, error);
	}
	if (isNotFound(answer)) return undefined;
	// One transaction is an object; should CCV ever wrap it in a list, take the one asked for.
	const candidate = Array.isArray(answer.body)
		? (answer.body as unknown[]).find((t) => asObject(t).reference === reference)
		: answer.body;
	if (candidate === undefined) return undefined;
	const parsed = transactionAnswer.safeParse(candidate);
	if (!parsed.success) {
		throw new NodeOperationError(ctx.getNode(), 'CCV answered the transaction lookup without a reference or status', {
			description: `Asked CCV for transaction ${reference}; the answer had no usable "reference" and "status", so nothing was output.`,
		});
	}
	if (parsed.data.reference !== reference) return undefined;
	return candidate as IDataObject;
}

/** What the caller put in the URL (minus the token) and, for notifications, the event type: never verified. */
export function unverifiedOf(ctx: IWebhookFunctions, eventType?: string | null): IDataObject {
	const query = { ...(ctx.getQueryData() as IDataObject) };
	delete query.token;
	return eventType === undefined ? { query } : { eventType, query };
}

export async function transactionEvent(
	ctx: IWebhookFunctions,
	client: CcvClient,
	reference: string,
	source: 'transaction' | 'notification',
): Promise<CallOutcome> {
	const transaction = await fetchTransaction(ctx, client, reference);
	if (!transaction) return { ignored: `CCV does not know transaction ${reference}`, unknown: true };

	const status = String(transaction.status);
	const statuses = ctx.getNodeParameter('statuses', []) as string[];
	if (!isSelected(statuses, status)) return { ignored: `status ${status} is not selected` };
	const types = ctx.getNodeParameter('transactionTypes', []) as string[];
	const type = typeof transaction.type === 'string' ? transaction.type : '';
	if (types.length > 0 && !isSelected(types, type)) return { ignored: `type ${type || '(none)'} is not selected` };

	// Only CCV's answer decides the eventKey: a caller varying eventType or the URL cannot make a
	// verified status start a second execution.
	const eventKey = transactionEventKey(reference, status);
	if (source === 'transaction') return { events: [{ json: { ...transaction, eventKey, unverified: unverifiedOf(ctx) }, eventKey }] };
	// A notification's output says which event it is (what the trigger verified, not what the caller said).
	const unverified = unverifiedOf(ctx, readEventType(ctx.getBodyData()));
	return { events: [{ json: { ...transaction, event: 'StatusChanged', eventKey, unverified }, eventKey }] };
}
