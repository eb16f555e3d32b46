import { ccvId, UUID_PATTERN } from '../schemas/common';
import { field } from './field';

/** A linked payment card's ID: a UUID CCV gave it (seed 000). */
export const cardId = field({
	name: 'cardId',
	displayName: 'Card ID',
	description: 'The ID CCV gave the linked payment card (from Card > Get Many)',
	rule: ccvId,
	property: {
		required: true,
		placeholder: 'e.g. 9bfb4cc4-6555-11eb-ae93-0242ac130002',
		typeOptions: { validation: [{ type: 'regex', properties: { regex: UUID_PATTERN, errorMessage: 'A card ID looks like 9bfb4cc4-6555-11eb-ae93-0242ac130002' } }] },
	} as object,
});
