import { z } from 'zod/v4';

import { epochMs, text } from '../schemas/common';
import { field } from './field';

// The customer's own fields (seed 000): each declared once, with its limit, rule and label.

export const MAX_LINK_REFERENCES = 25;
const LINK_REFERENCE_MAX = 64;

/**
 * The merchant's external ID: text with no character rule (seed 000:682), so "ACME/123", "123;4" or
 * "a%20b" are fine: a path carries it percent-encoded as one segment. Only "." and ".." (also once
 * decoded, e.g. "%2e") are refused: servers resolve them, whatever the encoding.
 */
function externalIdRule(max: number) {
	return text(max).superRefine((value, ctx) => {
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
}

function linkReferencesRule(max: number) {
	return z
		.array(text(LINK_REFERENCE_MAX))
		.max(max, { error: (issue) => `can hold at most ${max} link references (this would make ${(issue.input as unknown[]).length})` })
		.superRefine((list, ctx) => {
			const twice = list.find((value, index) => list.indexOf(value) !== index);
			if (twice !== undefined) ctx.addIssue({ code: 'custom', message: `has "${twice}" twice: each link reference can be given once` });
		});
}

export const customerReference = field({
	name: 'customerReference',
	displayName: 'Customer Reference',
	description: 'The reference CCV reports for this customer\'s linked payment cards, e.g. a loyalty account number',
	max: 64,
	rule: text,
	property: { required: true, placeholder: 'e.g. loyalty account number' },
});

export const externalId = field({
	name: 'externalId',
	displayName: 'External ID',
	description: 'Your own unique ID for the customer, e.g. the CRM contact ID',
	max: 64,
	rule: externalIdRule,
});

/**
 * Link References as one text field: comma-separated values, or an expression giving one value, a
 * comma-separated text or a list. (A list-of-strings field would split an expression into single
 * characters in the editor.) Each operation words its own description.
 */
export const linkReferences = field({
	name: 'linkReferences',
	displayName: 'Link References',
	description: () =>
		`Values that identify the customer when a payment card is linked in the shop, e.g. a loyalty card barcode (at most ${MAX_LINK_REFERENCES}, each at most ${LINK_REFERENCE_MAX} characters, unique across your customers), separated by commas. An expression may give one value, a comma-separated text or a list. A reference that holds a comma: give a list from an expression, e.g. {{ ["49,LF", "LOY-1"] }}; list entries are never split.`,
	max: MAX_LINK_REFERENCES,
	unit: 'link references',
	rule: linkReferencesRule,
	property: { placeholder: 'e.g. 2900000010012, LOY-1001', hint: 'Separate several with commas, or map a list' },
});

/** CCV's registrationExpiration, set through Card Linking; "Open Until a Date" asks for this date. */
export const linkingUntil = field({
	name: 'linkingUntil',
	displayName: 'Card Linking Until',
	description: 'Date and time after which no new cards are linked. Accepts a date, an ISO date text, or milliseconds since 1970 from an expression.',
	rule: epochMs,
	property: { type: 'dateTime', required: true },
});
