import {
	backoffMs,
	decideRetry,
	isIdempotent,
	networkFailure,
	parseRetryAfter,
	retryWaitMs,
} from '../../../../nodes/Ccv/transport/retry/policy';

describe('retry policy', () => {
	it('treats GET, DELETE and POST with an Idempotency-Reference as idempotent; PUT and plain POST not', () => {
		expect(isIdempotent('GET', false)).toBe(true);
		expect(isIdempotent('DELETE', false)).toBe(true);
		expect(isIdempotent('POST', true)).toBe(true);
		expect(isIdempotent('POST', false)).toBe(false);
		expect(isIdempotent('PUT', true)).toBe(false);
	});

	it('repeats any request answered 429: CCV did not process it', () => {
		expect(decideRetry({ kind: 'status', statusCode: 429 }, false)).toEqual({ retry: true, notProcessed: true, reason: 'throttled' });
	});

	it('never repeats a non-idempotent write after a 503, even with Retry-After (issue 15 #7)', () => {
		expect(decideRetry({ kind: 'status', statusCode: 503, retryAfterMs: 1000 }, false).retry).toBe(false);
		expect(decideRetry({ kind: 'status', statusCode: 503, retryAfterMs: 1000 }, true).retry).toBe(true);
	});

	it('repeats 500/502/503/504 and dropped connections only when idempotent', () => {
		for (const statusCode of [500, 502, 503, 504]) {
			expect(decideRetry({ kind: 'status', statusCode }, true)).toEqual({ retry: true, notProcessed: false, reason: 'outcomeOpen' });
			expect(decideRetry({ kind: 'status', statusCode }, false).retry).toBe(false);
		}
		const reset = { kind: 'network' as const, code: 'ECONNRESET', notSent: false };
		expect(decideRetry(reset, true).retry).toBe(true);
		expect(decideRetry(reset, false).retry).toBe(false);
	});

	it('never repeats a 400, 401, 403, 404, 409 or 501', () => {
		for (const statusCode of [400, 401, 403, 404, 409, 501]) {
			expect(decideRetry({ kind: 'status', statusCode }, true).retry).toBe(false);
		}
	});

	it('repeats a refused connection for anything (nothing reached CCV); an unknown host never', () => {
		expect(decideRetry({ kind: 'network', code: 'ECONNREFUSED', notSent: true }, false)).toEqual({
			retry: true,
			notProcessed: true,
			reason: 'notSent',
		});
		expect(decideRetry({ kind: 'network', code: 'ENOTFOUND', notSent: false }, true).retry).toBe(false);
	});

	it('waits Retry-After, and after a 429 at least a short back-off; never above Max Retry Wait unless CCV asks', () => {
		const half = () => 0;
		expect(retryWaitMs({ kind: 'status', statusCode: 503, retryAfterMs: 2000 }, 0, 60_000, half)).toBe(2000);
		expect(retryWaitMs({ kind: 'status', statusCode: 503 }, 0, 60_000, half)).toBe(500);
		expect(retryWaitMs({ kind: 'status', statusCode: 429, retryAfterMs: 0 }, 0, 60_000, half)).toBe(500);
		expect(retryWaitMs({ kind: 'status', statusCode: 429, retryAfterMs: 3000 }, 0, 60_000, half)).toBe(3000);
		expect(retryWaitMs({ kind: 'status', statusCode: 429 }, 10, 5_000, () => 1)).toBe(5000);
		expect(retryWaitMs({ kind: 'status', statusCode: 429, retryAfterMs: 120_000 }, 0, 5_000, half)).toBe(120_000);
	});

	it('reads Retry-After in seconds and as an HTTP date', () => {
		const now = Date.parse('2026-11-23T10:00:00Z');
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	it('backs off exponentially with jitter, capped', () => {
		expect(backoffMs(0, 60_000, () => 0)).toBe(500);
		expect(backoffMs(0, 60_000, () => 1)).toBe(1000);
		expect(backoffMs(3, 60_000, () => 1)).toBe(8000);
		expect(backoffMs(10, 5_000, () => 1)).toBe(5000);
	});

	it('finds the network error code however deep n8n wrapped it', () => {
		const wrapped = { message: 'x', cause: { code: 'ECONNRESET' } };
		expect(networkFailure(wrapped)).toEqual({ kind: 'network', code: 'ECONNRESET', notSent: false });
		expect(networkFailure(new Error('socket hang up'))).toMatchObject({ code: 'ECONNRESET' });
		expect(networkFailure(new Error('Bad request - please check your parameters'))).toBeUndefined();
	});
});
