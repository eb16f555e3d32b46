import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import { FAILURE_CODE_MEANINGS } from '../../transport/failureCodes';
import { showFor } from '../common.descriptions';

export const TRANSACTION_PATH = '/api/v1/transaction';

/** A failed transaction's failure code in plain words, next to CCV's fields. */
export function withFailureMeaning(transaction: IDataObject): IDataObject {
	const code = transaction?.failureCode;
	if (typeof code !== 'string' || !FAILURE_CODE_MEANINGS[code]) return transaction;
	return { ...transaction, failureCodeMeaning: FAILURE_CODE_MEANINGS[code] };
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
