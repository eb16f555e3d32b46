// The named retry settings, each defined once: who waits for the answer decides how long repeats may take.

export interface RetryProfile {
	/**
	 * The user's "Retries": repeats of a request whose outcome was open (5xx, timeout, dropped
	 * connection) or whose connection was refused, and 429s in a row while the run makes no progress
	 * (policy.ts).
	 */
	maxRetries: number;
	/** "Max Retry Wait": the longest single wait before a repeat; a longer Retry-After ends the request with an error. */
	maxWaitMs: number;
	/** How long one attempt may take. */
	timeoutMs: number;
}

/**
 * How long the CCV Trigger's caller (CCV or any sender) waits for the whole answer, every lookup and
 * repeat included: the trigger sets each call's deadline from it (trigger/webhook.ts).
 */
export const WEBHOOK_ANSWER_MS = 4_000;

export const RETRY_PROFILES = {
	/** The CCV node's run: the defaults of its options "Retries" and "Max Retry Wait" (actions/settings.ts). */
	run: { maxRetries: 3, maxWaitMs: 60_000, timeoutMs: 60_000 },
	/** A webhook caller waits for our answer: fewer and shorter repeats, all within its deadline. */
	webhookCaller: { maxRetries: 2, maxWaitMs: 5_000, timeoutMs: WEBHOOK_ANSWER_MS },
	/** Someone waits for an editor dropdown to open. */
	editorDropdown: { maxRetries: 2, maxWaitMs: 5_000, timeoutMs: 15_000 },
	/** Nobody waits on a reconciliation check: the run's retries, with a shorter timeout. */
	reconcilePoll: { maxRetries: 3, maxWaitMs: 30_000, timeoutMs: 30_000 },
} as const satisfies Record<string, RetryProfile>;
