import type { IHttpRequestMethods } from 'n8n-workflow';

// Which failed attempts are sent again, and after how long. This folder is the one place retry rules
// live: this file the rules, budget.ts what one request may still spend, profiles.ts the named settings.
// The table in the README ("Retries") is this folder in words; test/nodes/Ccv/transport/retryTable.test.ts
// checks it row by row.
//
// - 429 means CCV did not process the request: any request is sent again, after Retry-After
//   (the whole run pauses) and at least a short back-off of this request alone (0.5-1 s, doubling).
// - An answer that leaves open whether a write happened (500, 502, 503 with or without
//   Retry-After, 504, a timeout, a dropped connection) is sent again only when repeating cannot apply
//   the write twice: GET, DELETE, and POSTs that carry an Idempotency-Reference. PUT, PATCH and a POST
//   without one are never sent again: a gateway may have applied the write and then answered 503.
// - A refused connection reached nothing: any request is sent again.
// - Everything else (400, 401, 403, 404, 409, 415, an unknown host, ...) is final.
// - Retries bounds every kind: at most that many repeats of a request whose outcome was open or whose
//   connection was refused, and at most that many 429s in a row while the run makes no progress.
//   A 429 while the run makes progress (another request of the run was answered between this
//   attempt's send and the end of its wait) is a turn to wait, not a failure: it is sent again without
//   counting against Retries, also with Retries 0, so a server that keeps accepting work never fails an
//   item. Those uncounted waits of one request are bounded by Max Retry Wait in total (see
//   throttleVerdict). Max Retry Wait also bounds every single wait; a longer Retry-After ends the request
//   with an error saying so.

export type AttemptFailure =
	| { kind: 'status'; statusCode: number; retryAfterMs?: number }
	| { kind: 'network'; code: string; notSent: boolean };

/** Why a failed attempt may be sent again; each reason has its own count against Retries. */
export type RetryReason = 'throttled' | 'notSent' | 'outcomeOpen';

export interface RetryDecision {
	retry: boolean;
	/** CCV certainly did not apply the request (429, connection refused, unknown host). */
	notProcessed: boolean;
	reason?: RetryReason;
}

/** Answers after which a write may or may not have been applied. */
export const OUTCOME_OPEN_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export function isIdempotent(method: IHttpRequestMethods, hasIdempotencyReference: boolean): boolean {
	if (method === 'GET' || method === 'DELETE' || method === 'HEAD') return true;
	return method === 'POST' && hasIdempotencyReference;
}

export function decideRetry(failure: AttemptFailure, idempotent: boolean): RetryDecision {
	if (failure.kind === 'status') {
		const { statusCode } = failure;
		if (statusCode === 429) return { retry: true, notProcessed: true, reason: 'throttled' };
		if (OUTCOME_OPEN_STATUSES.has(statusCode)) return { retry: idempotent, notProcessed: false, reason: 'outcomeOpen' };
		return { retry: false, notProcessed: false };
	}
	if (PERMANENT_CODES.has(failure.code)) return { retry: false, notProcessed: true };
	if (failure.notSent) return { retry: true, notProcessed: true, reason: 'notSent' };
	return { retry: idempotent, notProcessed: false, reason: 'outcomeOpen' };
}

/**
 * How long this request waits before repeat number `repeat` (0 for the first). A back-off of
 * 0.5-1 s, then 1-2 s, 2-4 s, ... never above Max Retry Wait; the server's Retry-After when it gave
 * one. After a 429 it is the longer of the two: Retry-After is the earliest CCV takes the request
 * again, and a "Retry-After: 0" answered at once would otherwise let a request spend all its repeats
 * in a few milliseconds while CCV is still busy with the others.
 * A Retry-After above Max Retry Wait is returned as is: the caller gives up and says so.
 */
export function retryWaitMs(
	failure: AttemptFailure,
	repeat: number,
	maxWaitMs: number,
	random: () => number = Math.random,
): number {
	const retryAfterMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;
	if (retryAfterMs !== undefined && retryAfterMs > maxWaitMs) return retryAfterMs;
	const backoff = backoffMs(repeat, maxWaitMs, random);
	if (failure.kind === 'status' && failure.statusCode === 429) return Math.max(retryAfterMs ?? 0, backoff);
	return retryAfterMs ?? backoff;
}

/** One request's 429s so far: the repeats counted against Retries, and the time waited on uncounted ones. */
export interface ThrottleCount {
	counted: number;
	uncountedWaitMs: number;
}

/**
 * Before waiting `waitMs` on a 429: whether any repeat is still possible (an uncounted one within Max
 * Retry Wait in total, or a counted one within Retries). After the wait, with `progressed` (the run had
 * another answer since this attempt was sent): resend, counting the repeat in `count`, or give up.
 */
export function throttleVerdict(
	count: ThrottleCount,
	phase: { before: true } | { before: false; progressed: boolean },
	waitMs: number,
	maxRetries: number,
	maxWaitMs: number,
): 'resend' | 'giveUp' {
	const uncountedFits = count.uncountedWaitMs + waitMs <= maxWaitMs;
	const countedLeft = count.counted < maxRetries;
	if (phase.before) return uncountedFits || countedLeft ? 'resend' : 'giveUp';
	if (phase.progressed && uncountedFits) {
		count.uncountedWaitMs += waitMs;
		return 'resend';
	}
	if (!countedLeft) return 'giveUp';
	count.counted++;
	return 'resend';
}

/** Retry-After in seconds ("2") or as an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	if (value === undefined || value === null) return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/** Exponential back-off with jitter: attempt 0 waits 0.5-1 s, then 1-2 s, 2-4 s, ..., capped. */
export function backoffMs(attempt: number, capMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(capMs, 1000 * 2 ** Math.min(attempt, 20));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Nothing reached the server: the connection was refused, or the name lookup failed for now. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);

/** The host does not exist (a mistyped base URL): trying again cannot help. */
const PERMANENT_CODES = new Set(['ENOTFOUND']);

/** Reads the error code of a failed HTTP call, however n8n wrapped it. */
export function networkFailure(error: unknown): AttemptFailure | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const record = current as { code?: unknown; cause?: unknown; errorResponse?: unknown };
		if (typeof record.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(record.code)) {
			return { kind: 'network', code: record.code, notSent: NOT_SENT_CODES.has(record.code) };
		}
		current = record.cause ?? record.errorResponse;
	}
	const message = error instanceof Error ? error.message : String(error);
	if (/ECONNREFUSED/.test(message)) return { kind: 'network', code: 'ECONNREFUSED', notSent: true };
	if (/socket hang up|timeout|ECONNRESET|aborted/i.test(message)) {
		return { kind: 'network', code: /timeout/i.test(message) ? 'ETIMEDOUT' : 'ECONNRESET', notSent: false };
	}
	return undefined;
}
