import { sleep } from 'n8n-workflow';

/** Sends leave at most this fraction of (round trip / level) apart: see BaseGate.pace. */
const PACE_FACTOR = 0.8;

/** Handed out by acquire, given back on release: when the attempt started and how busy we were. */
export interface GateTicket {
	startedAt: number;
	/** Requests in flight when this one was sent, itself included. */
	inFlightAtStart: number;
}

/** How one attempt went, as the gate needs to know it. */
export interface GateOutcome {
	/** 'throttled': 429 (CCV asks us to slow down); 'failed': 5xx and connection errors; 'ok': an answer. */
	kind: 'ok' | 'throttled' | 'failed';
}

export interface GateStats {
	limit: number;
	maxLimitReached: number;
	throttled: number;
	retriedAfterThrottle: number;
	pausedMs: number;
}

/**
 * Bounds the requests in flight for one node execution, shared by every item.
 * A pause (Retry-After) holds back every new attempt until it ends.
 */
export interface RequestGate {
	acquire(): Promise<GateTicket>;
	release(ticket: GateTicket, outcome: GateOutcome): void;
	pauseFor(ms: number): void;
	noteRetryAfterThrottle(): void;
	stats(): GateStats;
}

/** What every gate shares: the slots, the pause, the pacing and the counts. */
export abstract class BaseGate implements RequestGate {
	protected inFlight = 0;

	private waiters: Array<() => void> = [];

	protected pausedUntil = 0;

	protected throttled = 0;

	private retried = 0;

	private pausedMs = 0;

	protected maxReached = 0;

	/** Smoothed time from send to answer of clean answers; 0 until the first one. */
	protected smoothedMs = 0;

	/** Requests holding a slot that still wait for their turn to leave (see pace). */
	private waitingTurn = 0;

	/** The last Retry-After pause asked for: what one more 429 would cost the run. */
	protected lastPauseMs = 0;

	/** The earliest moment the next request may leave (see pace). */
	private nextSendAt = 0;

	constructor(
		protected readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	protected abstract currentLimit(): number;

	protected abstract onRelease(ticket: GateTicket, outcome: GateOutcome, latencyMs: number): void;

	async acquire(): Promise<GateTicket> {
		for (;;) {
			const wait = this.pausedUntil - this.now();
			if (wait > 0) {
				await this.wait(wait);
				continue;
			}
			if (this.inFlight < this.currentLimit()) {
				this.inFlight++;
				this.waitingTurn++;
				await this.pace();
				this.waitingTurn--;
				if (this.pausedUntil > this.now()) {
					// CCV asked for a pause while this one waited for its turn: give the slot back, wait too.
					this.inFlight--;
					this.wakeWaiters();
					continue;
				}
				// Those still waiting for their turn are not at CCV yet: they do not count.
				const sent = this.inFlight - this.waitingTurn;
				this.maxReached = Math.max(this.maxReached, sent);
				return { startedAt: this.now(), inFlightAtStart: sent };
			}
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
	}

	/**
	 * Spreads sends evenly over a round trip instead of letting them leave in bursts. Answers that
	 * arrive together would otherwise be sent on together, forever: CCV then sees bursts (more
	 * 429s under a rate limit) and n8n handles every answer of a burst before it sends anything,
	 * so no request is in flight meanwhile. The spacing is a little shorter than the level allows
	 * on average, so pacing smooths the stream without slowing it.
	 */
	private async pace(): Promise<void> {
		const interval = (this.smoothedMs / this.currentLimit()) * PACE_FACTOR;
		// Below a millisecond, timers cannot space sends: answers that fast need no pacing.
		if (interval < 1) return;
		const now = this.now();
		// No credit for time nobody used: that would let a burst out.
		const sendAt = Math.max(this.nextSendAt, now);
		this.nextSendAt = sendAt + interval;
		if (sendAt - now >= 1) await this.wait(sendAt - now);
	}

	release(ticket: GateTicket, outcome: GateOutcome): void {
		this.inFlight--;
		if (outcome.kind === 'throttled') this.throttled++;
		const latencyMs = this.now() - ticket.startedAt;
		if (outcome.kind === 'ok') this.smoothedMs = this.smoothedMs === 0 ? latencyMs : this.smoothedMs * 0.8 + latencyMs * 0.2;
		this.onRelease(ticket, outcome, latencyMs);
		this.wakeWaiters();
	}

	/** Wakes as many waiters as there are free slots now (the limit may have grown). */
	private wakeWaiters(): void {
		let free = Math.max(1, this.currentLimit() - this.inFlight);
		while (free-- > 0 && this.waiters.length) this.waiters.shift()!();
	}

	pauseFor(ms: number): void {
		this.lastPauseMs = ms;
		const until = this.now() + ms;
		if (until > this.pausedUntil) {
			this.pausedMs += until - Math.max(this.pausedUntil, this.now());
			this.pausedUntil = until;
		}
	}

	noteRetryAfterThrottle(): void {
		this.retried++;
	}

	stats(): GateStats {
		return {
			limit: Math.floor(this.currentLimit()),
			maxLimitReached: this.maxReached,
			throttled: this.throttled,
			retriedAfterThrottle: this.retried,
			pausedMs: this.pausedMs,
		};
	}
}

/** A fixed number of requests in flight (the user chose a fixed concurrency). */
export class FixedGate extends BaseGate {
	constructor(
		private readonly limit: number,
		now?: () => number,
		wait?: (ms: number) => Promise<void>,
	) {
		super(now, wait);
	}

	protected currentLimit(): number {
		return this.limit;
	}

	protected onRelease(): void {}
}
