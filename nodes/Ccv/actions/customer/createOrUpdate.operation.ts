import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDryRun, sendWrite } from '../../helpers/dryRun';
import { parameterKey } from '../../helpers/serialKey';
import { validateItem } from '../../helpers/validate';
import { digitsOf } from '../../schemas/common';
import { customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { cardLinkingFields, readRegistrationExpiration } from './cardLinking';
import { customerReference, externalId as externalIdField, linkReferences } from '../../fields/customer';
import { ownLabel } from '../../fields/field';
import { findOneCustomer, KEEP_LINKING_OPEN, readLinkReferences } from './customer.helpers';
import type { CustomerChanges } from './customer.merge';
import { updateIfChanged } from './customer.merge';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/createOrUpdate.json';

// CRM-to-loyalty sync in one step: match on External ID, create when absent, merge-update when
// present, and send nothing when nothing would change.

const OPERATION = 'createOrUpdate';
const show = showFor('customer', OPERATION);

export const description: INodeProperties[] = [
	externalIdField.property(show, {
		required: true,
		placeholder: 'e.g. crm-1001',
		description: 'Your own unique ID for the customer (e.g. the CRM contact ID). The customer with this ID is updated, or created when CCV has none.',
	}),
	customerReference.property(show),
	...cardLinkingFields('customer', [OPERATION], {
		name: 'Leave Unchanged (New Customers: Keep Open)',
		description: 'Existing customers keep what CCV has; new customers get Keep Linking Open',
	}),
	linkReferences.property(show, {
		description:
			'Values that identify the customer when a card is linked in the shop, e.g. a loyalty card barcode, separated by commas. An expression may give one value, a comma-separated text or a list. A reference that holds a comma: give a list from an expression, e.g. {{ ["49,LF", "LOY-1"] }}; list entries are never split.',
	}),
	optionsCollection('customer', OPERATION, [
		dryRunOption,
		{
			displayName: 'Link References Mode',
			name: 'linkReferencesMode',
			type: 'options',
			options: [
				{ name: 'Add to Existing', value: 'add', description: 'Keep the references the customer has and add the new ones: a sync never unlinks a card the shop linked in-store' },
				{ name: 'Replace', value: 'replace', description: 'The customer ends up with exactly the references given here' },
			],
			default: 'add',
			description: 'What happens to link references the customer already has',
		},
	]),
];

export function serialKey(this: IExecuteFunctions, i: number): string | undefined {
	return parameterKey(this, i, 'customer', 'externalId');
}

interface Prepared extends PreparedItem {
	externalId: string;
	changes: CustomerChanges;
	given: string[];
	createBody: IDataObject;
	mode: 'add' | 'replace';
	dryRun: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	const externalId = validateItem(this, externalIdField.rule, digitsOf(this.getNodeParameter(externalIdField.name, i)), i, ownLabel(externalIdField));
	const { linkReferencesMode = 'add' } = this.getNodeParameter('options', i, {}) as { linkReferencesMode?: 'add' | 'replace' };
	const dryRun = readDryRun(this, i);
	const given = readLinkReferences(this, i, this.getNodeParameter('linkReferences', i, ''));
	const registrationExpiration = readRegistrationExpiration(this, i, true);
	// The user's input, checked before anything is read; it is also the body if the customer is new.
	const createBody = validateItem(
		this,
		customerWrite,
		{
			customerReference: digitsOf(this.getNodeParameter('customerReference', i)),
			externalId,
			registrationExpiration: registrationExpiration ?? KEEP_LINKING_OPEN,
			linkReferences: given,
		},
		i,
		customerLabels,
	) as IDataObject;
	const changes: CustomerChanges = {
		customerReference: createBody.customerReference as string,
		externalId,
		registrationExpiration,
	};
	return { externalId, changes, given, createBody, mode: linkReferencesMode === 'replace' ? 'replace' : 'add', dryRun };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject> {
	const { externalId, changes, given, createBody, mode, dryRun } = prepared ?? prepare.call(this, i);
	const existing = await findOneCustomer(this, client, { mode: 'externalId', value: externalId }, i);

	if (!existing) {
		// Every row carries changes (n8n's table shows a missing column as "undefined"): a new customer's are all its fields.
		const created = Object.fromEntries(Object.entries(createBody).map(([field, to]) => [field, { from: null, to }]));
		const result = await sendWrite<IDataObject>(client, { method: 'POST', path: '/api/v1/customer', body: createBody }, i, dryRun);
		if (!result.sent) return { action: 'created', changes: created, ...result.dryRun };
		return { action: 'created', changes: created, customer: result.response.body };
	}

	const current = Array.isArray(existing.linkReferences) ? existing.linkReferences : [];
	const linkReferences = mode === 'replace' ? given : [...current, ...given.filter((r) => !current.includes(r))];
	return await updateIfChanged(this, client, existing, { ...changes, linkReferences }, i, dryRun);
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation overwrites or clears what CCV holds. */
export const guard = { kind: 'erase', action: 'create or update a customer' } as const;
