import { z } from 'zod/v4';

import { cardId } from '../fields/card';
import * as fields from '../fields/customer';
import { labelsOf } from '../fields/field';

export { MAX_LINK_REFERENCES } from '../fields/customer';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** CCV's customer ID: a UUID (seed 000). Nothing else can be in its place in a path. */
export const customerId = z
	.string({ error: 'is required' })
	.trim()
	.min(1, { error: 'is required' })
	.regex(UUID, { error: 'must be a UUID such as 632785d0-e01b-466d-8048-f5539665444d (the ID CCV gave the customer)' });

/** The merchant's external ID (fields/customer.ts). */
export const externalId = fields.externalId.rule;

/** A customer named in the Customer field: by CCV ID or by External ID ("id" is the mode's name in workflows saved before 0.x). */
export const customerLocator = z.discriminatedUnion('mode', [
	z.object({ mode: z.literal('ccvId'), value: customerId }),
	z.object({ mode: z.literal('externalId'), value: externalId }),
]);

export const linkReferences = fields.linkReferences.rule;

/** The full customer the user gives on Create (and on Update with Replace Entire Customer). */
export const customerWrite = z.object({
	customerReference: fields.customerReference.rule,
	externalId: externalId.nullable().optional(),
	registrationExpiration: fields.linkingUntil.rule,
	linkReferences: linkReferences.nullable().optional(),
});

/** The user's own fields on a merge write; anything left out keeps what CCV has. */
export const customerChanges = z.object({
	customerReference: fields.customerReference.rule.optional(),
	externalId: externalId.optional(),
	registrationExpiration: fields.linkingUntil.rule.optional(),
	linkReferences: linkReferences.optional(),
});

/** Error labels by key: the fields' own, and the Customer locator's. */
export const customerLabels = {
	customer: 'Customer',
	value: 'Customer',
	...labelsOf({
		customerReference: fields.customerReference,
		externalId: fields.externalId,
		registrationExpiration: fields.linkingUntil,
		linkReferences: fields.linkReferences,
		cardId,
	}),
};
