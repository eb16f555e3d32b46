// What the key and token leak tests share: every string anywhere in a value, and an assertion that
// none of a secret's forms (raw, base64, URL-encoded ...) appears in it.

/** Every string anywhere in `value` (own fields, enumerable or not, e.g. message and stack). */
export function allText(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (!value || typeof value !== 'object' || seen.has(value)) return [];
	seen.add(value);
	return Object.getOwnPropertyNames(value).flatMap((k) => allText((value as Record<string, unknown>)[k], seen));
}

/** Fails naming where and which form of the secret was found. */
export function expectNoSecret(forms: Record<string, string>, where: string, value: unknown): void {
	const text = allText(value).join('\n');
	for (const [name, form] of Object.entries(forms)) {
		expect({ where, form: name, found: text.includes(form) }).toEqual({ where, form: name, found: false });
	}
}
