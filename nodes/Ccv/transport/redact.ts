// The API key must never leave the node, even when a server echoes it back (in an error body, a
// header it mirrors, a message). Every form a key travels in is looked for, in every string of every
// field, however deep.

// A token shorter than this is masked only where it follows "token=", so a short one does not turn
// every matching word or number of an output into ***.
const MIN_TOKEN_ANYWHERE = 8;

/**
 * The CCV Trigger's Shared Token in the credential's Default Webhook URL (?token=...): CCV echoes the
 * webhook URL in every money answer, so it is masked like the key. As written in the URL and decoded.
 */
function webhookTokens(defaultWebhookUrl: unknown): string[] {
	const url = String(defaultWebhookUrl ?? '');
	const out: string[] = [];
	for (const match of url.matchAll(/[?&]token=([^&#]*)/gi)) {
		const written = match[1];
		let decoded = written;
		try {
			decoded = decodeURIComponent(written.replace(/\+/g, ' '));
		} catch {
			// Not valid percent-encoding: the text as written is what travels.
		}
		for (const token of new Set([written, decoded])) {
			if (token === '') continue;
			out.push(token.length >= MIN_TOKEN_ANYWHERE ? token : `token=${token}`);
		}
	}
	return out;
}

/** The credential's secrets: its keys and the Shared Token in its Default Webhook URL. */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	const keys = [credentials.apiKey, credentials.boardingApiKey].map((s) => String(s ?? '')).filter((s) => s.length >= 4);
	return [...keys, ...webhookTokens(credentials.defaultWebhookUrl)];
}

/** The texts a key can appear as: itself, in Basic auth (base64 of "key:"), URL-encoded. */
export function secretForms(secrets: string[]): string[] {
	const forms = new Set<string>();
	for (const key of secrets) {
		if (key.length < 4) continue;
		const basic = Buffer.from(`${key}:`).toString('base64');
		// Any base64 of a text that starts with the key starts with this (whole 3-byte groups only).
		const aligned = Buffer.from(key.slice(0, key.length - (key.length % 3))).toString('base64');
		for (const form of [key, basic, basic.replace(/=+$/, ''), aligned, Buffer.from(key).toString('base64url')]) {
			if (form.length < 4) continue;
			forms.add(form);
			forms.add(encodeURIComponent(form));
			forms.add(encodeURIComponent(encodeURIComponent(form)));
			forms.add(form.replace(/ /g, '+'));
		}
	}
	// Longest first, so a longer form is masked whole before a shorter one inside it.
	return [...forms].sort((a, b) => b.length - a.length);
}

export const MASK = '***';

function redactText(text: string, forms: string[]): string {
	let out = text;
	for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
	// Percent-encoding may use lower-case hex: compare case-insensitively where a form holds an escape.
	for (const form of forms) {
		if (!form.includes('%')) continue;
		const lower = out.toLowerCase();
		const needle = form.toLowerCase();
		let at = lower.indexOf(needle);
		while (at >= 0) {
			out = out.slice(0, at) + MASK + out.slice(at + form.length);
			at = out.toLowerCase().indexOf(needle, at + MASK.length);
		}
	}
	return out;
}

/** Fields not to walk into: n8n's node object (parameters, shared with the workflow), not ours to change. */
const SKIP_KEYS = new Set(['node', 'workflow']);

/**
 * Masks every form of the secrets in every string of `value`, recursively: objects and arrays are
 * changed in place (errors and bodies the transport owns), and error fields that are not enumerable
 * (message, stack, cause) are included. Returns `value` (or the masked string).
 */
export function redactDeep<T>(value: T, forms: string[], seen: WeakSet<object> = new WeakSet()): T {
	if (forms.length === 0) return value;
	if (typeof value === 'string') return redactText(value, forms) as T;
	if (!value || typeof value !== 'object') return value;
	if (seen.has(value)) return value;
	seen.add(value);
	const record = value as Record<string, unknown>;
	const keys = new Set(Object.keys(record));
	if (value instanceof Error) for (const k of ['message', 'stack', 'description', 'cause']) keys.add(k);
	for (const k of keys) {
		if (SKIP_KEYS.has(k)) continue;
		const current = record[k];
		const next = redactDeep(current, forms, seen);
		if (next !== current) {
			try {
				record[k] = next;
			} catch {
				// A read-only field: leave it (nothing we can do, and nothing we created).
			}
		}
	}
	return value;
}

/** True when any form of a secret appears anywhere in `value` (for a quick check before a deep walk). */
export function containsSecret(value: unknown, forms: string[]): boolean {
	if (forms.length === 0 || value === undefined) return false;
	let text: string;
	try {
		text = typeof value === 'string' ? value : JSON.stringify(value);
	} catch {
		return true;
	}
	if (text === undefined) return false;
	const lower = text.toLowerCase();
	return forms.some((f) => text.includes(f) || (f.includes('%') && lower.includes(f.toLowerCase())));
}
