import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changesFields, readChangesSettings, withChanges } from '../../helpers/changesMemory';
import type { ChangesSettings } from '../../helpers/changesMemory';
import { validateItem } from '../../helpers/validate';
import type { CcvClient } from '../../transport';
import { ownLabel } from '../../fields/field';
import { transactionReference } from '../../fields/lookup';
import { optionsCollection, showFor } from '../common.descriptions';
import type { PreparedItem } from '../types';
import { changedTransaction, getTransaction } from './transaction.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/transaction/get.json';

export const description: INodeProperties[] = [
	transactionReference.property(showFor('transaction', 'get')),
	...changesFields('transaction', 'get'),
	optionsCollection('transaction', 'get', [
		{
			displayName: 'Include Related Transactions',
			name: 'includeRelatedTransactions',
			type: 'boolean',
			default: false,
			description: 'Whether CCV adds the successful refunds, captures and reversals of this transaction',
		},
	]),
];

export interface PreparedGet extends PreparedItem {
	reference: string;
	includeRelatedTransactions: boolean;
	changes: ChangesSettings;
}

export function prepare(this: IExecuteFunctions, i: number): PreparedGet {
	const field = transactionReference;
	const reference = validateItem(this, field.rule, this.getNodeParameter(field.name, i), i, ownLabel(field));
	const { includeRelatedTransactions = false } = this.getNodeParameter('options', i, {}) as {
		includeRelatedTransactions?: boolean;
	};
	return { reference, includeRelatedTransactions: includeRelatedTransactions === true, changes: readChangesSettings(this, i) };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: CcvClient,
	prepared?: PreparedGet,
): Promise<IDataObject | IDataObject[]> {
	const { reference, includeRelatedTransactions, changes } = prepared ?? prepare.call(this, i);
	return await withChanges(this, i, changes, async (memory) => {
		const transaction = await getTransaction(client, reference, i, includeRelatedTransactions);
		if (!changes.enabled) return transaction;
		return changedTransaction(memory, transaction, changes) ?? [];
	});
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
