import type { IHttpRequestMethods } from 'n8n-workflow';

// Which failed attempts may be sent again, and after how long.
// A 429 (and a 503 that says when to come back) means CCV did not process the request,
// so any request may be repeated. An answer that leaves open whether a write happened
// (other 5xx, a timeout, a dropped connection) is repeated only when repeating cannot
// apply the write twice: GET, DELETE, and POSTs that carry an Idempotency-Reference.

export type AttemptFailure =
	| { kind: 'status'; statusCode: number; retryAfterMs?: number }
	| { kind: 'network'; code: string; notSent: boolean };

export interface RetryDecision {
	retry: boolean;
	/** CCV certainly did not apply the request (429, 503 + Retry-After, connection refused). */
	notProcessed: boolean;
}

const MAYBE_APPLIED_STATUSES = new Set([502, 503, 504]);

export function isIdempotent(method: IHttpRequestMethods, hasIdempotencyReference: boolean): boolean {
	if (method === 'GET' || method === 'DELETE' || method === 'HEAD') return true;
	return method === 'POST' && hasIdempotencyReference;
}

export function decideRetry(failure: AttemptFailure, idempotent: boolean): RetryDecision {
	if (failure.kind === 'status') {
		const { statusCode, retryAfterMs } = failure;
		if (statusCode === 429 || (statusCode === 503 && retryAfterMs !== undefined)) {
			return { retry: true, notProcessed: true };
		}
		return { retry: idempotent && MAYBE_APPLIED_STATUSES.has(statusCode), notProcessed: false };
	}
	if (failure.notSent) return { retry: true, notProcessed: true };
	return { retry: idempotent, notProcessed: false };
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

/** Exponential back-off with full jitter: attempt 0 waits up to 1 s, then 2 s, 4 s, ... */
export function backoffMs(attempt: number, capMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(capMs, 1000 * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED']);

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
	if (/socket hang up|timeout|ECONNRESET|aborted/i.test(message)) {
		return { kind: 'network', code: /timeout/i.test(message) ? 'ETIMEDOUT' : 'ECONNRESET', notSent: false };
	}
	return undefined;
}
