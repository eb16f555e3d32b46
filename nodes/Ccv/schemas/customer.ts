import { z } from 'zod/v4';

import { epochMs, text } from './common';

export const MAX_LINK_REFERENCES = 25;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** CCV's customer ID: a UUID (seed 000). Nothing else can be in its place in a path. */
export const customerId = z
	.string({ error: 'is required' })
	.trim()
	.min(1, { error: 'is required' })
	.regex(UUID, { error: 'must be a UUID such as 632785d0-e01b-466d-8048-f5539665444d (the ID CCV gave the customer)' });

/**
 * The merchant's external ID: text of at most 64 characters with no character rule (seed 000:682), so
 * "ACME/123", "123;4" or "a%20b" are fine: a path carries it percent-encoded as one segment. Only "."
 * and ".." (also once decoded, e.g. "%2e") are refused: servers resolve them, whatever the encoding.
 */
export const externalId = text(64).superRefine((value, ctx) => {
	const why = 'it would change which address at CCV is called';
	if (/^\.{1,2}$/.test(value)) {
		ctx.addIssue({ code: 'custom', message: `cannot be "${value}": ${why}` });
		return;
	}
	let decoded = value;
	try {
		decoded = decodeURIComponent(value);
	} catch {
		// Not percent-encoded text: it goes as it is.
	}
	if (/^\.{1,2}$/.test(decoded)) ctx.addIssue({ code: 'custom', message: `cannot be "${value}" (it stands for "${decoded}"): ${why}` });
});

/** A customer named in the Customer field: by CCV ID or by External ID ("id" is the mode's name in workflows saved before 0.x). */
export const customerLocator = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('ccvId'), value: customerId }),
	z.object({ mode: z.literal('externalId'), value: externalId }),
]);

/** One link reference: text of at most 64 characters without control characters. */
export const linkReference = text(64);

export const linkReferences = z
	.array(linkReference)
	.max(MAX_LINK_REFERENCES, {
		error: (issue) =>
			`can hold at most ${MAX_LINK_REFERENCES} link references (this would make ${(issue.input as unknown[]).length})`,
	})
	.superRefine((list, ctx) => {
		const twice = list.find((value, index) => list.indexOf(value) !== index);
		if (twice !== undefined) ctx.addIssue({ code: 'custom', message: `has "${twice}" twice: each link reference can be given once` });
	});

/** The full customer the user gives on Create (and on Update with Replace Entire Customer). */
export const customerWrite = z.object({
	customerReference: text(64),
	externalId: externalId.nullable().optional(),
	registrationExpiration: epochMs,
	linkReferences: linkReferences.nullable().optional(),
});

/** The user's own fields on a merge write; anything left out keeps what CCV has. */
export const customerChanges = z.object({
	customerReference: text(64).optional(),
	externalId: externalId.optional(),
	registrationExpiration: epochMs.optional(),
	linkReferences: linkReferences.optional(),
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
