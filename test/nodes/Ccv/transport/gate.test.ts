import { sleep } from 'n8n-workflow';

import { AdaptiveGate } from '../../../../nodes/Ccv/transport/adaptiveGate';
import { FixedGate } from '../../../../nodes/Ccv/transport/gate';
import type { GateTicket } from '../../../../nodes/Ccv/transport/gate';

/** A clock the test moves by hand; the gate's own waits (pauses, pacing) move it too. */
function clock(start = 1_000) {
	let t = start;
	return {
		now: () => t,
		advance: (ms: number) => (t += ms),
		wait: async (ms: number) => {
			t += ms;
		},
	};
}

async function fill(gate: AdaptiveGate | FixedGate, n: number): Promise<GateTicket[]> {
	const tickets: GateTicket[] = [];
	for (let k = 0; k < n; k++) tickets.push(await gate.acquire());
	return tickets;
}

describe('AdaptiveGate', () => {
	it('starts low and grows while answers come back fast and clean, up to Max Concurrency', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 2, now: c.now, wait: c.wait });
		expect(gate.stats().limit).toBe(2);
		for (let round = 0; round < 6; round++) {
			const tickets = await fill(gate, gate.stats().limit);
			c.advance(25);
			for (const t of tickets) gate.release(t, { kind: 'ok' });
		}
		expect(gate.stats().limit).toBe(20);
	});

	it('sets its level just under where CCV answered 429, once per burst', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 12, now: c.now, wait: c.wait });
		const tickets = await fill(gate, 12);
		c.advance(1);
		// The 11th and 12th request were over CCV's limit of 10.
		gate.release(tickets[10], { kind: 'throttled' });
		gate.release(tickets[11], { kind: 'throttled' });
		expect(gate.stats().limit).toBe(10);
		expect(gate.stats().throttled).toBe(2);
	});

	it('cuts further when CCV still pushes back at the level it found', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 12, now: c.now, wait: c.wait });
		let tickets = await fill(gate, 12);
		gate.release(tickets[11], { kind: 'throttled' }); // level 11
		for (const t of tickets.slice(0, 11)) gate.release(t, { kind: 'ok' });
		c.advance(100);
		tickets = await fill(gate, 11);
		gate.release(tickets[10], { kind: 'throttled' }); // sent after the cut: the 11th is still one too many
		expect(gate.stats().limit).toBe(10);
	});

	it('does not climb past the level found until a calm stretch has passed, then probes one more', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 11, probeAfterMs: 5_000, now: c.now, wait: c.wait });
		let tickets = await fill(gate, 11);
		gate.release(tickets[10], { kind: 'throttled' });
		for (const t of tickets.slice(0, 10)) gate.release(t, { kind: 'ok' });
		for (let k = 0; k < 50; k++) {
			c.advance(25);
			tickets = await fill(gate, 1);
			gate.release(tickets[0], { kind: 'ok' });
		}
		expect(gate.stats().limit).toBe(10);
		c.advance(5_000);
		tickets = await fill(gate, 1);
		gate.release(tickets[0], { kind: 'ok' });
		expect(gate.stats().limit).toBe(10);
		for (let k = 0; k < 20; k++) {
			tickets = await fill(gate, 1);
			gate.release(tickets[0], { kind: 'ok' });
		}
		expect(gate.stats().limit).toBe(11);
	});

	it('shrinks when latency keeps rising', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 10, now: c.now, wait: c.wait });
		let t = await fill(gate, 1);
		c.advance(20);
		gate.release(t[0], { kind: 'ok' }); // baseline 20 ms
		const before = gate.stats().limit;
		for (let k = 0; k < 10; k++) {
			t = await fill(gate, 1);
			c.advance(400);
			gate.release(t[0], { kind: 'ok' });
		}
		expect(gate.stats().limit).toBeLessThan(before);
		expect(gate.stats().limit).toBeGreaterThanOrEqual(1);
	});

	it('never lets more requests fly than its level', async () => {
		const gate = new AdaptiveGate({ max: 3, initial: 3 });
		const tickets = await fill(gate, 3);
		let fourth = false;
		const pending = gate.acquire().then((t) => {
			fourth = true;
			return t;
		});
		await sleep(5);
		expect(fourth).toBe(false);
		gate.release(tickets[0], { kind: 'ok' });
		gate.release(await pending, { kind: 'ok' });
		expect(fourth).toBe(true);
	});
});

