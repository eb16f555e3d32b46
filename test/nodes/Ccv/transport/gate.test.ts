import { sleep } from 'n8n-workflow';

import { AdaptiveGate, FixedGate } from '../../../../nodes/Ccv/transport/gate';
import type { GateTicket } from '../../../../nodes/Ccv/transport/gate';

/** A clock the test moves by hand. */
function clock(start = 1_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function fill(gate: AdaptiveGate | FixedGate, n: number): Promise<GateTicket[]> {
	const tickets: GateTicket[] = [];
	for (let k = 0; k < n; k++) tickets.push(await gate.acquire());
	return tickets;
}

describe('AdaptiveGate', () => {
	it('starts low and grows while answers come back fast and clean, up to Max Concurrency', async () => {
		const c = clock();
		const gate = new AdaptiveGate({ max: 20, initial: 2, now: c.now });
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
		const gate = new AdaptiveGate({ max: 20, initial: 12, now: c.now });
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
		const gate = new AdaptiveGate({ max: 20, initial: 12, now: c.now });
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
		const gate = new AdaptiveGate({ max: 20, initial: 11, probeAfterMs: 5_000, now: c.now });
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
		const gate = new AdaptiveGate({ max: 20, initial: 10, now: c.now });
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
		const gate = new AdaptiveGate({ max: 20, initial: 12, now: () => c.t });
		const tickets = await fill(gate, 12);
		c.t = 5;
		gate.release(tickets[11], { kind: 'throttled' }); // sent as the 12th
		gate.release(tickets[10], { kind: 'throttled' }); // sent as the 11th: CCV's limit is 10
		expect(gate.stats().limit).toBe(10);
	});
});

describe('AdaptiveGate against a rate limit', () => {
	it('on a second push-back, settles at the level the served rate allows (rate x latency)', async () => {
		const c = { t: 0 };
		const gate = new AdaptiveGate({ max: 20, initial: 8, now: () => c.t });
		// First push-back at 8 in flight: level 7.
		let tickets = await fill(gate, 8);
		c.t = 25;
		gate.release(tickets[7], { kind: 'throttled' });
		for (const ticket of tickets.slice(0, 7)) gate.release(ticket, { kind: 'ok' });
		expect(gate.stats().limit).toBe(7);
		// CCV then serves 200 answers a second (one every 5 ms), each taking 25 ms.
		for (let k = 0; k < 60; k++) {
			const [ticket] = await fill(gate, 1);
			c.t += 5;
			ticket.startedAt = c.t - 25;
			gate.release(ticket, { kind: 'ok' });
		}
		tickets = await fill(gate, 7);
		c.t += 1;
		gate.release(tickets[6], { kind: 'throttled' });
		// 200/s x 25 ms = 5 requests in flight.
		expect(gate.stats().limit).toBe(5);
	});
});
