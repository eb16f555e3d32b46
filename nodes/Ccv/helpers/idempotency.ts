import { createHash } from 'crypto';

// Idempotency by the intention. The Idempotency-Reference of a money request is made from what
// identifies the intended transaction in the user's own data, never from free text (Description,
// Webhook URL, Return URL, Notification Requests, Metadata) and never from amounts alone:
//   refund   = payment + Full Amount, or payment + the refund's own Merchant Order Reference
//   capture  = authorisation + Full Amount (a partial capture needs its own Idempotency Key)
//   reversal = payment (a payment is reversed once)
//   payment  = Merchant Order Reference + attempt (+ mandate or stored card); the attempt number
//              comes from what CCV shows for the order (actions/money/earlier.ts)
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

// What this n8n process sent per request that may have reached CCV. It keeps a retry's body
// identical to the one CCV may hold (a Description with $now would differ, and CCV refuses a known
// reference with another body). The key holds the account (a hash of API key and base URL), the
// reference and the substance (payment, amount, order), so another shop, another amount or another
// intention never gets this body. A body is recorded only after a send whose outcome may have
// reached CCV; a definite non-send or refusal records nothing and forgets what was recorded.
// Memory only, bounded: it adds safety within one process; CCV's records decide across processes.

const MAX_REMEMBERED = 10_000;

interface Sent {
	body: unknown;
	/** The outcome of that send was open (timeout, dropped connection, 5xx): CCV may or may not hold it. */
	open: boolean;
	/** CCV's transaction reference of the first answer to this request. */
	answered?: string;
	/** When it was recorded (after that send ended). */
	at: number;
}

const sent = new Map<string, Sent>();
const firstSent = new Map<string, number>();

function remember<V>(map: Map<string, V>, key: string, value: V): void {
	map.delete(key);
	map.set(key, value);
	if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
}

/** The memory key of one request: account, operation, reference and substance (never free text). */
export function bodyMemoryKey(account: string, operation: string, idempotencyReference: string, substance: unknown): string {
	return canonicalJson({ account, operation, idempotencyReference, substance });
}

/** The body an earlier send of this request carried, when it may have reached CCV. */
export function rememberedBody<T>(key: string): { body: T; open: boolean; at: number } | undefined {
	const entry = sent.get(key);
	return entry ? { body: structuredClone(entry.body) as T, open: entry.open, at: entry.at } : undefined;
}

/** The request may have reached CCV: keep its body for retries and re-runs in this process. */
export function recordBody(key: string, body: unknown, open: boolean): void {
	const entry = sent.get(key);
	if (entry) {
		entry.open = entry.open && open;
		return;
	}
	remember(sent, key, { body: structuredClone(body), open, at: Date.now() });
}

/** CCV refused the request, or nothing reached it: a corrected item may send a new body. */
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

/** Forgets everything this process remembered (tests: a fresh n8n process). */
export function resetProcessMemory(): void {
	sent.clear();
	firstSent.clear();
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

/** An amount as cents, or undefined when it is not one. */
export function cents(value: unknown): number | undefined {
	const n = Number(value);
	return value === undefined || value === null || value === '' || !Number.isFinite(n) ? undefined : Math.round(n * 100);
}

/**
 * Whether CCV answered with an earlier transaction instead of making a new one, judged from CCV's
 * answer. CCV does not document how a replay looks (REFERENCE §4), so these signs count, any one is
 * enough:
 * 1. this process already got this transaction for this request (certain);
 * 2. CCV's `created` is before this execution first sent the request (less the clock tolerance),
 *    which holds across processes and restarts;
 * 3. this process sent the request before this execution did (`sentBefore`), and CCV's `created`
 *    is before this execution first sent it: the transaction of that earlier send;
 * 4. the answer's description differs from what was sent (another run's free text).
 * An answer of another amount, currency, type or payment is not a replay but a mismatch
 * (answerMismatch): the item fails.
 * Not detectable: a replay of a request made less than CLOCK_TOLERANCE_MS earlier by another
 * n8n process with exactly the same fields.
 */
export function isReplay(args: {
	sentBody: Record<string, unknown>;
	answer: Record<string, unknown>;
	startedAt: number;
	earlier?: string;
	sentBefore?: number;
}): boolean {
	const { sentBody, answer, startedAt, earlier, sentBefore } = args;
	if (earlier !== undefined && answer.reference === earlier) return true;
	const created = Number(answer.created);
	if (Number.isFinite(created) && created > 0 && created < startedAt - CLOCK_TOLERANCE_MS) return true;
	if (sentBefore !== undefined && sentBefore <= startedAt && Number.isFinite(created) && created > 0 && created <= sentBefore) return true;
	return sentBody.description !== undefined && answer.description !== undefined && sentBody.description !== answer.description;
}

/** What an answer must show to be the transaction this item asked for (fields left out are not compared). */
export interface Expected {
	amount?: string;
	currency?: string;
	/** The transaction types that fit (e.g. ['refund'], ['sale', 'authorise']). */
	types: string[];
	/** The payment a refund, capture or reversal belongs to. */
	original?: string;
}

/** How an answer differs from what the item asked for, in words (empty: it fits). */
export function answerMismatch(expected: Expected, answer: Record<string, unknown>): string[] {
	const out: string[] = [];
	const has = (v: unknown) => v !== undefined && v !== null && v !== '';
	if (expected.amount !== undefined && has(answer.amount) && cents(answer.amount) !== cents(expected.amount)) {
		out.push(`its amount is ${String(answer.amount)}, this item asks for ${expected.amount}`);
	}
	if (expected.currency !== undefined && has(answer.currency) && String(answer.currency).toLowerCase() !== expected.currency.toLowerCase()) {
		out.push(`its currency is ${String(answer.currency)}, this item asks for ${expected.currency}`);
	}
	if (has(answer.type) && !expected.types.includes(String(answer.type).toLowerCase())) {
		out.push(`it is a ${String(answer.type)}, this item asks for a ${expected.types.join(' or ')}`);
	}
	if (expected.original !== undefined && has(answer.originalReference) && answer.originalReference !== expected.original) {
		out.push(`it belongs to payment ${String(answer.originalReference)}, this item names payment ${expected.original}`);
	}
	return out;
}
