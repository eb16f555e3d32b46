// Amounts: accepted as JSON numbers or decimal strings with at most 2 decimals and 12 digits in
// total (CCV's refund rule, applied to every amount); held as integer cents, never as floats.

export type AmountResult = { cents: number } | { error: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export function parseAmount(value: unknown, opts: { allowZero?: boolean } = {}): AmountResult {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { error: 'An amount is required' };
		text = String(value);
	} else if (typeof value === 'string') {
		text = value;
	} else {
		return { error: 'An amount is required' };
	}
	if (text.startsWith('-')) return { error: 'must be greater than 0' };
	const match = DECIMAL.exec(text);
	if (!match) {
		// Numbers such as 1e-7 print in exponent form: their scale is what is wrong.
		if (/e-/i.test(text)) return { error: `'${text}' has a scale larger than 2` };
		return { error: `'${text}' is not a valid amount` };
	}
	const [, whole, fraction = ''] = match;
	if (fraction.length > 2) return { error: `'${text}' has a scale larger than 2` };
	const intDigits = whole.replace(/^0+(?=\d)/, '');
	if (intDigits.length + fraction.length > 12) {
		return { error: `'${text}' has more than 12 digits` };
	}
	const cents = Number(intDigits) * 100 + Number(fraction.padEnd(2, '0'));
	if (cents === 0 && !opts.allowZero) return { error: 'must be greater than 0' };
	return { cents };
}

/** Cents as the JSON number CCV answers with (e.g. 31635 -> 316.35). */
export function toAmount(cents: number): number {
	return cents / 100;
}
