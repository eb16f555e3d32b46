import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { customerLocator, optionsCollection } from '../common.descriptions';
import type { CustomerRef } from './customer.helpers';
import { findCustomers, notFoundError, readCustomerRef } from './customer.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/get.json';

export const description: INodeProperties[] = [
	customerLocator('customer', 'get'),
	optionsCollection('customer', 'get', [
		{
			displayName: 'Ignore Not Found',
			name: 'ignoreNotFound',
			type: 'boolean',
			default: false,
			description: 'Whether a customer that does not exist outputs nothing instead of failing the item',
		},
	]),
];

interface Prepared extends PreparedItem {
	ref: CustomerRef;
	ignoreNotFound: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	const ref = readCustomerRef(this, i);
	const { ignoreNotFound = false } = this.getNodeParameter('options', i, {}) as { ignoreNotFound?: boolean };
	return { ref, ignoreNotFound };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject[]> {
	const { ref, ignoreNotFound } = prepared ?? prepare.call(this, i);
	// By external ID CCV answers a list: one output item per customer found.
	const customers = await findCustomers(client, ref, i);
	if (customers.length === 0 && !ignoreNotFound) notFoundError(this, i, ref);
	return customers;
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
