// The trigger's event sources, CCV's full list of transaction types (REFERENCE §7; the list
// filter of Transaction > Get Many takes fewer), and how filter values are compared.

export const EVENT_SOURCES = ['transaction', 'notification', 'orderStatus'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

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
