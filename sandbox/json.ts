// JSON with exact integers: CCV's registrationExpiration is a Java long, so "the maximum value"
// (seed 000:580) is 9223372036854775807, above 2^53-1. Integers outside the safe range are read
// as bigint and written back as the same digits; everything else is plain JSON.

const BIG = '__ccv_sandbox_bigint__';

/** JSON.parse, but integers beyond Number.MAX_SAFE_INTEGER become bigint. Throws SyntaxError. */
export function parseExact(text: string): unknown {
	let i = 0;
	const fail = (): never => {
		throw new SyntaxError(`Unexpected token in JSON at position ${i}`);
	};
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
	};
	const value = (): unknown => {
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			const obj: Record<string, unknown> = {};
			ws();
			if (text[i] === '}') {
				i++;
				return obj;
			}
			for (;;) {
				ws();
				if (text[i] !== '"') fail();
				const key = str();
				ws();
				if (text[i++] !== ':') fail();
				Object.defineProperty(obj, key, { value: value(), enumerable: true, writable: true, configurable: true });
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === '}') {
					i++;
					return obj;
				} else fail();
			}
		}
		if (c === '[') {
			i++;
			const arr: unknown[] = [];
			ws();
			if (text[i] === ']') {
				i++;
				return arr;
			}
			for (;;) {
				arr.push(value());
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === ']') {
					i++;
					return arr;
				} else fail();
			}
		}
		if (c === '"') return str();
		for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
			if (text.startsWith(word, i)) {
				i += word.length;
				return v;
			}
		}
		const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
		if (!m) fail();
		const token = (m as RegExpExecArray)[0];
		i += token.length;
		const n = Number(token);
		if (/^-?\d+$/.test(token) && !Number.isSafeInteger(n)) return BigInt(token);
		return n;
	};
	const str = (): string => {
		const start = i;
		i++;
		while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
		if (i >= text.length) fail();
		i++;
		return JSON.parse(text.slice(start, i)) as string;
	};
	const result = value();
	ws();
	if (i !== text.length) fail();
	return result;
}

/** JSON.stringify that writes bigint as its digits. */
export function stringifyExact(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
	const text = JSON.stringify(value, (key, v: unknown) => {
		const w = replacer ? replacer(key, v) : v;
		return typeof w === 'bigint' ? `${BIG}${w.toString()}` : w;
	});
	if (text === undefined) return text as unknown as string;
	return text.replace(new RegExp(`"${BIG}(-?\\d+)"`, 'g'), '$1');
}
