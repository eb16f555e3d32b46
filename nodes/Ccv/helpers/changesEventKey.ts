// The `eventKey` every status output carries (CCV Trigger and "Output Only Changes"): one key
// per verified status change, so a workflow can enforce uniqueness downstream (e.g. with n8n's
// Remove Duplicates node, "across executions"). Built only from what CCV verified.

/** "PENDING", "pending" and "Pending" are one status; so are "VAULT_STORE" and "vault_store". */
export function normalizeStatus(status: string): string {
	return status.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** e.g. `transaction:C250324145223810CB87E194.Y:success` */
export function transactionEventKey(reference: string, status: string): string {
	return `transaction:${reference}:${normalizeStatus(status)}`;
}

/** e.g. `order:5f0c…:completed` */
export function orderEventKey(orderId: string, status: string): string {
	return `order:${orderId}:${normalizeStatus(status)}`;
}
