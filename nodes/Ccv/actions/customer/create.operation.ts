import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDryRun, sendWrite } from '../../helpers/dryRun';
import { validateItem } from '../../helpers/validate';
import { digitsOf } from '../../schemas/common';
import { customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { cardLinkingFields, readRegistrationExpiration } from './cardLinking';
import { customerReference, externalId, linkReferences } from '../../fields/customer';
import { readLinkReferences } from './customer.helpers';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/create.json';

const show = showFor('customer', 'create');

export const description: INodeProperties[] = [
	customerReference.property(show),
	...cardLinkingFields('customer', ['create']),
	additionalFieldsCollection(show, [externalId.property(), linkReferences.property()]),
	optionsCollection('customer', 'create', [dryRunOption]),
];

interface Prepared extends PreparedItem {
	body: IDataObject;
	dryRun: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const dryRun = readDryRun(this, i);
	const references = readLinkReferences(this, i, extra.linkReferences);
	const input = {
		customerReference: digitsOf(this.getNodeParameter('customerReference', i)),
		externalId: extra.externalId === undefined || extra.externalId === '' ? undefined : digitsOf(extra.externalId),
		registrationExpiration: readRegistrationExpiration(this, i),
		linkReferences: references.length ? references : undefined,
	};
	const body = validateItem(this, customerWrite, input, i, customerLabels) as IDataObject;
	return { body, dryRun };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject> {
	const { body, dryRun } = prepared ?? prepare.call(this, i);
	const result = await sendWrite<IDataObject>(client, { method: 'POST', path: '/api/v1/customer', body }, i, dryRun);
	if (!result.sent) return { action: 'create', ...result.dryRun };
	return result.response.body;
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation adds and never removes or overwrites. */
export const guard = { kind: 'write' } as const;
