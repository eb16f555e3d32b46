import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { validateItem } from '../../helpers/validate';
import { customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import { additionalFieldsCollection, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { cardLinkingFields, readRegistrationExpiration } from './cardLinking';
import { customerReferenceField } from './customer.descriptions';
import { toLinkReferences } from './customer.helpers';

const show = showFor('customer', 'create');

export const description: INodeProperties[] = [
	customerReferenceField('create'),
	...cardLinkingFields('customer', ['create']),
	additionalFieldsCollection(show, [
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'Your own unique ID for the customer, e.g. the CRM contact ID (at most 64 characters)',
		},
		{
			displayName: 'Link References',
			name: 'linkReferences',
			type: 'string',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Link Reference' },
			default: [],
			description:
				'Values that identify the customer when a payment card is linked in the shop, e.g. a loyalty card barcode (at most 25, each at most 64 characters, unique across your customers). An expression may give a list or a comma-separated text.',
		},
	]),
	optionsCollection('customer', 'create', [dryRunOption]),
];

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const { dryRun = false } = this.getNodeParameter('options', i, {}) as { dryRun?: boolean };
	const linkReferences = toLinkReferences(extra.linkReferences);
	const input = {
		customerReference: this.getNodeParameter('customerReference', i),
		externalId: extra.externalId ? extra.externalId : undefined,
		registrationExpiration: readRegistrationExpiration(this, i),
		linkReferences: linkReferences.length ? linkReferences : undefined,
	};
	const body = validateItem(this, customerWrite, input, i, customerLabels) as IDataObject;
	const result = await sendWrite<IDataObject>(client, { method: 'POST', path: '/api/v1/customer', body }, i, dryRun);
	if (!result.sent) return { action: 'create', ...result.dryRun };
	return result.response.body;
}
