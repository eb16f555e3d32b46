// Amounts travel as decimal strings with exactly the digits the user gave: no floating-point
// arithmetic ever touches them. CCV allows at most 2 decimals and (for refunds) 12 digits.

export type AmountCheck = { ok: true; value: string } | { ok: false; reason: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export function checkAmount(input: unknown): AmountCheck {
	let text: string;
	if (typeof input === 'number') {
		if (!Number.isFinite(input)) return { ok: false, reason: 'must be a number' };
		text = String(input);
		if (/e/i.test(text)) return { ok: false, reason: `${text} is not a plain amount` };
	} else if (typeof input === 'string') {
		text = input.trim();
	} else {
		return { ok: false, reason: 'must be an amount such as 19.99' };
	}
	if (text === '') return { ok: false, reason: 'is empty' };
	if (/^\d+,\d{1,2}$/.test(text)) {
		return { ok: false, reason: `"${text}" uses a comma: write the decimals with a dot, e.g. ${text.replace(',', '.')}` };
	}
	const match = DECIMAL.exec(text);
	if (!match) return { ok: false, reason: `"${text}" is not an amount such as 19.99` };
	const [, whole, decimals = ''] = match;
	if (decimals.length > 2) return { ok: false, reason: `"${text}" has more than 2 decimals` };
	if (whole.replace(/^0+(?=\d)/, '').length + decimals.length > 12) {
		return { ok: false, reason: `"${text}" has more than 12 digits` };
	}
	if (/^[0.]+$/.test(text)) return { ok: false, reason: 'must be more than 0' };
	return { ok: true, value: text };
}

/** "5", "5.0" and "05.00" are one amount: "5.00". For identities only; the body keeps the user's digits. */
export function canonicalAmount(value: string): string {
	const [whole, decimals = ''] = value.split('.');
	return `${whole.replace(/^0+(?=\d)/, '')}.${decimals.padEnd(2, '0')}`;
}
