import { createHash } from 'crypto';

// Idempotency by business identity. The Idempotency-Reference of a money request is made from what
// identifies the intended transaction, never from free text (Description, Webhook URL, Return URL,
// Notification Requests, Metadata), so $now or $execution.id in those cannot turn a retry into a
// second refund or payment:
//   refund   = payment reference + Full Amount or the partial amount (in cents)
//   capture  = authorisation reference + Full Amount or the partial amount (in cents)
//   reversal = payment reference (a payment is reversed once)
//   payment  = Merchant Order Reference + amount + currency + method + transaction type + mandate
//              or stored card (a payment without an order reference needs an own key)
// A user's Idempotency Key replaces the derived reference and is sent exactly as given.

// CCV allows at most 50 characters in Idempotency-Reference.
export const MAX_IDEMPOTENCY_LENGTH = 50;

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value as object)
				.sort()
				.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
				.map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
		);
	}
	return value;
}

export function canonicalJson(value: unknown): string {
	return JSON.stringify(canonical(value));
}

/** The same operation with the same identity always gets the same reference. */
export function deriveIdempotencyReference(operation: string, identity: unknown): string {
	const digest = createHash('sha256')
		.update(JSON.stringify({ operation, body: canonical(identity) }))
		.digest('hex');
	return `n8n-${operation}-${digest}`.slice(0, MAX_IDEMPOTENCY_LENGTH);
}

// What this n8n process sent and got back per reference. It keeps a retry's body byte-identical to
// the first attempt's (a Description with $now would differ), and tells a replayed answer from a new
// one. Memory only, bounded: after a restart or on another worker CCV's answer decides (see below).

const MAX_REMEMBERED = 10_000;

interface Sent {
	body: unknown;
	/** CCV's transaction reference of the first answer to this request. */
	answered?: string;
}

const sent = new Map<string, Sent>();
const firstSent = new Map<string, number>();

function remember<V>(map: Map<string, V>, key: string, value: V): void {
	map.delete(key);
	map.set(key, value);
	if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
}

/**
 * The body to send for this identity: the one sent first (same process), else `body`. `key` is the
 * request's identity (operation, reference and identity fields), so a changed amount is never replaced.
 */
export function bodyToSend<T>(key: string, body: T, record: boolean): T {
	const earlier = sent.get(key);
	if (earlier) return structuredClone(earlier.body) as T;
	if (record) remember(sent, key, { body: structuredClone(body) });
	return body;
}

/** CCV refused the request (nothing created): a corrected item may send a new body. */
export function forgetBody(key: string): void {
	sent.delete(key);
}

/** The CCV transaction an earlier answer to this request named, if this process saw one. */
export function earlierAnswer(key: string): string | undefined {
	return sent.get(key)?.answered;
}

export function noteAnswer(key: string, transactionReference: unknown): void {
	const entry = sent.get(key);
	if (entry && entry.answered === undefined && typeof transactionReference === 'string') entry.answered = transactionReference;
}

/** When this execution first sent this request (Retry On Fail keeps the first attempt's time). */
export function firstSentAt(executionId: string, key: string, now: number): number {
	const id = `${executionId} ${key}`;
	const at = firstSent.get(id);
	if (at !== undefined) return at;
	remember(firstSent, id, now);
	return now;
}

/** CCV's clock and n8n's may differ a little: only a transaction older than this counts as earlier. */
export const CLOCK_TOLERANCE_MS = 2000;

function cents(value: unknown): number | undefined {
	const n = Number(value);
	return value === undefined || value === null || value === '' || !Number.isFinite(n) ? undefined : Math.round(n * 100);
}

function differs(sentValue: unknown, answered: unknown, normalise: (v: unknown) => unknown = (v) => v): boolean {
	if (sentValue === undefined || answered === undefined || answered === null) return false;
	return normalise(sentValue) !== normalise(answered);
}

/**
 * Whether CCV answered with an earlier transaction instead of making a new one. CCV does not
 * document how a replay looks (REFERENCE §4), so three signs count, any one is enough:
 * 1. this process already got this transaction for this request (certain);
 * 2. CCV's `created` is before this execution first sent the request (less the clock tolerance);
 * 3. the answer's amount, currency or description differ from what was sent.
 * Not detectable: a replay of a request made less than CLOCK_TOLERANCE_MS earlier by another
 * n8n process with exactly the same fields.
 */
export function isReplay(args: {
	sentBody: Record<string, unknown>;
	answer: Record<string, unknown>;
	startedAt: number;
	earlier?: string;
}): boolean {
	const { sentBody, answer, startedAt, earlier } = args;
	if (earlier !== undefined && answer.reference === earlier) return true;
	const created = Number(answer.created);
	if (Number.isFinite(created) && created > 0 && created < startedAt - CLOCK_TOLERANCE_MS) return true;
	const lower = (v: unknown) => String(v).toLowerCase();
	return (
		differs(sentBody.amount, answer.amount, cents) ||
		differs(sentBody.currency, answer.currency, lower) ||
		differs(sentBody.description, answer.description)
	);
}
