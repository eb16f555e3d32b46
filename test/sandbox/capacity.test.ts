// Capacity modes (issue 10): N requests in flight, R requests per second; over either: 429 + Retry-After, nothing applied.
import { Capacity } from '../../sandbox/capacity';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { Client } from './test-client';

describe('Capacity (fake clock)', () => {
	let now = 0;
	const clock = () => now;
	beforeEach(() => {
		now = 0;
	});

	it('admits N in flight, refuses the next, admits again after a release', () => {
		const c = new Capacity(clock);
		c.set({ maxInFlight: 2 });
		expect([c.admit().ok, c.admit().ok]).toEqual([true, true]);
		expect(c.admit()).toEqual({ ok: false, reason: 'in-flight', retryAfter: '1' });
		c.release();
		expect(c.admit().ok).toBe(true);
	});

	it('rate: a bucket of one second, refilled continuously; Retry-After rounds the wait up to whole seconds', () => {
		const c = new Capacity(clock);
		c.set({ ratePerSecond: 4 });
		const burst = Array.from({ length: 5 }, () => c.admit().ok);
		expect(burst).toEqual([true, true, true, true, false]);
		now = 249;
		expect(c.admit().ok).toBe(false);
		now = 250;
		expect(c.admit().ok).toBe(true);
		const slow = new Capacity(clock);
		slow.set({ ratePerSecond: 0.25 });
		slow.admit();
		expect(slow.admit()).toEqual({ ok: false, reason: 'rate', retryAfter: '4' });
	});

	it('burst and retryAfterSeconds can be set; null lifts a limit; reset lifts all', () => {
		const c = new Capacity(clock);
		c.set({ ratePerSecond: 10, burst: 1, retryAfterSeconds: 3 });
		expect(c.admit().ok).toBe(true);
		expect(c.admit()).toEqual({ ok: false, reason: 'rate', retryAfter: '3' });
		c.set({ ratePerSecond: null });
		expect(c.admit().ok).toBe(true);
		c.set({ maxInFlight: 1 });
		expect(c.admit().ok).toBe(false);
		c.reset();
		expect(c.admit().ok).toBe(true);
		expect(c.settings()).toEqual({ maxInFlight: null, ratePerSecond: null, burst: null, retryAfterSeconds: 1 });
	});

	it('refuses nonsense settings', () => {
		const c = new Capacity(clock);
		expect(() => c.set({ maxInFlight: 0 })).toThrow(/maxInFlight/);
		expect(() => c.set({ ratePerSecond: -1 })).toThrow(/ratePerSecond/);
		expect(() => c.set({ retryAfterSeconds: 1.5 })).toThrow(/retryAfterSeconds/);
	});
});

describe('capacity over HTTP', () => {
	let sb: Sandbox;
	let api: Client;
	beforeAll(async () => {
		sb = await startSandbox({ maxInFlight: 2 });
		api = new Client(sb);
	});
	afterAll(async () => {
		await api.close();
		await sb.close();
	});
	beforeEach(() => sb.reset());

	const create = (i: number) => api.post('/api/v1/customer', { externalId: `c${i}`, customerReference: 'R', registrationExpiration: 0 });

	it('maxInFlight: requests beyond N in flight get 429 + Retry-After and are not applied', async () => {
		sb.setLatency(300);
		const answers = await Promise.all([0, 1, 2, 3, 4].map(create));
		const statuses = answers.map((a) => a.status).sort();
		expect(statuses).toEqual([200, 200, 429, 429, 429]);
		const refused = answers.filter((a) => a.status === 429);
		for (const a of refused) {
			expect(a.headers['retry-after']).toBe('1');
			expect(a.body).toMatchObject({ type: 'process_error', message: 'Too many requests' });
		}
		expect(sb.state.customers()).toHaveLength(2);
		expect(sb.log.filter((e) => e.outcome === 'rejected-capacity')).toHaveLength(3);
		// Once the first two are done, there is room again.
		expect((await create(9)).status).toBe(200);
	});

	it('ratePerSecond: a full bucket, then 429 with Retry-After', async () => {
		sb.capacity.set({ maxInFlight: null, ratePerSecond: 3 });
		const answers = await Promise.all([0, 1, 2, 3, 4, 5].map(create));
		expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
		expect(answers.find((a) => a.status === 429)?.headers['retry-after']).toBe('1');
		expect(sb.state.customers()).toHaveLength(3);
	});

	it('reset restores the limits the sandbox started with', async () => {
		sb.capacity.set({ maxInFlight: null, retryAfterSeconds: 5 });
		sb.reset();
		expect(sb.capacity.get()).toEqual({ maxInFlight: 2, ratePerSecond: null, burst: null, retryAfterSeconds: 1 });
	});

	it('control requests are never limited', async () => {
		sb.capacity.set({ ratePerSecond: 1, burst: 1 });
		expect((await create(0)).status).toBe(200);
		for (let i = 0; i < 3; i++) expect((await api.get('/_sandbox/state', { auth: false })).status).toBe(200);
		expect((await create(1)).status).toBe(429);
	});
});
