// Transactions and mandates over time: their public views, and what a status change sets off
// (mandate activation, vault token, webhook or notifications).
import type { Core } from './core';
import { toAmount } from './money';
import { notification, statusChangedNotification, webhookBody } from './notifications';
import { cased } from './readings';
import type { MandateRecord, TxRecord } from './store';
import type { Mandate, Transaction, TransactionStatus } from './types';

export const FINAL_STATUSES: readonly TransactionStatus[] = ['success', 'failed'];
const VAULT_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export function toTransaction(tx: TxRecord): Transaction {
	const view: Transaction = {
		reference: tx.reference,
		type: tx.type,
		status: tx.status,
		amount: toAmount(tx.amountCents),
		currency: tx.currency,
		method: tx.method,
		created: tx.created,
		lastUpdate: tx.lastUpdate,
	};
	const optional = {
		brand: tx.brand,
		issuer: tx.issuer,
		language: tx.language,
		description: tx.description,
		merchantOrderReference: tx.merchantOrderReference,
		metadata: tx.metadata,
		originalReference: tx.originalReference,
		entryMode: tx.entryMode,
		statusFinalDate: tx.statusFinalDate,
		payUrl: tx.payUrl,
		returnUrl: tx.returnUrl,
		webhookUrl: tx.webhookUrl,
		failureCode: tx.failureCode,
		cancelledBy: tx.cancelledBy,
	};
	for (const [key, value] of Object.entries(optional)) {
		if (value !== undefined) (view as unknown as Record<string, unknown>)[key] = value;
	}
	if (Object.keys(tx.details).length > 0) view.details = structuredClone(tx.details);
	if (tx.payoutInstructions) {
		view.payoutInstructions = tx.payoutInstructions.map((p) => ({
			...(p.externalReference !== undefined ? { externalReference: p.externalReference } : {}),
			amount: toAmount(p.amountCents),
		}));
	}
	return view;
}

export function toMandate(mandate: MandateRecord): Mandate {
	const view: Partial<MandateRecord> = structuredClone(mandate);
	delete view.maskedPan;
	return view as Mandate;
}

/** Moves a transaction to `status` and sets off what follows. No-op when the status is the same. */
export function changeStatus(
	core: Core,
	tx: TxRecord,
	status: TransactionStatus,
	failureCode?: string,
	cancelledBy?: string,
): void {
	if (tx.status === status) return;
	const now = core.now();
	// A customer-present card payment authenticates before it ends (REFERENCE §6 events).
	if (tx.payUrl && tx.method === 'card' && (tx.type === 'sale' || tx.type === 'authorise') && FINAL_STATUSES.includes(status)) {
		emit(core, tx, 'AuthenticationStarted', {});
		emit(core, tx, 'AuthenticationCompleted', { result: status });
	}
	tx.status = status;
	tx.lastUpdate = now;
	if (FINAL_STATUSES.includes(status)) tx.statusFinalDate = now;
	if (status === 'failed' && failureCode) tx.failureCode = failureCode;
	if (status === 'failed' && failureCode === 'cancelled' && cancelledBy) tx.cancelledBy = cancelledBy;
	if (status === 'success') onSuccess(core, tx, now);
	if (status === 'failed' && tx.mandateId) setMandate(core, tx.mandateId, 'inactive', now);
	announce(core, tx);
}

function onSuccess(core: Core, tx: TxRecord, now: number): void {
	if (tx.type !== 'sale' && tx.type !== 'authorise') return;
	const maskedPan = (tx.details.maskedPan as string | undefined) ?? '4111XXXXXXXX1111';
	if (tx.method === 'card') {
		tx.details.maskedPan = maskedPan;
		tx.details.authorisedAmount = toAmount(tx.amountCents);
		tx.details.initialTransactionId ??= core.ids.token(15);
	}
	if (tx.mandateId) setMandate(core, tx.mandateId, 'active', now, maskedPan);
	if (tx.storeInVault && tx.details.vaultAccessToken === undefined) {
		const token = core.ids.token(24);
		const initialTransactionId = (tx.details.initialTransactionId as string | undefined) ?? core.ids.token(15);
		const expires = now + VAULT_LIFETIME_MS;
		core.store.vaultTokens.set(token, { token, initialTransactionId, maskedPan, expires });
		Object.assign(tx.details, {
			vaultAccessToken: token,
			dataType: 'card',
			initialTransactionId,
			expirationTimestamp: expires,
			expirationDuration: 'P0Y0M30DT0H0M0.000S',
		});
	}
}

function setMandate(core: Core, mandateId: string, status: 'active' | 'inactive', now: number, maskedPan?: string): void {
	const mandate = core.store.mandates.get(mandateId);
	// An inactive mandate never becomes active again (REFERENCE §10).
	if (!mandate || mandate.status === 'inactive' || mandate.status === status) return;
	mandate.status = status;
	mandate.modified = now;
	if (status === 'active') {
		mandate.signed = now;
		if (maskedPan) mandate.maskedPan = maskedPan;
	}
	const child = core.store.transactions.get(mandate.childReferenceId);
	if (child) emit(core, child, 'MandateUpdated', { mandateId, status });
}

/** Sends event `eventType` to the transaction's subscribers of it (StatusChanged: see announce). */
export function emit(core: Core, tx: TxRecord, eventType: string, data: Record<string, unknown>): number {
	const subscribed = (tx.notificationRequests ?? []).filter((r) => r.events.includes(eventType));
	for (const request of subscribed) {
		core.deliverer.send('notification', request.url, notification(eventType, tx.reference, core.now(), data));
	}
	return subscribed.length;
}

/**
 * Webhook `{"id": reference}`, or the notifications that replace it: whenever notificationRequests are
 * present (REFERENCE §6, strict default), or only when they include StatusChanged (reading
 * notificationsReplaceWebhook 'status-changed', §6's event table).
 */
export function announce(core: Core, tx: TxRecord): void {
	const subscribed = (tx.notificationRequests ?? []).filter((r) => r.events.includes('StatusChanged'));
	for (const request of subscribed) {
		core.deliverer.send('notification', request.url, statusChangedNotification(tx.reference, cased(tx.status, core.readings), core.now()));
	}
	const replaced =
		subscribed.length > 0 ||
		(core.readings.notificationsReplaceWebhook === 'when-present' && (tx.notificationRequests?.length ?? 0) > 0);
	if (!replaced && tx.webhookUrl) {
		core.deliverer.send('webhook', tx.webhookUrl, webhookBody(tx.reference));
	}
}
