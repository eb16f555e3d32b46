// Last line of defence for "no value from an item or a caller may change which URL is called":
// operations check their ids per kind, and this refuses any path that a server or a URL parser would
// read as another route.

/** The problem with a request path in words, or undefined when the path is safe. */
export function unsafePathReason(path: string): string | undefined {
	if (typeof path !== 'string' || !path.startsWith('/')) return 'it does not start with "/"';
	if (/[?#\\\s]/.test(path) || hasControlCharacter(path)) return 'it holds "?", "#", "\\", a space or a control character';
	const segments = path.slice(1).split('/');
	for (const segment of segments) {
		if (segment === '') return 'one of its parts is empty ("//" or a trailing "/")';
		let decoded: string;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			return `the part "${segment}" is not correctly encoded`;
		}
		// Decode once more: a proxy that decodes before CCV does would otherwise see "%2e" as ".".
		let twice = decoded;
		try {
			twice = decodeURIComponent(decoded);
		} catch {
			// Not encoded twice: fine.
		}
		for (const d of [decoded, twice]) {
			if (d === '.' || d === '..') return `one of its parts is "${d}"`;
			if (d.trim() === '') return 'one of its parts is blank';
			if (hasControlCharacter(d)) return `the part "${segment}" stands for a control character`;
		}
	}
	return undefined;
}

function hasControlCharacter(text: string): boolean {
	for (let k = 0; k < text.length; k++) {
		const code = text.charCodeAt(k);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}
