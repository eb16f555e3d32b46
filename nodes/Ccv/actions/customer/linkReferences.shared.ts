import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateItem } from '../../helpers/validate';
import { customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import { customerLocator, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { findOneCustomer, notFoundError, readCustomerRef, toLinkReferences } from './customer.helpers';
import { updateIfChanged } from './customer.merge';

// Add and Remove Link References: read the customer, change its list, write the whole customer back.

export function linkReferenceDescription(operation: string, verb: 'add' | 'remove'): INodeProperties[] {
	return [
		customerLocator('customer', operation),
		{
			displayName: 'Link References',
			name: 'linkReferences',
			type: 'string',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Link Reference' },
			required: true,
			default: [],
			description:
				verb === 'add'
					? 'Link references to add to the customer\'s list; ones it already has are left as they are. An expression may give a list or a comma-separated text.'
					: 'Link references to take off the customer\'s list; ones it does not have are ignored. An expression may give a list or a comma-separated text.',
			displayOptions: showFor('customer', operation),
		},
		optionsCollection('customer', operation, [dryRunOption]),
	];
}

export async function changeLinkReferences(
	ctx: IExecuteFunctions,
	i: number,
	client: CcvClient,
	verb: 'add' | 'remove',
): Promise<IDataObject> {
	const ref = readCustomerRef(ctx, i);
	const given = toLinkReferences(ctx.getNodeParameter('linkReferences', i, []));
	validateItem(ctx, customerWrite.shape.linkReferences, given, i, customerLabels);
	const { dryRun = false } = ctx.getNodeParameter('options', i, {}) as { dryRun?: boolean };

	const existing = await findOneCustomer(ctx, client, ref, i);
	if (!existing) notFoundError(ctx, i, ref);
	const current = existing.linkReferences ?? [];
	const next =
		verb === 'add'
			? [...current, ...given.filter((r) => !current.includes(r))]
			: current.filter((r) => !given.includes(r));
	return await updateIfChanged(ctx, client, existing, { linkReferences: next }, i, dryRun);
}