describe('pauses (Retry-After)', () => {
	it('holds back every new request until the pause ends', async () => {
		const gate = new FixedGate(5);
		const until = Date.now() + 60;
		gate.pauseFor(60);
		const [a, b] = await Promise.all([gate.acquire(), gate.acquire()]);
		expect(a.startedAt).toBeGreaterThanOrEqual(until);
		expect(b.startedAt).toBeGreaterThanOrEqual(until);
		expect(gate.stats().pausedMs).toBeGreaterThanOrEqual(59);
	});
});

describe('AdaptiveGate, answers out of order', () => {
	it('keeps the lowest level of one burst, whatever order its 429s arrive in', async () => {
		const c = { t: 0 };
		const gate = new AdaptiveGate({ max: 20, initial: 12, now: () => c.t, wait: async (ms) => void (c.t += ms) });
		const tickets = await fill(gate, 12);
		c.t = 5;
		gate.release(tickets[11], { kind: 'throttled' }); // sent as the 12th
		gate.release(tickets[10], { kind: 'throttled' }); // sent as the 11th: CCV's limit is 10
		expect(gate.stats().limit).toBe(10);
	});
});

describe('AdaptiveGate, a request let out before the cut', () => {
	it('answered 429 after the cut, it does not cut again: it left above the level found', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 12, now: c.now, wait: c.wait });
		const tickets = await fill(gate, 12);
		c.advance(25);
		gate.release(tickets[10], { kind: 'throttled' }); // the 11th: CCV's limit is 10
		expect(gate.stats().limit).toBe(10);
		// The 12th waited for its turn (pacing) and reached CCV only after that answer.
		tickets[11].startedAt = c.now();
		c.advance(25);
		gate.release(tickets[11], { kind: 'throttled' });
		expect(gate.stats().limit).toBe(10);
	});
});

describe('AdaptiveGate against a rate limit', () => {
	it('pushed back below the level found, settles at the level the served rate allows (rate x latency)', async () => {
		const c = clock(0);
		const gate = new AdaptiveGate({ max: 20, initial: 10, now: c.now, wait: c.wait });
		// First push-back at 10 in flight: level 9.
		let tickets = await fill(gate, 10);
		c.advance(25);
		gate.release(tickets[9], { kind: 'throttled' });
		for (const ticket of tickets.slice(0, 9)) gate.release(ticket, { kind: 'ok' });
		expect(gate.stats().limit).toBe(9);
		// CCV then serves 200 answers a second (one every 5 ms), each taking 25 ms.
		for (let k = 0; k < 60; k++) {
			const [ticket] = await fill(gate, 1);
			c.advance(5);
			ticket.startedAt = c.now() - 25;
			gate.release(ticket, { kind: 'ok' });
		}
		tickets = await fill(gate, 8);
		c.advance(1);
		gate.release(tickets[7], { kind: 'throttled' }); // at 8 in flight, below the 9 found
		// 200/s x 25 ms = 5 requests in flight.
		expect(gate.stats().limit).toBe(5);
	});

	it('pushed back at the level found right after each pause, steps one down once, then cuts by 30 %', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 13, now: c.now, wait: c.wait });
		const pushedBackAtTop = async () => {
			const level = gate.stats().limit;
			const tickets = await fill(gate, level);
			c.advance(25);
			gate.release(tickets[level - 1], { kind: 'throttled' });
			gate.pauseFor(1_000);
			for (const t of tickets.slice(0, level - 1)) gate.release(t, { kind: 'ok' });
			c.advance(1_000);
			return gate.stats().limit;
		};
		expect(await pushedBackAtTop()).toBe(12); // the first push-back
		expect(await pushedBackAtTop()).toBe(11); // one step down: a count that ran late
		expect(await pushedBackAtTop()).toBe(7); // a rate: 30 % off, nothing served since the pause to measure
	});
});

