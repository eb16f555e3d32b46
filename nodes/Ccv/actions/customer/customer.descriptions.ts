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
