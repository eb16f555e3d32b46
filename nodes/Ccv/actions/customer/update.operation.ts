import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { failItem, validateItem } from '../../helpers/validate';
import { customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import { customerLocator, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { cardLinkingFields, readRegistrationExpiration } from './cardLinking';
import { customerPath, findOneCustomer, notFoundError, readCustomerRef, refOutput, toLinkReferences } from './customer.helpers';
import type { CustomerChanges } from './customer.merge';
import { customerAfter, mergeCustomer, putMerged } from './customer.merge';

export const description: INodeProperties[] = [
	customerLocator('customer', 'update'),
	...cardLinkingFields('customer', ['update'], { name: 'Leave Unchanged', description: 'Keep what CCV has now' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor('customer', 'update'),
		options: [
			{
				displayName: 'Customer Reference',
				name: 'customerReference',
				type: 'string',
				default: '',
				description: 'New customer reference (at most 64 characters)',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'New external ID (at most 64 characters, unique)',
			},
			{
				displayName: 'Link References',
				name: 'linkReferences',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Link Reference' },
				default: [],
				description:
					'Replaces the customer\'s whole list of link references. To add or remove single ones, use the Add/Remove Link References operations.',
			},
		],
	},
	optionsCollection('customer', 'update', [
		dryRunOption,
		{
			displayName: 'Replace Entire Customer',
			name: 'replace',
			type: 'boolean',
			default: false,
			description:
				'Whether to send exactly the fields given here, as CCV\'s update does: every field you leave out is cleared at CCV (external ID, link references). Off (recommended): only the fields you set change.',
		},
	]),
];

function readChanges(ctx: IExecuteFunctions, i: number): CustomerChanges {
	const fields = ctx.getNodeParameter('updateFields', i, {}) as IDataObject;
	const changes: CustomerChanges = { registrationExpiration: readRegistrationExpiration(ctx, i) };
	if (fields.customerReference !== undefined && fields.customerReference !== '') {
		changes.customerReference = String(fields.customerReference);
	}
	if (fields.externalId !== undefined && fields.externalId !== '') changes.externalId = String(fields.externalId);
	if (fields.linkReferences !== undefined) changes.linkReferences = toLinkReferences(fields.linkReferences);
	return changes;
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject> {
	const ref = readCustomerRef(this, i);
	const { dryRun = false, replace = false } = this.getNodeParameter('options', i, {}) as {
		dryRun?: boolean;
		replace?: boolean;
	};
	const changes = readChanges(this, i);

	if (replace) {
		if (changes.registrationExpiration === undefined) {
			failItem(this, i, '"Card Linking" must be set when "Replace Entire Customer" is on', 'CCV requires it on every update. Nothing was sent.');
		}
		const body = validateItem(this, customerWrite, { externalId: null, ...changes }, i, customerLabels) as IDataObject;
		const result = await sendWrite(client, { method: 'PUT', path: customerPath(ref), body }, i, dryRun);
		if (!result.sent) return { action: 'update', ...refOutput(ref), ...result.dryRun };
		return { ...refOutput(ref), ...body };
	}

	const existing = await findOneCustomer(this, client, ref, i);
	if (!existing) notFoundError(this, i, ref);
	const merged = mergeCustomer(existing, changes);
	const { body, result } = await putMerged(this, client, existing, merged, i, dryRun);
	if (!result.sent) return { action: 'update', changes: merged.changes, customer: existing, ...result.dryRun };
	return customerAfter(existing, body);
}
