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

/**
 * JSON from a JSON field (text) or from an expression (already an object). Left empty,
 * `{}` or `[]`: undefined, so nothing is sent.
 */
export function jsonValue(accepts: 'object' | 'objectOrList') {
	return z.unknown().transform((value, ctx) => {
		let parsed = value;
		if (typeof value === 'string') {
			if (value.trim() === '') return undefined;
			try {
				parsed = JSON.parse(value);
			} catch (error) {
				ctx.addIssue({ code: 'custom', message: `is not valid JSON (${(error as Error).message})` });
				return z.NEVER;
			}
		}
		if (parsed === undefined || parsed === null) return undefined;
		const isList = Array.isArray(parsed);
		if (typeof parsed !== 'object' || (isList && accepts === 'object')) {
			ctx.addIssue({ code: 'custom', message: accepts === 'object' ? 'must be a JSON object ({...})' : 'must be a JSON object or list' });
			return z.NEVER;
		}
		if (Object.keys(parsed as object).length === 0) return undefined;
		return parsed as Record<string, unknown> | unknown[];
	});
}
