import { sleep } from 'n8n-workflow';

/** How one attempt went, as the gate needs to know it. */
export interface GateOutcome {
	latencyMs: number;
	/** 'throttled': 429 or 503 (CCV asks us to slow down); 'failed': other errors; 'ok': an answer. */
	kind: 'ok' | 'throttled' | 'failed';
}

export interface GateStats {
	limit: number;
	maxLimitReached: number;
	inFlight: number;
	throttled: number;
	retriedAfterThrottle: number;
}

/**
 * Bounds the requests in flight for one node execution, shared by every item.
 * A pause (Retry-After) holds back every new attempt until it ends.
 */
export interface RequestGate {
	acquire(): Promise<void>;
	release(outcome: GateOutcome): void;
	pauseFor(ms: number): void;
	noteRetryAfterThrottle(): void;
	stats(): GateStats;
}

export class FixedGate implements RequestGate {
	private inFlight = 0;

	private waiters: Array<() => void> = [];

	private pausedUntil = 0;

	private throttled = 0;

	private retried = 0;

	constructor(
		private readonly limit: number,
		private readonly now: () => number = Date.now,
	) {}

	async acquire(): Promise<void> {
		for (;;) {
			const wait = this.pausedUntil - this.now();
			if (wait > 0) {
				await sleep(wait);
				continue;
			}
			if (this.inFlight < this.limit) {
				this.inFlight++;
				return;
			}
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
	}

	release(outcome: GateOutcome): void {
		this.inFlight--;
		if (outcome.kind === 'throttled') this.throttled++;
		this.waiters.shift()?.();
	}

	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
	}

	noteRetryAfterThrottle(): void {
		this.retried++;
	}

	stats(): GateStats {
		return {
			limit: this.limit,
			maxLimitReached: this.limit,
			inFlight: this.inFlight,
			throttled: this.throttled,
			retriedAfterThrottle: this.retried,
		};
	}
}
