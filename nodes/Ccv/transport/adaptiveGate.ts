import { BaseGate } from './gate';
import type { GateOutcome, GateTicket } from './gate';

const MIN_CALM_BEFORE_PROBE_MS = 1_000;

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
