import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { transactionReference } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import { getTransaction } from '../../helpers/transactions';
import { referenceField } from '../transaction/transaction.helpers';

export const description: INodeProperties[] = [
	referenceField('refund', 'get', {
		name: 'refundReference',
		displayName: 'Refund Reference',
		description: 'CCV\'s reference of the refund (the "reference" that Refund > Create returned), not the payment\'s',
	}),
	optionsCollection('refund', 'get'),
];

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const reference = validateItem(this, transactionReference, this.getNodeParameter('refundReference', i), i, {
		'': 'Refund Reference',
	});
	return await getTransaction(client, reference, i);
}

/** For the AI-agent guard (helpers/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
