import { z } from 'zod/v4';

import { checkAmount } from '../helpers/money';

// Shared field rules. Messages complete a sentence that starts with the field's name:
// "Customer Reference" must be at most 64 characters.

export const ccvId = z
	.string({ error: 'is required' })
	.trim()
	.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
		error: 'must be a CCV ID: a UUID such as 3f2b8c1e-2a4d-4c5e-9f10-1a2b3c4d5e6f',
	});

export function text(max: number) {
	return z
		.string({ error: 'must be text' })
		.trim()
		.min(1, { error: 'is required' })
		.max(max, { error: (issue) => `must be at most ${max} characters (it has ${String(issue.input ?? '').length})` });
}

export function optionalText(max: number) {
	return z
		.string({ error: 'must be text' })
		.trim()
		.max(max, { error: (issue) => `must be at most ${max} characters (it has ${String(issue.input ?? '').length})` })
		.optional();
}

/** A money amount as an exact decimal string (never a float). */
export const amount = z.unknown().transform((value, ctx) => {
	const check = checkAmount(value);
	if (!check.ok) {
		ctx.addIssue({ code: 'custom', message: check.reason });
		return z.NEVER;
	}
	return check.value;
});

export const epochMs = z
	.number({ error: 'must be a date or a number of milliseconds since 1970' })
	.int({ error: 'must be a whole number of milliseconds' })
	.min(0, { error: 'cannot be negative' });

export const httpUrl = z
	.string()
	.trim()
	.max(2000, { error: 'must be at most 2000 characters' })
	.regex(/^https?:\/\/\S+$/i, { error: 'must be a web address starting with https://' });
