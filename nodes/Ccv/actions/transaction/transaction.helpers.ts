import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { transactionEventKey } from '../../helpers/changesEventKey';
import type { ChangesSettings, RunMemory } from '../../helpers/changesMemory';
import type { CcvClient } from '../../transport';
import { FAILURE_CODE_MEANINGS } from '../../transport/failureCodes';
import { showFor } from '../common.descriptions';

export const TRANSACTION_PATH = '/api/v1/transaction';

/** Checked in schemas/transaction.ts; kept here for the money operations that import it from here. */
export { checkedReference } from '../../schemas/transaction';

/** Statuses after which CCV does not change a transaction any more. */
const OPEN_STATUSES = new Set(['pending', 'manualintervention']);

export function isOpenStatus(status: string): boolean {
	return OPEN_STATUSES.has(status.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

export const transactionMemoryKey = (reference: string) => `transaction:${reference}`;

/**
 * "Output Only Changes" for one transaction CCV answered: the item to output (with `eventKey` and
 * `previousStatus`), or undefined when its status is the one this node remembers.
 */
export function changedTransaction(
	memory: RunMemory,
	transaction: IDataObject,
	changes: ChangesSettings,
	q?: string,
): IDataObject | undefined {
	const { reference, status } = transaction;
	if (typeof reference !== 'string' || typeof status !== 'string') return undefined;
	const seen = memory.sight({ key: transactionMemoryKey(reference), status, q }, changes.firstRun);
	if (!seen.output) return undefined;
	return { ...transaction, eventKey: transactionEventKey(reference, status), previousStatus: seen.previous };
}

/**
 * Every transaction output passes here. `status` lower case, as CCV's JSON writes it (seed 004's
 * refund example says "PENDING"; REFERENCE §7: compare case-insensitively), so an IF node on
 * "pending" always works; CCV's spelling stays in `statusAsSent` when it differed. A failed
 * transaction's failure code (in any case) in plain words, next to CCV's fields.
 */
export function withFailureMeaning(transaction: IDataObject): IDataObject {
	if (!transaction || typeof transaction !== 'object') return transaction;
	const { status, failureCode: code } = transaction;
	const out: IDataObject = { ...transaction };
	if (typeof status === 'string' && status !== status.toLowerCase()) {
		out.status = status.toLowerCase();
		out.statusAsSent = status;
	}
	const meaning = typeof code === 'string' ? FAILURE_CODE_MEANINGS[code.trim().toLowerCase()] : undefined;
	if (meaning) out.failureCodeMeaning = meaning;
	return out;
}

export async function getTransaction(
	client: CcvClient,
	reference: string,
	itemIndex: number,
	includeRelatedTransactions = false,
): Promise<IDataObject> {
	const qs: IDataObject = { reference };
	if (includeRelatedTransactions) qs.includeRelatedTransactions = true;
	const { body } = await client.request<IDataObject>({ method: 'GET', path: TRANSACTION_PATH, qs }, itemIndex);
	return withFailureMeaning(body ?? {});
}

const LIST_KEYS = ['transactions', 'data', 'content', 'items', 'results', 'records'];

/**
 * The transactions of one list answer. CCV does not document the envelope (REFERENCE §7):
 * a plain list, or an object holding the list.
 */
export function transactionsOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return [];
	const record = body as IDataObject;
	for (const key of LIST_KEYS) if (Array.isArray(record[key])) return record[key] as IDataObject[];
	const firstList = Object.values(record).find((v) => Array.isArray(v));
	if (firstList) return firstList as IDataObject[];
	return typeof record.reference === 'string' ? [record] : [];
}

export function referenceField(
	resource: string,
	operation: string,
	field: { name: string; displayName: string; description: string; placeholder?: string },
): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: field.placeholder ?? 'e.g. C250324145223810CB87E194.Y',
		description: field.description,
		displayOptions: showFor(resource, operation),
	};
}
