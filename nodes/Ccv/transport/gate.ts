import { sleep } from 'n8n-workflow';

/** Sends leave at most this fraction of (round trip / level) apart: see BaseGate.pace. */
const PACE_FACTOR = 0.8;

const MIN_CALM_BEFORE_PROBE_MS = 1_000;

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

abstract class BaseGate implements RequestGate {
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

export interface AdaptiveGateOptions {
	/** Never more than this many requests in flight. */
	max: number;
	/** Where a run starts. */
	initial?: number;
	/**
	 * After CCV pushed back, how long to hold the found level before trying one more. Default: ten
	 * times the last Retry-After pause, at least 1 s, so failed probes cost at most a tenth of the run.
	 */
	probeAfterMs?: number;
	now?: () => number;
	/** How to wait (tests pass one that moves their clock). */
	wait?: (ms: number) => Promise<void>;
}

/**
 * Finds how many requests CCV takes at once, by itself. Starts low and doubles while answers
 * come back fast and clean; a 429 sets a ceiling just under the level it happened at; rising
 * latency shrinks the level. The ceiling is probed again only after a calm stretch, because every
 * 429 costs the whole run a Retry-After pause.
 */
export class AdaptiveGate extends BaseGate {
	private limit: number;

	private ceiling = Infinity;

	private lastCut = -Infinity;

	private lastThrottleAt = -Infinity;

	/** The ceiling was raised by one after a calm stretch and no 429 has answered that yet. */
	private probing = false;

	/** Pushed back once more at the level found, and stepped one down (see onRelease); again after a probe. */
	private steppedDown = false;

	private baselineMs = Infinity;

	/** When recent clean answers came back (the last 512), to measure what CCV actually served. */
	private okTimes: number[] = [];

	private readonly max: number;

	private readonly probeAfterMs: number | undefined;

	constructor(options: AdaptiveGateOptions) {
		super(options.now, options.wait);
		this.max = Math.max(1, Math.floor(options.max));
		this.limit = Math.min(this.max, options.initial ?? 2);
		this.probeAfterMs = options.probeAfterMs;
	}

	protected currentLimit(): number {
		return Math.max(1, Math.floor(this.limit));
	}

	protected onRelease(ticket: GateTicket, outcome: GateOutcome, latencyMs: number): void {
		const now = this.now();
		if (outcome.kind === 'throttled') {
			this.lastThrottleAt = now;
			const level = Math.max(1, ticket.inFlightAtStart - 1);
			if (this.ceiling === Infinity) {
				// First push-back: just under the level it came at (exact for a limit on requests in flight).
				this.ceiling = level;
				this.lastCut = now;
			} else if (ticket.startedAt < this.lastCut || level >= this.ceiling || (this.probing && level >= this.ceiling - 1)) {
				// Nothing new since the last cut: the same burst (answers arrive in any order), a request let
				// out above the ceiling before the cut took effect, or a failed probe one above the level
				// found. Just under where it came, never lower.
				this.ceiling = Math.min(this.ceiling, level);
				this.probing = false;
			} else if (level >= this.ceiling - 1 && !this.steppedDown) {
				// Pushed back once more at the level found: CCV's count ran behind ours when the first 429 came.
				// One step down, once; a limit on requests in flight stops here.
				this.ceiling = level;
				this.lastCut = now;
				this.steppedDown = true;
			} else {
				// Pushed back again: the limit is a rate, not a count. What CCV served since the last cut, times
				// the latency, is the level that rate allows (Little's law). Right after a Retry-After pause
				// that is not known yet: cut by 30 %, as each further 429 costs the whole run a pause.
				const served = this.servedLevel(now);
				this.ceiling = Math.max(1, Math.min(level, served ?? Math.floor(this.ceiling * 0.7)));
				this.lastCut = now;
				this.probing = false;
			}
			this.limit = Math.min(this.limit, this.ceiling);
			return;
		}
		if (outcome.kind !== 'ok') return;

		this.okTimes.push(now);
		if (this.okTimes.length > 1024) this.okTimes.splice(0, 512);
		this.baselineMs = Math.min(this.baselineMs, Math.max(1, latencyMs));
		const slow = this.smoothedMs > this.baselineMs * 3;
		if (slow) {
			// Latency keeps rising: CCV is queueing our requests. Back off gently, once per round trip.
			if (now - this.lastCut > this.smoothedMs) {
				this.limit = Math.max(1, this.limit * 0.8);
				this.lastCut = now;
			}
			return;
		}
		if (this.ceiling !== Infinity && now - this.lastThrottleAt > this.calmBeforeProbeMs() && this.limit >= this.ceiling) {
			this.ceiling++;
			this.probing = true;
			this.steppedDown = false;
			this.lastThrottleAt = now; // one probe per calm stretch
		}
		const cap = Math.min(this.max, this.ceiling);
		if (this.limit >= cap) return;
		// Below any ceiling found: slow start (+1 per answer, doubling each round trip).
		this.limit = Math.min(cap, this.limit + (this.ceiling === Infinity ? 1 : 1 / this.limit));
	}

	private calmBeforeProbeMs(): number {
		return this.probeAfterMs ?? Math.max(MIN_CALM_BEFORE_PROBE_MS, 10 * this.lastPauseMs);
	}

	/** Requests in flight that the answers since the last cut (or pause) sustain; undefined if too few. */
	private servedLevel(now: number): number | undefined {
		const from = Math.max(now - 1000, this.lastCut, this.pausedUntil);
		const span = now - from;
		const answers = this.okTimes.filter((t) => t >= from).length;
		if (answers < 10 || this.smoothedMs < 1 || span < 2 * this.smoothedMs) return undefined;
		return Math.floor((answers / span) * this.smoothedMs);
	}
}
