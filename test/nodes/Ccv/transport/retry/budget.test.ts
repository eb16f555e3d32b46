import { RetryBudget } from '../../../../../nodes/Ccv/transport/retry/budget';
import type { BudgetLimits } from '../../../../../nodes/Ccv/transport/retry/budget';
import type { AttemptFailure } from '../../../../../nodes/Ccv/transport/retry/policy';

// One request's retry budget on its own (the wire behaviour is in retryTable.test.ts and client.wire.test.ts).
const limits = (more: Partial<BudgetLimits> = {}): BudgetLimits => ({ maxRetries: 2, maxWaitMs: 5_000, timeoutMs: 10_000, random: () => 0, ...more });
const status = (statusCode: number, retryAfterMs?: number): AttemptFailure => ({ kind: 'status', statusCode, retryAfterMs });

describe('retry budget', () => {
	it('repeats an open outcome of a safe request at most Retries times, with a growing back-off', () => {
		const budget = new RetryBudget(limits(), true);
		const waits: number[] = [];
		for (;;) {
			budget.startAttempt();
			const step = budget.afterFailure(status(503));
			if (step.giveUp) break;
			waits.push(step.waitMs);
			expect(budget.afterWait(false)).toBe(true);
			expect(budget.repeated).toBe(true);
		}
		expect(waits).toEqual([500, 1000]);
		expect(budget.attemptCount).toBe(3);
		expect(budget.notes(503)).toBe('Tried 3 times.');
	});

	it('never repeats an open outcome of a write without an Idempotency-Reference, and says why', () => {
		const budget = new RetryBudget(limits(), false);
		budget.startAttempt();
		expect(budget.afterFailure(status(503))).toEqual({ giveUp: true, waitTooLongMs: undefined });
		expect(budget.repeated).toBe(false);
		expect(budget.notes(503)).toContain('was not sent again automatically');
	});

	it('gives up on a Retry-After above Max Retry Wait and names the wait', () => {
		const budget = new RetryBudget(limits(), true);
		budget.startAttempt();
		const step = budget.afterFailure(status(429, 9_000));
		expect(step).toEqual({ giveUp: true, waitTooLongMs: 9_000 });
		expect(budget.notes(429, 9_000)).toBe(
			'CCV asked to wait 9 s before trying again, longer than the node\'s "Max Retry Wait". See https://www.npmjs.com/package/n8n-nodes-ccv#retries-what-is-sent-again-and-when for how to fix it.',
		);
	});

	it('pauses the whole run for a 429\'s Retry-After, and counts it only when the run made no progress', () => {
		const budget = new RetryBudget(limits({ maxRetries: 0, maxWaitMs: 2_500 }), false);
		budget.startAttempt();
		expect(budget.afterFailure(status(429, 1_000))).toEqual({ giveUp: false, waitMs: 1_000, throttled: true, pauseRunMs: 1_000 });
		expect(budget.afterWait(true)).toBe(true);
		budget.startAttempt();
		expect(budget.afterFailure(status(429, 1_000))).toMatchObject({ giveUp: false });
		expect(budget.afterWait(true)).toBe(true);
		// Uncounted waits are bounded by Max Retry Wait in total: 3 s would pass 2.5 s, and Retries is 0.
		budget.startAttempt();
		expect(budget.afterFailure(status(429, 1_000))).toEqual({ giveUp: true, waitTooLongMs: undefined });
	});

	it('gives up on a 429 after the wait when the run made no progress and Retries is used up', () => {
		const budget = new RetryBudget(limits({ maxRetries: 0 }), true);
		budget.startAttempt();
		expect(budget.afterFailure(status(429, 500))).toMatchObject({ giveUp: false });
		expect(budget.afterWait(false)).toBe(false);
	});

	it('cuts each attempt at the deadline and starts no repeat that could not finish before it', () => {
		const deadline = Date.now() + 800;
		const budget = new RetryBudget(limits({ deadline }), true);
		expect(budget.startAttempt()).toBeLessThanOrEqual(800);
		expect(budget.afterFailure(status(503, 1_000))).toEqual({ giveUp: true });
	});
});
