import type { IDataObject } from 'n8n-workflow';

import type { CcvClient } from '../transport';
import { FAILURE_CODE_MEANINGS } from '../transport/failureCodes';

// Reading transactions at CCV and shaping what the node outputs of them, for every operation that
// reads one (Transaction > Get and Get Many, the money room's lookups, the reconcile trigger).

export const TRANSACTION_PATH = '/api/v1/transaction';

/** Statuses after which CCV does not change a transaction any more. */
const OPEN_STATUSES = new Set(['pending', 'manualintervention']);

export function isOpenStatus(status: string): boolean {
	return OPEN_STATUSES.has(status.toLowerCase().replace(/[^a-z0-9]/g, ''));
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

type Direction = 'referenceAfter' | 'referenceBefore';

/**
 * Which way the list runs (REFERENCE §7: CCV documents neither the order nor the cursors' meaning).
 * A page whose first transaction was created after its last is newest-first: the next page is the
 * one before its last reference. Times that do not tell leave it open.
 */
function directionOf(page: IDataObject[]): Direction | undefined {
	const first = Number(page[0]?.created);
	const end = Number(page[page.length - 1]?.created);
	if (!Number.isFinite(first) || !Number.isFinite(end) || first === end) return undefined;
	return first > end ? 'referenceBefore' : 'referenceAfter';
}

/** Every transaction the filters list (up to `limit`), following CCV's cursor paging. */
export async function listTransactions(client: CcvClient, i: number, filters: IDataObject, limit: number): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	const seen = new Set<string>();
	const fetchPage = async (qs: IDataObject) => {
		const { body } = await client.request({ method: 'GET', path: TRANSACTION_PATH, qs }, i);
		const page = transactionsOf(body);
		return { page, fresh: page.filter((t) => typeof t.reference !== 'string' || !seen.has(t.reference)) };
	};
	// Cursor paging from the last reference seen, in the list's own direction. While the direction is
	// open, "after" is tried first and "before" when "after" brings nothing new. The page size is
	// CCV's; a page with nothing new in either direction ends the list.
	let { page, fresh } = await fetchPage(filters);
	let direction = directionOf(page);
	while (fresh.length > 0) {
		for (const t of fresh) if (typeof t.reference === 'string') seen.add(t.reference);
		found.push(...fresh.map(withFailureMeaning));
		const last = page[page.length - 1]?.reference;
		if (found.length >= limit || typeof last !== 'string') break;
		const tries: Direction[] = direction ? [direction] : ['referenceAfter', 'referenceBefore'];
		for (const next of tries) {
			({ page, fresh } = await fetchPage({ ...filters, [next]: last }));
			if (fresh.length > 0) {
				direction ??= directionOf(page) ?? next;
				break;
			}
		}
	}
	return found.slice(0, limit);
}
