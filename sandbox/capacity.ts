// Capacity limits (issue 10): at most N requests in flight and/or at most R per second (token
// bucket). A request over either limit is answered 429 with Retry-After and nothing is applied.
import type { CapacitySettings } from './types';

export type Admission = { ok: true } | { ok: false; retryAfter: string; reason: 'in-flight' | 'rate' };

export class Capacity {
	private maxInFlight: number | null = null;
	private ratePerSecond: number | null = null;
	private burst: number | null = null;
	private retryAfterSeconds: number | undefined;
	private inFlight = 0;
	private tokens = 0;
	private refilledAt = 0;

	constructor(private readonly clock: () => number = () => performance.now()) {}

	set(settings: CapacitySettings): void {
		const positive = (name: string, value: unknown) => {
			if (value !== undefined && value !== null && (typeof value !== 'number' || !(value > 0))) {
				throw new Error(`${name} must be a number > 0 or null`);
			}
		};
		positive('maxInFlight', settings.maxInFlight);
		positive('ratePerSecond', settings.ratePerSecond);
		positive('burst', settings.burst);
		const retry = settings.retryAfterSeconds;
		if (retry !== undefined && (typeof retry !== 'number' || !Number.isInteger(retry) || retry < 0)) {
			throw new Error('retryAfterSeconds must be a whole number >= 0');
		}
		if (settings.maxInFlight !== undefined) this.maxInFlight = settings.maxInFlight;
		if (settings.burst !== undefined) this.burst = settings.burst;
		if (settings.ratePerSecond !== undefined) this.ratePerSecond = settings.ratePerSecond;
		if (retry !== undefined) this.retryAfterSeconds = retry;
		// A new rate (or burst) starts with a full bucket.
		if (settings.ratePerSecond !== undefined || settings.burst !== undefined) {
			this.tokens = this.bucketSize();
			this.refilledAt = this.clock();
		}
	}

	settings(): CapacitySettings {
		return {
			maxInFlight: this.maxInFlight,
			ratePerSecond: this.ratePerSecond,
			burst: this.ratePerSecond === null ? null : this.bucketSize(),
			retryAfterSeconds: this.retryAfterSeconds ?? 1,
		};
	}

	reset(): void {
		this.maxInFlight = null;
		this.ratePerSecond = null;
		this.burst = null;
		this.retryAfterSeconds = undefined;
	}

	private bucketSize(): number {
		return this.burst ?? Math.max(1, this.ratePerSecond ?? 1);
	}

	/** Admits a request (call `release` when it ends) or says how long to wait. */
	admit(): Admission {
		if (this.maxInFlight !== null && this.inFlight >= this.maxInFlight) {
			return { ok: false, reason: 'in-flight', retryAfter: String(this.retryAfterSeconds ?? 1) };
		}
		if (this.ratePerSecond !== null) {
			const now = this.clock();
			const rate = this.ratePerSecond;
			this.tokens = Math.min(this.bucketSize(), this.tokens + ((now - this.refilledAt) / 1000) * rate);
			this.refilledAt = now;
			if (this.tokens < 1) {
				const wait = Math.ceil((1 - this.tokens) / rate);
				return { ok: false, reason: 'rate', retryAfter: String(this.retryAfterSeconds ?? Math.max(1, wait)) };
			}
			this.tokens -= 1;
		}
		this.inFlight++;
		return { ok: true };
	}

	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}
}
