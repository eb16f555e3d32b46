import { createHash } from 'crypto';

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

/**
 * The same operation with the same request body always gets the same reference, so a
 * retry, a Retry On Fail or a re-run of the item can never pay or refund twice.
 */
export function deriveIdempotencyReference(operation: string, body: unknown): string {
	const digest = createHash('sha256')
		.update(JSON.stringify({ operation, body: canonical(body) }))
		.digest('hex');
	return `n8n-${operation}-${digest}`.slice(0, MAX_IDEMPOTENCY_LENGTH);
}
