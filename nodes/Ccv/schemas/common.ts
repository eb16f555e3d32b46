import { z } from 'zod/v4';

import { checkAmount } from '../helpers/money';

// Shared field rules. Messages complete a sentence that starts with the field's name:
// "Customer Reference" must be at most 64 characters.

/** A UUID, as the editor's regex check takes it. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const ccvId = z
	.string({ error: 'is required' })
	.trim()
	.min(1, { error: 'is required' })
	.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
		error: 'must be a CCV ID: a UUID such as 3f2b8c1e-2a4d-4c5e-9f10-1a2b3c4d5e6f',
	});

/**
 * Characters as CCV counts them: UTF-16 units, as Java's String.length() (CCV's errors are Bean
 * Validation's "size must be between 1 and 64", seed 000:736). An emoji or another symbol outside the
 * basic set counts 2; letters with accents count 1. The sandbox counts the same way by default.
 */
export function charCount(value: string): number {
	return value.length;
}

/** True when the text holds a character CCV counts as 2 (an emoji and the like). */
function hasDoubleCharacters(value: string): boolean {
	return [...value].length !== value.length;
}

/** C0 and C1 control characters and DEL: line breaks, tabs and invisible codes have no place in CCV's fields. */
export function hasControlCharacter(value: string): boolean {
	for (const character of value) {
		const code = character.codePointAt(0) ?? 0;
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
	}
	return false;
}

function textRules(max: number) {
	return (value: string, ctx: z.RefinementCtx) => {
		if (hasControlCharacter(value)) {
			ctx.addIssue({ code: 'custom', message: 'must not contain control characters (line breaks, tabs or invisible codes)' });
		}
		const count = charCount(value);
		if (count > max) {
			const why = hasDoubleCharacters(value) ? ': CCV counts an emoji as 2' : '';
			ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters (it has ${count}${why})` });
		}
	};
}

export function text(max: number) {
	return z.string({ error: 'must be text' }).trim().min(1, { error: 'is required' }).superRefine(textRules(max));
}

export function optionalText(max: number) {
	return z.string({ error: 'must be text' }).trim().superRefine(textRules(max)).optional();
}

/** A whole number from an expression (a CRM ID or loyalty number read as a number) counts as its digits. */
export function digitsOf(value: unknown): unknown {
	return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
}

/**
 * Why a value cannot be a segment of a URL path at CCV, or undefined. Encoding alone is not enough:
 * "." and ".." survive encodeURIComponent and servers resolve them, and proxies may decode "%2e" or "%2F".
 */
export function pathSegmentProblem(value: string): string | undefined {
	const why = 'it would change which address at CCV is called';
	if (/^\.{1,2}$/.test(value)) return `cannot be "${value}": ${why}`;
	const separator = /[/\\?#;]/.exec(value);
	if (separator) return `cannot contain "${separator[0]}": ${why}`;
	const encoded = /%[0-9a-fA-F]{2}/.exec(value);
	if (encoded) return `cannot contain "${encoded[0]}" (a percent-encoded character): ${why}`;
	return undefined;
}

/**
 * An ID that becomes part of a URL path (external ID, mandate ID, order ID): required, at most `max`
 * characters, no path tricks, and, when given, the format CCV uses for that kind of ID.
 */
export function pathId(max: number, format?: { pattern: RegExp; message: string }) {
	return text(max).superRefine((value, ctx) => {
		const problem = pathSegmentProblem(value);
		if (problem) {
			ctx.addIssue({ code: 'custom', message: problem });
		} else if (format && value !== '' && !format.pattern.test(value)) {
			ctx.addIssue({ code: 'custom', message: format.message });
		}
	});
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

/** The most JSON text a JSON field takes: far above any real order or notification set, far below what would stall n8n. */
export const MAX_JSON_CHARS = 100_000;

/**
 * JSON from a JSON field (text) or from an expression (already an object). Left empty,
 * `{}` or `[]`: undefined, so nothing is sent.
 */
export function jsonValue(accepts: 'object' | 'objectOrList', maxChars = MAX_JSON_CHARS) {
	return z.unknown().transform((value, ctx) => {
		let parsed = value;
		const size = typeof value === 'string' ? value.length : (JSON.stringify(value ?? null)?.length ?? 0);
		if (size > maxChars) {
			ctx.addIssue({ code: 'custom', message: `is too large: ${size} characters of JSON (at most ${maxChars})` });
			return z.NEVER;
		}
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