describe('pacing', () => {
	it('before any answer, nothing is known: the first requests leave at once', async () => {
		const c = clock();
		const gate = new FixedGate(10, c.now, c.wait);
		const tickets = await fill(gate, 10);
		expect(new Set(tickets.map((t) => t.startedAt)).size).toBe(1);
	});

	it('spreads a level\'s sends over the round trip instead of sending them as one burst', async () => {
		const c = clock();
		const gate = new FixedGate(10, c.now, c.wait);
		const [first] = await fill(gate, 1);
		c.advance(25);
		gate.release(first, { kind: 'ok' }); // a round trip takes 25 ms
		const tickets = await fill(gate, 10);
		const starts = tickets.map((t) => t.startedAt);
		const gaps = starts.slice(1).map((s, k) => s - starts[k]);
		// 25 ms / 10 in flight = 2.5 ms apart on average; pacing keeps them 80 % of that apart.
		expect(gaps.every((g) => g >= 2 - 1e-9 && g <= 2.5)).toBe(true);
		expect(starts[9] - starts[0]).toBeLessThan(25);
	});

	it('answers that arrive together are sent on spread out, not together again', async () => {
		const c = clock();
		const gate = new FixedGate(4, c.now, c.wait);
		let tickets = await fill(gate, 4);
		c.advance(40);
		for (const t of tickets) gate.release(t, { kind: 'ok' }); // all four answered in the same instant
		tickets = await fill(gate, 4);
		const starts = tickets.map((t) => t.startedAt);
		expect(starts[3] - starts[0]).toBeCloseTo(3 * (40 / 4) * 0.8, 6);
	});

	it('a sender that is late on its turn gets no credit for a burst', async () => {
		const c = clock();
		const gate = new FixedGate(10, c.now, c.wait);
		const [first] = await fill(gate, 1);
		c.advance(20);
		gate.release(first, { kind: 'ok' }); // 2 ms apart at level 10 x 0.8 = 1.6 ms
		const [a] = await fill(gate, 1);
		c.advance(50); // nobody sent for a while
		const later = await fill(gate, 3);
		expect(later[0].startedAt).toBe(a.startedAt + 50);
		expect(later[2].startedAt - later[0].startedAt).toBeCloseTo(2 * 1.6, 6);
	});
});

describe('probing for one more after a push-back', () => {
	/** Clean answers in 25 ms, one every 100 ms, for `ms`. */
	async function calm(gate: AdaptiveGate, c: ReturnType<typeof clock>, ms: number) {
		for (let spent = 0; spent < ms; spent += 100) {
			const [ticket] = await fill(gate, 1);
			c.advance(25);
			gate.release(ticket, { kind: 'ok' });
			c.advance(75);
		}
	}

	async function pushedBackAt11(pauseMs: number) {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 11, now: c.now, wait: c.wait });
		const tickets = await fill(gate, 11);
		c.advance(25);
		gate.release(tickets[10], { kind: 'throttled' });
		gate.pauseFor(pauseMs);
		for (const t of tickets.slice(0, 10)) gate.release(t, { kind: 'ok' });
		return { c, gate };
	}

	it('with no Retry-After pause, tries one more after 1 s of calm', async () => {
		const { c, gate } = await pushedBackAt11(0);
		await calm(gate, c, 900);
		expect(gate.stats().limit).toBe(10);
		await calm(gate, c, 2_000); // the probe, then one more in flight within about ten answers
		expect(gate.stats().limit).toBe(11);
	});

	it('a probe answered 429 goes back to the level found, not below it', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 11, probeAfterMs: 5_000, now: c.now, wait: c.wait });
		let tickets = await fill(gate, 11);
		c.advance(25);
		gate.release(tickets[10], { kind: 'throttled' });
		for (const t of tickets.slice(0, 10)) gate.release(t, { kind: 'ok' });
		await calm(gate, c, 6_500); // one probe (after 5 s), then the level grows into it
		expect(gate.stats().limit).toBe(11);
		// Busy at the new level: rounds of 11 answers, with a gap while n8n works between rounds.
		for (let round = 0; round < 10; round++) {
			const busy = await fill(gate, 11);
			c.advance(25);
			for (const t of busy) gate.release(t, { kind: 'ok' });
			c.advance(10);
		}
		tickets = await fill(gate, 11);
		c.advance(25);
		gate.release(tickets[10], { kind: 'throttled' }); // the 11th is still one too many
		for (const t of tickets.slice(0, 10)) gate.release(t, { kind: 'ok' });
		expect(gate.stats().limit).toBe(10);
	});

	it('after a Retry-After pause of 3 s, waits ten times that (30 s): a failed probe costs at most a tenth', async () => {
		const { c, gate } = await pushedBackAt11(3_000);
		await calm(gate, c, 26_000); // 29 s after the 429, the pause included
		expect(gate.stats().limit).toBe(10);
		await calm(gate, c, 3_000);
		expect(gate.stats().limit).toBe(11);
	});
});
