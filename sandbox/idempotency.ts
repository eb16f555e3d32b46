// Idempotency-Reference on payment, capture, refund and reversal (REFERENCE §4). Same operation +
// same reference + the same JSON body -> the first answer again, nothing created. Same reference
// with a different body -> 400 input_error (CCV leaves this undocumented: sandbox choice).
import type { ApiRequest, ApiResponse, Core } from './core';
import { CcvError, inputError } from './errors';

export const HEADER = 'idempotency-reference';
const MAX_LENGTH = 50;

/** JSON with object keys sorted, so key order does not make two bodies differ. */
function canonical(value: unknown): string {
	if (typeof value === 'bigint') return value.toString();
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Runs `run` once per (operation, reference); handler errors are remembered like answers. */
export function withIdempotency(core: Core, req: ApiRequest, run: () => ApiResponse): ApiResponse {
	const reference = req.headers[HEADER];
	if (reference === undefined) return run();
	if (reference.length === 0 || reference.length > MAX_LENGTH) {
		throw inputError(
			[{ field: 'Idempotency-Reference', message: `size must be between 1 and ${MAX_LENGTH}` }],
			'Idempotency-Reference is invalid',
		);
	}
	const retention = core.readings.idempotencyRetention;
	if (retention === 'off') return run();
	const key = `${req.path} ${reference}`;
	const bodyKey = canonical(req.body ?? {});
	let seen = core.store.idempotency.get(key);
	if (seen && typeof retention === 'number' && core.now() - seen.at >= retention * 1000) {
		core.store.idempotency.delete(key);
		seen = undefined;
	}
	if (seen) {
		if (seen.bodyKey !== bodyKey) {
			throw inputError(
				[{ field: 'Idempotency-Reference', message: 'was already used for a different request' }],
				'Idempotency-Reference was already used for a different request',
			);
		}
		return {
			status: seen.status,
			body: seen.body === undefined ? undefined : structuredClone(seen.body),
			headers: { ...seen.headers },
			createdReference: seen.createdReference,
		};
	}
	let answer: ApiResponse | undefined;
	let failure: unknown;
	try {
		answer = run();
	} catch (error) {
		failure = error;
	}
	if (!answer) {
		// Only CCV answers are remembered; anything else is a sandbox bug and stays a 500.
		if (!(failure instanceof CcvError)) throw failure;
		// An input_error refused the request before anything was made: not remembered, so the corrected
		// request may follow under the same reference (REFERENCE §4 leaves reuse UNCONFIRMED; issue 28 #1).
		if (failure.body?.type === 'input_error') throw failure;
		answer = { status: failure.status, body: failure.body, headers: failure.headers };
	}
	core.store.idempotency.set(key, {
		bodyKey,
		status: answer.status,
		body: answer.body === undefined ? undefined : structuredClone(answer.body),
		headers: { ...(answer.headers ?? {}) },
		createdReference: answer.createdReference,
		at: core.now(),
	});
	return answer;
}
