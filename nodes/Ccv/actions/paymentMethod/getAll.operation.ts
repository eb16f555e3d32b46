import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { optionsCollection } from '../common.descriptions';
import { brandsOf, issuersOf, listPaymentMethods, methodName } from './paymentMethod.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/paymentMethod/getAll.json';

export const description: INodeProperties[] = [optionsCollection('paymentMethod', 'getAll')];

/** Nothing to check: the operation has no input fields. */
export function prepare(): PreparedItem {
	return {};
}

/**
 * One output item per method the merchant's CCV account offers: CCV's entry (method, options)
 * plus its name in words, and the card brands or iDEAL issuers where the method has them.
 */
export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject[]> {
	const methods = await listPaymentMethods(client, i);
	return methods.map((entry) => {
		const brands = brandsOf(entry);
		const issuers = issuersOf(entry);
		// Every item has options, brands and issuers (empty where the method has none): n8n's Table view
		// shows a key only some items have as a red "undefined" in the others.
		return {
			...entry,
			options: entry.options ?? [],
			name: methodName(entry.method),
			brands,
			issuers: issuers as unknown as IDataObject[],
		};
	});
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
