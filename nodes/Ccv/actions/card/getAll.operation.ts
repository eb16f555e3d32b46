import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { customerLocator, optionsCollection, readLimit, returnAllAndLimit } from '../common.descriptions';
import type { CustomerRef } from '../customer/customer.helpers';
import { customerPath, readCustomerRef } from '../customer/customer.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/card/getAll.json';

export const description: INodeProperties[] = [
	customerLocator('card', 'getAll', 'The customer whose linked payment cards to list'),
	...returnAllAndLimit('card', 'getAll', 'cards'),
	optionsCollection('card', 'getAll'),
];

interface Prepared extends PreparedItem {
	ref: CustomerRef;
	limit: number;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	return { ref: readCustomerRef(this, i), limit: readLimit(this, i) };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject[]> {
	const { ref, limit } = prepared ?? prepare.call(this, i);
	// CCV answers 204 No Content when the customer has no cards: that is zero items, not an error.
	const { body } = await client.request<IDataObject[] | undefined>({ method: 'GET', path: `${customerPath(ref)}/card` }, i);
	return (Array.isArray(body) ? body : []).slice(0, limit);
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
