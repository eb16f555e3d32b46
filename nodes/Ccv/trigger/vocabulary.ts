// CCV's documented values the trigger filters on (REFERENCE §7 and seed 003).

export const EVENT_SOURCES = ['transaction', 'notification', 'orderStatus'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export const TRANSACTION_STATUSES = ['success', 'failed', 'pending', 'manualintervention'] as const;

/** As CCV names them (uppercase in the docs, lowercase in JSON). */
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
	'VAULT_STORE',
	'VAULT_USAGE',
	'AUTO_REFUND',
	'CHARGEBACK',
	'CHARGEBACK_REVERSAL',
	'COLLECTION',
	'DISBURSEMENT',
] as const;

export const ORDER_STATUSES = [
	'Processing',
	'Incomplete',
	'AwaitingPayment',
	'Screening',
	'New',
	'ErpInProgress',
	'FulfillmentInProgress',
	'FulfillmentDone',
	'Completed',
	'Closed',
	'Canceled',
	'Failed',
] as const;

/** The end states CCV marks with * in the order status table. */
export const FINAL_ORDER_STATUSES: readonly string[] = ['Completed', 'Closed', 'Canceled', 'Failed'];

/** Compares CCV values whatever their case or separators: "VAULT_STORE", "vault_store", "PENDING". */
export function normalize(value: string): string {
	return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** An empty selection means "every value". */
export function isSelected(selection: readonly string[], value: string): boolean {
	if (selection.length === 0) return true;
	const wanted = normalize(value);
	return selection.some((s) => normalize(s) === wanted);
}
