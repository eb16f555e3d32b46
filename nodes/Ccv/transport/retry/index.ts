// Retries, in one place: policy.ts (which failures are sent again, after how long), budget.ts (what one
// request may still spend), profiles.ts (the named settings: a run, a webhook caller, a dropdown, a poll).
export { RetryBudget } from './budget';
export { isIdempotent, networkFailure, parseRetryAfter } from './policy';
export type { AttemptFailure } from './policy';
export { RETRY_PROFILES, WEBHOOK_ANSWER_MS } from './profiles';
export type { RetryProfile } from './profiles';
