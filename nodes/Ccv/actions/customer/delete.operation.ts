import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDryRun, sendWrite } from '../../helpers/dryRun';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { customerLocator, dryRunOption, ignoreNotFoundOption, optionsCollection } from '../common.descriptions';
import { isNotFound } from '../../transport';
import type { CustomerRef } from './customer.helpers';
import { customerPath, findCustomers, notFoundError, readCustomerRef, refOutput } from './customer.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/delete.json';

export const description: INodeProperties[] = [
	customerLocator('customer', 'delete', 'The customer to remove, with all its linked payment cards'),
	optionsCollection('customer', 'delete', [dryRunOption, ignoreNotFoundOption]),
];

interface Prepared extends PreparedItem {
	ref: CustomerRef;
	dryRun: boolean;
	ignoreNotFound: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	const ref = readCustomerRef(this, i);
	const { ignoreNotFound = true } = this.getNodeParameter('options', i, {}) as { ignoreNotFound?: boolean };
	return { ref, dryRun: readDryRun(this, i), ignoreNotFound };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject> {
	const { ref, dryRun, ignoreNotFound } = prepared ?? prepare.call(this, i);
	const notFound = () => {
		if (!ignoreNotFound) notFoundError(this, i, ref);
		return { ...refOutput(ref), deleted: false, reason: 'not found', ...(dryRun ? { dryRun: true } : {}) };
	};
	const request = { method: 'DELETE' as const, path: customerPath(ref) };
	if (dryRun) {
		// A dry run reads, so it can say whether the customer is really there.
		const found = await findCustomers(client, ref, i);
		if (found.length === 0) return notFound();
		const preview = await sendWrite(client, request, i, true);
		return { ...refOutput(ref), deleted: false, action: 'delete', customer: found.length === 1 ? found[0] : found, ...(preview.sent ? {} : preview.dryRun) };
	}
	const result = await client.find(request, i);
	// Gone on a repeat of our own DELETE (the first answer was lost): it was us who removed it.
	if (isNotFound(result) && !result.repeated) return notFound();
	return { ...refOutput(ref), deleted: true };
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation deletes. */
export const guard = { kind: 'delete', action: 'delete a customer' } as const;
