// Faults on demand. The first fault whose match, count and fraction admit a request applies to it
// (one fault per request). `fraction` draws from a seeded pseudo-random source so runs repeat.
import type { FaultSpec } from './types';

const STATUSES = [429, 500, 502, 503, 504];
const KINDS = ['latency', 'status', 'drop-after-apply', 'drop-before-apply', 'slow-body', 'respond'];

interface Active {
	spec: FaultSpec;
	method?: string;
	path?: RegExp;
	remaining: number;
}

/** mulberry32: small, fast, good enough to spread fault fractions. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Checks a FaultSpec (e.g. one sent as JSON to the control API); throws a readable Error. */
export function validateFault(input: unknown): FaultSpec {
	if (typeof input !== 'object' || input === null) throw new Error('a fault must be an object');
	const f = input as Record<string, unknown>;
	if (!KINDS.includes(f.kind as string)) throw new Error(`kind must be one of: ${KINDS.join(', ')}`);
	const nonNegative = (name: string) => {
		if (typeof f[name] !== 'number' || !Number.isFinite(f[name]) || (f[name] as number) < 0) {
			throw new Error(`${name} must be a number >= 0`);
		}
	};
	if (f.kind === 'latency' || f.kind === 'slow-body') nonNegative('ms');
	if (f.kind === 'status' && !STATUSES.includes(f.status as number)) {
		throw new Error(`status must be one of: ${STATUSES.join(', ')}`);
	}
	if (f.kind === 'respond') {
		if (!Number.isInteger(f.status) || (f.status as number) < 200 || (f.status as number) > 599) {
			throw new Error('status must be a whole number 200..599');
		}
		const headers = f.headers;
		if (headers !== undefined && (typeof headers !== 'object' || headers === null || Object.values(headers).some((v) => typeof v !== 'string'))) {
			throw new Error('headers must be an object of strings');
		}
	}
	if (f.retryAfter !== undefined && typeof f.retryAfter !== 'string') throw new Error('retryAfter must be a string');
	if (f.count !== undefined && (!Number.isInteger(f.count) || (f.count as number) < 1)) {
		throw new Error('count must be a whole number >= 1');
	}
	if (f.fraction !== undefined) {
		if (typeof f.fraction !== 'number' || f.fraction < 0 || f.fraction > 1) throw new Error('fraction must be 0..1');
	}
	const match = f.match;
	if (match !== undefined) {
		if (typeof match !== 'object' || match === null) throw new Error('match must be an object');
		const m = match as Record<string, unknown>;
		if (m.method !== undefined && typeof m.method !== 'string') throw new Error('match.method must be a string');
		if (m.path !== undefined && typeof m.path !== 'string' && !(m.path instanceof RegExp)) {
			throw new Error('match.path must be a RegExp source');
		}
		if (typeof m.path === 'string') new RegExp(m.path);
	}
	return input as FaultSpec;
}

export class Faults {
	private active: Active[] = [];
	private random: () => number;

	constructor(private readonly seed: number) {
		this.random = seededRandom(seed);
	}

	add(spec: FaultSpec): void {
		validateFault(spec);
		const path = spec.match?.path;
		this.active.push({
			spec,
			method: spec.match?.method?.toUpperCase(),
			path: path === undefined ? undefined : typeof path === 'string' ? new RegExp(path) : path,
			remaining: spec.count ?? Infinity,
		});
	}

	/** Removes every fault and restarts the pseudo-random sequence. */
	clear(): void {
		this.active = [];
		this.random = seededRandom(this.seed);
	}

	list(): FaultSpec[] {
		return this.active.map((a) => a.spec);
	}

	/** The fault for this request, if any; consumes one of its `count`. */
	pick(method: string, path: string): FaultSpec | undefined {
		for (const fault of this.active) {
			if (fault.remaining <= 0) continue;
			if (fault.method && fault.method !== method) continue;
			if (fault.path) {
				fault.path.lastIndex = 0;
				if (!fault.path.test(path)) continue;
			}
			const fraction = fault.spec.fraction ?? 1;
			if (fraction < 1 && this.random() >= fraction) continue;
			fault.remaining--;
			return fault.spec;
		}
		return undefined;
	}
}
