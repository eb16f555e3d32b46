import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customerReference, externalId, linkReferences } from '../../fields/customer';
import { labelsOf } from '../../fields/field';
import { readDryRun, sendWrite } from '../../helpers/dryRun';
import { itemLabel } from '../../helpers/itemLabel';
import { failItem, validateItem } from '../../helpers/validate';
import { digitsOf } from '../../schemas/common';
import { customerChanges, customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { customerLocator, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { cardLinkingFields, readRegistrationExpiration } from './cardLinking';
import type { CustomerRef } from './customer.helpers';
import { customerPath, findOneCustomer, notFoundError, readCustomerRef, readLinkReferences, refOutput } from './customer.helpers';
import type { CustomerChanges } from './customer.merge';
import { customerAfter, mergeCustomer, putMerged, writtenChanges } from './customer.merge';

/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/customer/update.json';

const show = showFor('customer', 'update');

// Named as the new values: the Customer field is the lookup.
const newFields = {
	customerReference: customerReference.as({ displayName: 'New Customer Reference', description: 'The customer reference the customer gets', property: {} }),
	externalId: externalId.as({
		displayName: 'New External ID',
		description: (limit) => `The external ID the customer gets (${limit}, unique). To find the customer, use the Customer field above.`,
	}),
	linkReferences: linkReferences.as({
		displayName: 'New Link References',
		description: () =>
			'The whole new list of link references, separated by commas (it replaces the customer\'s list). To add or remove single ones, use the Add/Remove Link References operations. A reference that holds a comma: give a list from an expression, e.g. {{ ["49,LF", "LOY-1"] }}; list entries are never split.',
		property: { placeholder: 'e.g. 2900000010012, LOY-1001' },
	}),
};

export const description: INodeProperties[] = [
	customerLocator('customer', 'update'),
	...cardLinkingFields('customer', ['update'], { name: 'Leave Unchanged', description: 'Keep what CCV has now' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [newFields.customerReference.property(), newFields.externalId.property(), newFields.linkReferences.property()],
	},
	{
		displayName: 'Fields Not Set Here',
		name: 'updateMode',
		type: 'options',
		default: 'merge',
		displayOptions: show,
		options: [
			{
				name: 'Keep What CCV Has (Recommended)',
				value: 'merge',
				description: 'Only the fields you set change; the node reads the customer first and writes the rest back as it is',
			},
			{
				name: 'Clear Them (Replace Entire Customer)',
				value: 'replace',
				description: 'Send only the fields given here, as CCV\'s own update does: the external ID and link references you leave out are erased',
			},
		],
		description: 'What happens to the customer\'s fields you do not set in this node',
	},
	{
		displayName:
			'Replace Entire Customer erases at CCV every field you leave out: the external ID and all link references (customers then cannot be found by External ID, and shop card linking stops recognising them).',
		name: 'replaceWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show.show, updateMode: ['replace'] } },
	},
	optionsCollection('customer', 'update', [dryRunOption]),
];

interface Prepared extends PreparedItem {
	ref: CustomerRef;
	changes: CustomerChanges;
	replace: boolean;
	dryRun: boolean;
}

function readChanges(ctx: IExecuteFunctions, i: number): CustomerChanges {
	const fields = ctx.getNodeParameter('updateFields', i, {}) as IDataObject;
	const changes: CustomerChanges = { registrationExpiration: readRegistrationExpiration(ctx, i, true) };
	const given = (value: unknown) => value !== undefined && value !== null && value !== '';
	if (given(fields.customerReference)) changes.customerReference = digitsOf(fields.customerReference) as string;
	if (given(fields.externalId)) changes.externalId = digitsOf(fields.externalId) as string;
	if (fields.linkReferences !== undefined) {
		const list = readLinkReferences(ctx, i, fields.linkReferences, newFields.linkReferences.label);
		// An empty field must not silently wipe the list: clearing is a choice made elsewhere.
		if (list.length === 0) {
			failItem(
				ctx,
				i,
				`"${newFields.linkReferences.label}" is empty`,
				'Remove the field to keep the customer\'s link references, or use Remove Link References to take them off. Nothing was sent.',
			);
		}
		changes.linkReferences = list;
	}
	return validateItem(ctx, customerChanges, changes, i, { ...customerLabels, ...labelsOf(newFields) }) as CustomerChanges;
}

export function prepare(this: IExecuteFunctions, i: number): Prepared {
	const ref = readCustomerRef(this, i);
	const dryRun = readDryRun(this, i);
	// Before "Fields Not Set Here", Replace Entire Customer was Options > replace. n8n drops an option the
	// node no longer has, so such workflows now keep what CCV has: the direction that never erases data.
	const replace = this.getNodeParameter('updateMode', i, 'merge') === 'replace';
	const changes = readChanges(this, i);
	if (replace) {
		// Seed 000:824: required on the update by CCV ID; 000:1095: optional on the update by External ID.
		if (changes.registrationExpiration === undefined && ref.mode === 'ccvId') {
			failItem(
				this,
				i,
				'"Card Linking" must be set when replacing the entire customer by CCV ID',
				'CCV\'s update by CCV ID requires a registration expiration (by External ID it is optional). Nothing was sent.',
			);
		}
		const schema = ref.mode === 'ccvId' ? customerWrite : customerWrite.extend({ registrationExpiration: customerWrite.shape.registrationExpiration.optional() });
		validateItem(this, schema, { externalId: null, ...changes }, i, { ...customerLabels, customerReference: newFields.customerReference.label });
	}
	return { ref, changes, replace, dryRun };
}

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: Prepared): Promise<IDataObject> {
	const { ref, changes, replace, dryRun } = prepared ?? prepare.call(this, i);

	if (replace) {
		const body = { externalId: null, ...changes } as IDataObject;
		const result = await sendWrite(client, { method: 'PUT', path: customerPath(ref), body }, i, dryRun);
		if (!result.sent) return { action: 'update', ...refOutput(ref), ...result.dryRun };
		return { ...refOutput(ref), ...body };
	}

	const existing = await findOneCustomer(this, client, ref, i);
	if (!existing) notFoundError(this, i, ref);
	const merged = mergeCustomer(existing, changes);
	const { body, result } = await putMerged(this, client, existing, merged, i, dryRun);
	// Update outputs the customer itself: a field written differently than CCV held it is said here.
	for (const carried of Object.values(merged.carried ?? {})) {
		if (carried.note) this.addExecutionHints({ message: `${itemLabel(i)}: ${carried.note}.`, location: 'outputPane' });
	}
	if (!result.sent) return { action: 'update', changes: writtenChanges(merged), customer: existing, ...result.dryRun };
	return customerAfter(existing, body);
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation overwrites or clears what CCV holds. */
export const guard = { kind: 'erase', action: 'update a customer' } as const;
