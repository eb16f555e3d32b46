import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { transactionReference } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import { getTransaction, referenceField } from './transaction.helpers';

export const description: INodeProperties[] = [
	referenceField('transaction', 'get', {
		name: 'transactionReference',
		displayName: 'Transaction Reference',
		description:
			'CCV\'s reference of a payment, refund, capture, reversal or vault transaction. Always check a webhook\'s reference here before acting on it.',
	}),
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

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const reference = validateItem(this, transactionReference, this.getNodeParameter('transactionReference', i), i, {
		'': 'Transaction Reference',
	});
	const { includeRelatedTransactions = false } = this.getNodeParameter('options', i, {}) as {
		includeRelatedTransactions?: boolean;
	};
	return await getTransaction(client, reference, i, includeRelatedTransactions);
}
