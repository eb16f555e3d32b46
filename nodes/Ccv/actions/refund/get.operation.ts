import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { transactionReference } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import { getTransaction } from '../../helpers/transactions';
import { referenceField } from '../transaction/transaction.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/refund/get.json';

export const description: INodeProperties[] = [
	referenceField('refund', 'get', {
		name: 'refundReference',
		displayName: 'Refund Reference',
		description: 'CCV\'s reference of the refund (the "reference" that Refund > Create returned), not the payment\'s',
	}),
	optionsCollection('refund', 'get'),
];

/** Reads and checks the item; sends nothing (the router checks every item before any is sent). */
export function prepare(this: IExecuteFunctions, i: number): { reference: string } {
	const reference = validateItem(this, transactionReference, this.getNodeParameter('refundReference', i), i, {
		'': 'Refund Reference',
	});
	return { reference };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: { reference: string }): Promise<IDataObject> {
	const { reference } = prepared ?? prepare.call(this, i);
	return await getTransaction(client, reference, i);
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
