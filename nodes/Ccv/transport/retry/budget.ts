import { seeFix } from '../../helpers/fixLinks';
import { OUTCOME_OPEN_STATUSES, decideRetry, retryWaitMs, throttleVerdict } from './policy';
import type { AttemptFailure, ThrottleCount } from './policy';
import type { RetryProfile } from './profiles';

export interface BudgetLimits extends RetryProfile {
	/** A moment (epoch ms) after which no attempt runs and no repeat is started (see ClientSettings.deadline). */
	deadline?: number;
	random?: () => number;
}

/** What the client does after a failed attempt: give up, or wait and send again. */
export type RetryStep =
	| {
			giveUp: true;
			/** CCV asked for a wait longer than Max Retry Wait (for the error's note). */
			waitTooLongMs?: number;
	  }
	| {
			giveUp: false;
			waitMs: number;
			/** A 429: CCV asked us to slow down, so the whole run pauses this long (the gate). */
			throttled: boolean;
			pauseRunMs?: number;
	  };

/**
 * One request's retry budget: counts its attempts and repeats by reason (policy.ts), decides each
 * wait within Retries, Max Retry Wait and the deadline, and words what the final error says about them.
 */
export class RetryBudget {
	private attempts = 0;

	/** Repeats after an open outcome or a refused connection. */
	private openRetries = 0;

	private readonly throttled: ThrottleCount = { counted: 0, uncountedWaitMs: 0 };

	/** The wait decided for the last failed attempt (see afterWait). */
	private pending: { throttled: boolean; waitMs: number } | undefined;

	constructor(
		private readonly limits: BudgetLimits,
		/** Sending this request again cannot apply it twice (policy.ts isIdempotent). */
		readonly idempotent: boolean,
	) {}

	/** Starts an attempt; returns its timeout: the configured one, cut at the deadline (at least 1 ms). */
	startAttempt(): number {
		this.attempts++;
		const { deadline, timeoutMs } = this.limits;
		if (deadline === undefined) return timeoutMs;
		return Math.max(1, Math.min(timeoutMs ?? Infinity, deadline - Date.now()));
	}

	get attemptCount(): number {
		return this.attempts;
	}

	/** Sent again after an answer that left the outcome open: an earlier attempt may have done the work. */
	get repeated(): boolean {
		return this.openRetries > 0;
	}

	/** After a failed attempt: give up, or how long to wait before sending again. */
	afterFailure(failure: AttemptFailure): RetryStep {
		const { maxRetries, maxWaitMs, random, deadline } = this.limits;
		const decision = decideRetry(failure, this.idempotent);
		const isThrottle = decision.reason === 'throttled';
		const repeats = isThrottle ? this.throttled.counted : this.openRetries;
		const waitMs = retryWaitMs(failure, repeats, maxWaitMs, random);
		const budgetLeft = isThrottle
			? throttleVerdict(this.throttled, { before: true }, waitMs, maxRetries, maxWaitMs) === 'resend'
			: repeats < maxRetries;
		if (!decision.retry || !budgetLeft || waitMs > maxWaitMs) {
			return { giveUp: true, waitTooLongMs: decision.retry && budgetLeft ? waitMs : undefined };
		}
		// A repeat that could not finish before the deadline is not started.
		if (deadline !== undefined && Date.now() + waitMs >= deadline) return { giveUp: true };
		this.pending = { throttled: isThrottle, waitMs };
		if (!isThrottle) return { giveUp: false, waitMs, throttled: false };
		// CCV said when: the whole run waits that long. This request also backs off briefly (see retryWaitMs).
		const retryAfterMs = failure.kind === 'status' ? failure.retryAfterMs : undefined;
		return { giveUp: false, waitMs, throttled: true, pauseRunMs: retryAfterMs || undefined };
	}

	/**
	 * After the wait: whether to send again. A 429 counts against Retries only when the run made no
	 * progress meanwhile (`progressed`: another request of the run was answered, see policy.ts).
	 */
	afterWait(progressed: boolean): boolean {
		const pending = this.pending;
		this.pending = undefined;
		if (!pending) return false;
		if (!pending.throttled) {
			this.openRetries++;
			return true;
		}
		const { maxRetries, maxWaitMs } = this.limits;
		return throttleVerdict(this.throttled, { before: false, progressed }, pending.waitMs, maxRetries, maxWaitMs) === 'resend';
	}

	/** What the final error adds about the repeats, in words (for an answer; a network failure words its own). */
	notes(statusCode: number, waitTooLongMs?: number): string {
		const notes: string[] = [];
		if (this.attempts > 1) notes.push(`Tried ${this.attempts} times.`);
		if (waitTooLongMs !== undefined) {
			notes.push(`CCV asked to wait ${Math.ceil(waitTooLongMs / 1000)} s before trying again, longer than the node's "Max Retry Wait". ${seeFix('retries')}`);
		}
		if (!this.idempotent && OUTCOME_OPEN_STATUSES.has(statusCode)) {
			notes.push('This request was not sent again automatically, because CCV may already have applied it. Check at CCV before running it again.');
		}
		return notes.join(' ');
	}
}
