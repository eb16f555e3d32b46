import type { INodeProperties } from 'n8n-workflow';

import { UUID_PATTERN, showFor } from '../common.descriptions';

export function cardIdField(operation: string): INodeProperties {
	return {
		displayName: 'Card ID',
		name: 'cardId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 9bfb4cc4-6555-11eb-ae93-0242ac130002',
		description: 'The ID CCV gave the linked payment card (from Card > Get Many)',
		displayOptions: showFor('card', operation),
		typeOptions: { validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'A card ID looks like 9bfb4cc4-6555-11eb-ae93-0242ac130002' } }] },
	} as INodeProperties;
}
