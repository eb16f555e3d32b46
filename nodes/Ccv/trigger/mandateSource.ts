import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { normalizeStatus } from '../helpers/changesEventKey';
import { mandateId as mandateIdSchema } from '../schemas/mandate';
import { isNotFound } from '../transport';
import type { CcvClient } from '../transport';
import type { CallOutcome } from './event';
import { asNodeError, fetchTransaction, isUnknownReference, unverifiedOf } from './transactionSource';

// The mandate events of CCV's notifications (REFERENCE §6: MandateUpdated "A mandate changed",
// MandateUsed "A mandate started a transaction"). Their payload is undocumented, so the call only names
// a transaction; which mandate, its state and whether it started that transaction all come from CCV:
// the transaction's details.mandateId (seed 001:82, 120) and GET /api/v1/mandate/{id} (seed 001:15).

/** e.g. `mandate:MAN250802142051429CB87E179.R:active`: one output per mandate status, as for transactions. */
export function mandateEventKey(mandateId: string, status: string): string {
	return `mandate:${mandateId}:${normalizeStatus(status)}`;
}

/** e.g. `mandate-used:C250324145223810CB87E194.Y`: one output per transaction a mandate started. */
export function mandateUsedEventKey(reference: string): string {
	return `mandate-used:${reference}`;
}

function mandateIdOf(transaction: IDataObject): string | undefined {
	const details = transaction.details as IDataObject | undefined;
	const parsed = mandateIdSchema.safeParse(details?.mandateId);
	return parsed.success ? parsed.data : undefined;
}

/** The mandate as CCV answers it, or undefined when CCV does not know it. */
async function fetchMandate(ctx: IWebhookFunctions, client: CcvClient, id: string): Promise<IDataObject | undefined> {
	let answer;
	try {
		answer = await client.find<IDataObject>({ method: 'GET', path: `/api/v1/mandate/${encodeURIComponent(id)}` });
	} catch (error) {
		if (isUnknownReference(error)) return undefined;
		throw asNodeError(ctx, error);
	}
	if (isNotFound(answer)) return undefined;
	const body = answer.body;
	if (!body || typeof body !== 'object' || body.mandateId !== id || typeof body.status !== 'string') return undefined;
	return body;
}

/** The transaction and the mandate it names, both as CCV answers them. */
async function transactionWithMandate(
	ctx: IWebhookFunctions,
	client: CcvClient,
	reference: string,
): Promise<{ transaction: IDataObject; mandate: IDataObject } | { ignored: string; unknown?: boolean }> {
	const transaction = await fetchTransaction(ctx, client, reference);
	if (!transaction) return { ignored: `CCV does not know transaction ${reference}`, unknown: true };
	const id = mandateIdOf(transaction);
	if (id === undefined) return { ignored: `CCV's transaction ${reference} names no mandate` };
	const mandate = await fetchMandate(ctx, client, id);
	if (!mandate) return { ignored: `CCV does not know mandate ${id}`, unknown: true };
	return { transaction, mandate };
}

/** MandateUpdated: the mandate of the named transaction, as CCV answers it now. */
export async function mandateUpdatedEvent(ctx: IWebhookFunctions, client: CcvClient, reference: string): Promise<CallOutcome> {
	const found = await transactionWithMandate(ctx, client, reference);
	if ('ignored' in found) return found;
	const { mandate } = found;
	const eventKey = mandateEventKey(String(mandate.mandateId), String(mandate.status));
	const json = { ...mandate, event: 'MandateUpdated', transactionReference: reference, eventKey, unverified: unverifiedOf(ctx, 'MandateUpdated') };
	return { events: [{ json, eventKey }] };
}

/**
 * MandateUsed: the named transaction, when CCV confirms a mandate started it. The payment that obtained
 * a mandate names it too (seed 001:82), so a use needs the mandate signed before the transaction was
 * created (a mandate is signed when its first payment completes; only an active, signed one is charged).
 */
export async function mandateUsedEvent(ctx: IWebhookFunctions, client: CcvClient, reference: string): Promise<CallOutcome> {
	const found = await transactionWithMandate(ctx, client, reference);
	if ('ignored' in found) return found;
	const { transaction, mandate } = found;
	const { signed } = mandate;
	const { created } = transaction;
	if (typeof signed !== 'number' || typeof created !== 'number' || !(signed < created)) {
		return { ignored: `CCV's answers do not show that mandate ${String(mandate.mandateId)} started transaction ${reference}` };
	}
	const eventKey = mandateUsedEventKey(reference);
	const json = { ...transaction, mandate, event: 'MandateUsed', eventKey, unverified: unverifiedOf(ctx, 'MandateUsed') };
	return { events: [{ json, eventKey }] };
}
