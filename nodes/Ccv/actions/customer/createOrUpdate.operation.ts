import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { parameterKey } from '../../helpers/serialKey';
import { validateItem } from '../../helpers/validate';
import { text } from '../../schemas/common';
import { customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import { dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { cardLinkingFields, readRegistrationExpiration } from './cardLinking';
import { customerReferenceField } from './customer.descriptions';
import { findOneCustomer, KEEP_LINKING_OPEN, toLinkReferences } from './customer.helpers';
import type { CustomerChanges } from './customer.merge';
import { updateIfChanged } from './customer.merge';

// CRM-to-loyalty sync in one step: match on External ID, create when absent, merge-update when
// present, and send nothing when nothing would change.

const OPERATION = 'createOrUpdate';
const show = showFor('customer', OPERATION);

export const description: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. crm-1001',
		description: 'Your own unique ID for the customer (e.g. the CRM contact ID). The customer with this ID is updated, or created when CCV has none.',
		displayOptions: show,
	},
	customerReferenceField(OPERATION),
	...cardLinkingFields('customer', [OPERATION], {
		name: 'Leave Unchanged (New Customers: Keep Open)',
		description: 'Existing customers keep what CCV has; new customers get Keep Linking Open',
	}),
	{
		displayName: 'Link References',
		name: 'linkReferences',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Link Reference' },
		default: [],
		description: 'Values that identify the customer when a card is linked in the shop, e.g. a loyalty card barcode. An expression may give a list or a comma-separated text.',
		displayOptions: show,
	},
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

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const externalId = validateItem(this, text(64), this.getNodeParameter('externalId', i), i, { '': 'External ID' });
	const { dryRun = false, linkReferencesMode = 'add' } = this.getNodeParameter('options', i, {}) as {
		dryRun?: boolean;
		linkReferencesMode?: 'add' | 'replace';
	};
	const given = toLinkReferences(this.getNodeParameter('linkReferences', i, []));
	const changes: CustomerChanges = {
		customerReference: this.getNodeParameter('customerReference', i) as string,
		externalId,
		registrationExpiration: readRegistrationExpiration(this, i),
	};
	// Check the user's input before reading anything; it is also the body if the customer is new.
	const createBody = validateItem(
		this,
		customerWrite,
		{ ...changes, registrationExpiration: changes.registrationExpiration ?? KEEP_LINKING_OPEN, linkReferences: given },
		i,
		customerLabels,
	) as IDataObject;

	const ref = { mode: 'externalId' as const, value: externalId };
	const existing = await findOneCustomer(this, client, ref, i);

	if (!existing) {
		const result = await sendWrite<IDataObject>(client, { method: 'POST', path: '/api/v1/customer', body: createBody }, i, dryRun);
		if (!result.sent) return { action: 'created', ...result.dryRun };
		return { action: 'created', customer: result.response.body };
	}

	const current = existing.linkReferences ?? [];
	changes.linkReferences =
		linkReferencesMode === 'replace' ? given : [...current, ...given.filter((r) => !current.includes(r))];
	return await updateIfChanged(this, client, existing, changes, i, dryRun);
}
