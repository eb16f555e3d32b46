import { z } from 'zod/v4';

import { ccvId, epochMs, optionalText, text } from './common';

export const MAX_LINK_REFERENCES = 25;

export const customerLocator = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('id'), value: ccvId }),
	z.object({ mode: z.literal('externalId'), value: text(64) }),
]);

export const linkReferences = z
	.array(text(64))
	.max(MAX_LINK_REFERENCES, {
		error: (issue) =>
			`can hold at most ${MAX_LINK_REFERENCES} link references (this would make ${(issue.input as unknown[]).length})`,
	})
	.refine((list) => new Set(list).size === list.length, { error: 'must not contain the same reference twice' });

/** The full customer CCV expects on add and on PUT (PUT replaces everything). */
export const customerWrite = z.object({
	customerReference: text(64),
	externalId: optionalText(64).nullable(),
	registrationExpiration: epochMs,
	linkReferences: linkReferences.nullable().optional(),
});

export const customerLabels = {
	customer: 'Customer',
	value: 'Customer',
	customerReference: 'Customer Reference',
	externalId: 'External ID',
	registrationExpiration: 'Card Linking Until',
	linkReferences: 'Link References',
	cardId: 'Card ID',
};
