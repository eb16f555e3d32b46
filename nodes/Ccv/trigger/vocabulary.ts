// The trigger's event sources, CCV's full list of transaction types (REFERENCE §7; the list
// filter of Transaction > Get Many takes fewer), and how filter values are compared.

export const EVENT_SOURCES = ['transaction', 'notification', 'orderStatus'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * As CCV names them (uppercase in the docs, lowercase in JSON). VAULT_STORE and VAULT_USAGE are not
 * offered: no answer carries them (a vault transaction is "type": "token", seed 001:149; a payment with a
 * vault token "type": "sale", 001:245), so they matched nothing.
 */
export const TRANSACTION_TYPES = [
	'SALE',
	'AUTHORISE',
	'CAPTURE',
	'REVERSAL',
	'REFUND',
	'TOKEN',
	'CREDIT',
	'VALIDATE',
	'RELEASE',
	'AUTO_REFUND',
	'CHARGEBACK',
	'CHARGEBACK_REVERSAL',
	'COLLECTION',
	'DISBURSEMENT',
] as const;

/** Compares CCV values whatever their case or separators: "VAULT_STORE", "vault_store", "PENDING". */
export function normalize(value: string): string {
	return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Values saved by earlier versions that CCV writes otherwise: Vault Store is the "token" transaction (seed 001:149). */
const SAVED_ALIASES: Record<string, string> = { vaultstore: 'token' };

/** An empty selection means "every value". */
export function isSelected(selection: readonly string[], value: string): boolean {
	if (selection.length === 0) return true;
	const wanted = normalize(value);
	return selection.some((s) => (SAVED_ALIASES[normalize(s)] ?? normalize(s)) === wanted);
}

/**
 * Notification events the trigger can confirm at CCV (REFERENCE §6): StatusChanged re-reads the
 * transaction, MandateUpdated its mandate, MandateUsed both. The others are not offered: CCV's answers
 * hold nothing that confirms them (no authentication or terminal-message field; Collected, PaidOut and
 * AutoRefunded belong to collecting protocols the pages do not describe).
 */
export const NOTIFICATION_EVENTS = ['StatusChanged', 'MandateUpdated', 'MandateUsed'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export const UNCONFIRMED_EVENTS = [
	'AuthenticationStarted',
	'AuthenticationCompleted',
	'TerminalMessageUpdate',
	'Collected',
	'PaidOut',
	'AutoRefunded',
] as const;

/** The offered event a notification names; a call without an event type is read as StatusChanged. */
export function notificationEventOf(eventType: string | null): NotificationEvent | undefined {
	if (eventType === null) return 'StatusChanged';
	return NOTIFICATION_EVENTS.find((event) => normalize(event) === normalize(eventType));
}
