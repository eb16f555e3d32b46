// Dates as n8n users have them (Luxon DateTime, Date, ISO text, epoch ms) into CCV's epoch milliseconds.

/**
 * The only date texts accepted: ISO 8601 with a 4-digit year (what n8n's date picker and $now.toISO()
 * give). Free text such as "March 7" is refused: JavaScript would quietly read it as 2001-03-07, and
 * "03/07/2030" means March or July depending on the country.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export type EpochResult = { ok: true; ms: number } | { ok: false; reason: string };

/** A date in any form n8n users have at hand, as epoch milliseconds. */
export function toEpochMs(value: unknown): EpochResult {
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return checkMs((value as { toMillis: () => number }).toMillis());
	}
	if (value instanceof Date) return checkMs(value.getTime());
	if (typeof value === 'number') return checkMs(value);
	if (value !== undefined && value !== null && typeof value !== 'string') {
		return { ok: false, reason: 'must be a date, an ISO date text such as 2030-03-07, or milliseconds since 1970' };
	}
	const text = (value ?? '').trim();
	if (text === '') return { ok: false, reason: 'is required when Card Linking is "Open Until a Date"' };
	if (/^\d+$/.test(text)) return checkMs(Number(text));
	if (!ISO_DATE.test(text)) {
		return {
			ok: false,
			reason: `"${text}" is not a date the node can read without guessing: write it as 2030-03-07 or 2030-03-07T18:00:00Z (year first)`,
		};
	}
	const parsed = Date.parse(text.replace(' ', 'T'));
	// JavaScript rolls 2030-02-30 over to March 2: a day the calendar does not have is refused instead.
	const [year, month, day] = text.slice(0, 10).split('-').map(Number);
	const calendar = new Date(Date.UTC(year, month - 1, day));
	if (Number.isNaN(parsed) || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
		return { ok: false, reason: `"${text}" is not a date in the calendar` };
	}
	return checkMs(parsed);
}

function checkMs(ms: number): EpochResult {
	if (!Number.isSafeInteger(ms) || ms < 0) return { ok: false, reason: `${ms} is not a valid point in time` };
	if (ms > 0 && ms < 100_000_000_000) {
		return {
			ok: false,
			reason: `${ms} looks like seconds since 1970; CCV expects milliseconds (${ms * 1000})`,
		};
	}
	return { ok: true, ms };
}
