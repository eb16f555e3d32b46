// Dates as n8n users have them (Luxon DateTime, Date, ISO text, epoch ms) into CCV's epoch milliseconds.

/** A date in any form n8n users have at hand, as epoch milliseconds. */
export function toEpochMs(value: unknown): { ok: true; ms: number } | { ok: false; reason: string } {
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return checkMs((value as { toMillis: () => number }).toMillis());
	}
	if (value instanceof Date) return checkMs(value.getTime());
	if (typeof value === 'number') return checkMs(value);
	const text = String(value ?? '').trim();
	if (text === '') return { ok: false, reason: 'is required when Card Linking is "Open Until a Date"' };
	if (/^\d+$/.test(text)) return checkMs(Number(text));
	const parsed = Date.parse(text);
	if (Number.isNaN(parsed)) return { ok: false, reason: `"${text}" is not a date` };
	return checkMs(parsed);
}

function checkMs(ms: number): { ok: true; ms: number } | { ok: false; reason: string } {
	if (!Number.isSafeInteger(ms) || ms < 0) return { ok: false, reason: `${ms} is not a valid point in time` };
	if (ms > 0 && ms < 100_000_000_000) {
		return {
			ok: false,
			reason: `${ms} looks like seconds since 1970; CCV expects milliseconds (${ms * 1000})`,
		};
	}
	return { ok: true, ms };
}
