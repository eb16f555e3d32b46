import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';

export function customerReferenceField(operation: string): INodeProperties {
	return {
		displayName: 'Customer Reference',
		name: 'customerReference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. loyalty account number',
		description: 'The reference CCV reports for this customer\'s linked payment cards, e.g. a loyalty account number (at most 64 characters)',
		displayOptions: showFor('customer', operation),
	};
}

/**
 * Link References as one text field: comma-separated values, or an expression giving one value, a
 * comma-separated text or a list. (A list-of-strings field would split an expression into single
 * characters in the editor.)
 */
export function linkReferencesField(extra: Partial<INodeProperties> & { description: string }): INodeProperties {
	return {
		displayName: 'Link References',
		name: 'linkReferences',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2900000010012, LOY-1001',
		hint: 'Separate several with commas, or map a list',
		...extra,
	};
}
