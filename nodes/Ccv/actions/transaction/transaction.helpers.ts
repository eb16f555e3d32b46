import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { transactionEventKey } from '../../helpers/changesEventKey';
import type { ChangesSettings, RunMemory } from '../../helpers/changesMemory';
import { showFor } from '../common.descriptions';

// Reading and shaping transactions lives in helpers/transactions.ts (the money room reads them too).
export { TRANSACTION_PATH, getTransaction, isOpenStatus, transactionsOf, withFailureMeaning } from '../../helpers/transactions';

/** Checked in schemas/transaction.ts; kept here for the money operations that import it from here. */
export { checkedReference } from '../../schemas/transaction';

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
