import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDryRun } from '../../helpers/dryRun';
import { failItem } from '../../helpers/validate';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { customerLocator, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { linkReferencesField } from './customer.descriptions';
import type { CustomerRef } from './customer.helpers';
import { findOneCustomer, notFoundError, readCustomerRef, readLinkReferences } from './customer.helpers';
import { updateIfChanged } from './customer.merge';

// Add and Remove Link References: read the customer, change its list, write the whole customer back.

export function linkReferenceDescription(operation: string, verb: 'add' | 'remove'): INodeProperties[] {
	return [
		customerLocator('customer', operation),
		linkReferencesField({
			required: true,
			description:
				verb === 'add'
					? 'Link references to add to the customer\'s list, separated by commas; ones it already has are left as they are. An expression may give one value, a comma-separated text or a list.'
					: 'Link references to take off the customer\'s list, separated by commas; ones it does not have are ignored. An expression may give one value, a comma-separated text or a list.',
			displayOptions: showFor('customer', operation),
		}),
		optionsCollection('customer', operation, [dryRunOption]),
	];
}

export interface LinkReferencesPrepared extends PreparedItem {
	ref: CustomerRef;
	given: string[];
	dryRun: boolean;
}

export function prepareLinkReferences(ctx: IExecuteFunctions, i: number): LinkReferencesPrepared {
	const ref = readCustomerRef(ctx, i);
	const given = readLinkReferences(ctx, i, ctx.getNodeParameter('linkReferences', i, ''));
	if (given.length === 0) failItem(ctx, i, '"Link References" is required: give at least one');
	return { ref, given, dryRun: readDryRun(ctx, i) };
}

export async function changeLinkReferences(
	ctx: IExecuteFunctions,
	i: number,
	client: CcvClient,
	verb: 'add' | 'remove',
	prepared: LinkReferencesPrepared,
): Promise<IDataObject> {
	const { ref, given, dryRun } = prepared;
	const existing = await findOneCustomer(ctx, client, ref, i);
	if (!existing) notFoundError(ctx, i, ref);
	const current = Array.isArray(existing.linkReferences) ? existing.linkReferences : [];
	const next =
		verb === 'add'
			? [...current, ...given.filter((r) => !current.includes(r))]
			: current.filter((r) => !given.includes(r));
	return await updateIfChanged(ctx, client, existing, { linkReferences: next }, i, dryRun);
}
