import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import { customerLocator, optionsCollection, returnAllAndLimit } from '../common.descriptions';
import { customerPath, readCustomerRef } from '../customer/customer.helpers';

export const description: INodeProperties[] = [
	customerLocator('card', 'getAll', 'The customer whose linked payment cards to list'),
	...returnAllAndLimit('card', 'getAll', 'cards'),
	optionsCollection('card', 'getAll'),
];

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject[]> {
	const ref = readCustomerRef(this, i);
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
	// CCV answers 204 No Content when the customer has no cards: that is zero items, not an error.
	const { body } = await client.request<IDataObject[] | undefined>({ method: 'GET', path: `${customerPath(ref)}/card` }, i);
	return (Array.isArray(body) ? body : []).slice(0, limit);
}
