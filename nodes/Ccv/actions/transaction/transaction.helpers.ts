import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { transactionEventKey } from '../../helpers/changesEventKey';
import type { ChangesSettings, RunMemory } from '../../helpers/changesMemory';
import { transactionReference } from '../../schemas/payment';
import { showFor } from '../common.descriptions';

// Reading and shaping transactions lives in helpers/transactions.ts (the money room reads them too).
export { TRANSACTION_PATH, getTransaction, isOpenStatus, transactionsOf, withFailureMeaning } from '../../helpers/transactions';

/**
 * A reference as CCV writes them (e.g. C250324145223810CB87E194.Y). It travels in the query string,
 * encoded by n8n's HTTP helper, so it can never change the path or add a query field; spaces and
 * control characters are refused because no CCV reference has them.
 */
export const checkedReference = transactionReference.regex(/^[^\s\p{Cc}]+$/u, {
	error: 'must be a CCV transaction reference such as C250324145223810CB87E194.Y (no spaces or control characters)',
});

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
