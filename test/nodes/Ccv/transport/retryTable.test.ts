import { runProbe } from '../router/fakeNode';
import { closedPort, useWire } from './wire';
import type { WireAnswer } from './wire';

// The README's retry table, row by row, at the wire: the probe
// resource sends exactly the method (and Idempotency-Reference) asked for; the first answer is the
// row's failure, every later one a 200. "resent" = a second request reached the server.
const wire = useWire();

const FAKE_TEST_KEY = ['t', 'table', 'fake'].join('_');
const creds = () => ({ apiKey: FAKE_TEST_KEY, baseUrl: wire.url });

type Kind = 'GET' | 'DELETE' | 'POST+ref' | 'POST' | 'PUT' | 'PATCH';
const SAFE: Kind[] = ['GET', 'DELETE', 'POST+ref'];
const UNSAFE: Kind[] = ['POST', 'PUT', 'PATCH'];
const ALL: Kind[] = [...SAFE, ...UNSAFE];

const request = (kind: Kind) => ({
	method: kind === 'POST+ref' ? 'POST' : kind,
	ref: kind === 'POST+ref' ? 'REF-1' : '',
	options: { retries: 1, maxRetryWait: 5 },
});

interface Row {
	failure: string;
	first: WireAnswer;
	resent: Kind[];
	notResent: Kind[];
}

const ccvError = { type: 'process_error', message: 'failed', reference: 'r1' };
const rows: Row[] = [
	{ failure: '429 with Retry-After', first: { status: 429, headers: { 'retry-after': '0' }, body: ccvError }, resent: ALL, notResent: [] },
	{ failure: '429 without Retry-After', first: { status: 429, body: ccvError }, resent: ALL, notResent: [] },
	...[500, 502, 503, 504].map((status) => ({ failure: String(status), first: { status, body: ccvError }, resent: SAFE, notResent: UNSAFE })),
	{ failure: '503 with Retry-After', first: { status: 503, headers: { 'retry-after': '0' }, body: ccvError }, resent: SAFE, notResent: UNSAFE },
	{ failure: 'dropped connection', first: 'drop', resent: SAFE, notResent: UNSAFE },
	...[400, 401, 403, 405, 409, 415].map((status) => ({ failure: String(status), first: { status, body: { type: 'input_error', message: 'no', field: 'x' } }, resent: [], notResent: ALL })),
	{ failure: "404 (CCV's not found)", first: { status: 404, body: { type: 'input_error', message: 'Customer not found', field: 'id' } }, resent: [], notResent: ALL },
];

const cases = rows.flatMap((row) => [
	...row.resent.map((kind) => ({ ...row, kind, expected: 'resent' as const })),
	...row.notResent.map((kind) => ({ ...row, kind, expected: 'not resent' as const })),
]);

describe('retry table, row by row', () => {
	it.each(cases)('$failure, $kind: $expected', async ({ first, kind, expected }) => {
		wire.handle((_req, n) => (n === 1 ? first : { status: 200, body: { ok: true } }));
		const { error } = await runProbe(creds(), request(kind));
		expect(wire.log.map((r) => r.method)).toEqual(new Array(expected === 'resent' ? 2 : 1).fill(request(kind).method));
		if (expected === 'resent') expect(error).toBeUndefined();
		else expect(error).toBeDefined();
		if (kind === 'POST+ref') expect(wire.log.every((r) => r.headers['idempotency-reference'] === 'REF-1')).toBe(true);
	});

	it('429 with Retry-After: waits what CCV asked', async () => {
		wire.handle((_req, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, body: {} }));
		await runProbe(creds(), request('POST'));
		expect(wire.log[1].at - wire.log[0].at).toBeGreaterThanOrEqual(1000);
	});

	it('429 without Retry-After: a short back-off of 0.5-1 s', async () => {
		wire.handle((_req, n) => (n === 1 ? { status: 429 } : { status: 200, body: {} }));
		await runProbe(creds(), request('PUT'));
		const waited = wire.log[1].at - wire.log[0].at;
		expect(waited).toBeGreaterThanOrEqual(450);
		expect(waited).toBeLessThan(1500);
	});

	it('a Retry-After longer than Max Retry Wait: not resent, and the error says why', async () => {
		wire.handle(() => ({ status: 429, headers: { 'retry-after': '30' } }));
		const { error } = await runProbe(creds(), request('GET'));
		expect(wire.log).toHaveLength(1);
		expect(error?.description).toContain('CCV asked to wait 30 s before trying again, longer than the node\'s "Max Retry Wait"');
	});

	it('a PUT answered 503 with Retry-After is not resent: a gateway may have applied it (issue 15 #7)', async () => {
		wire.handle((_req, n) => (n === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200, body: {} }));
		const { error } = await runProbe(creds(), { ...request('PUT'), options: { retries: 3 } });
		expect(wire.log).toHaveLength(1);
		expect(error?.description).toContain('was not sent again automatically, because CCV may already have applied it');
	});
});

describe('Retries and Max Retry Wait bound every kind of retry (issue 15 #10)', () => {
	it('a refused connection is tried 1 + Retries times, not 10 times over minutes', async () => {
		const port = await closedPort();
		const started = Date.now();
		const { error } = await runProbe({ apiKey: FAKE_TEST_KEY, baseUrl: `http://127.0.0.1:${port}` }, {
			method: 'POST',
			options: { retries: 1, maxRetryWait: 5 },
		});
		expect(error?.message).toMatch(/the connection was refused/);
		expect(error?.description).toContain('after 2 attempt(s)');
		expect(Date.now() - started).toBeLessThan(5000);
	}, 20_000);

	it('Retries 0: a refused connection is not tried again', async () => {
		const port = await closedPort();
		const { error } = await runProbe({ apiKey: FAKE_TEST_KEY, baseUrl: `http://127.0.0.1:${port}` }, { options: { retries: 0 } });
		expect(error?.description).toContain('after 1 attempt(s)');
	}, 20_000);

	it('a server answering only 429: each item stops after Retries repeats', async () => {
		wire.handle(() => ({ status: 429, headers: { 'retry-after': '0' } }));
		const { error } = await runProbe(creds(), { options: { retries: 2 } });
		expect(wire.log).toHaveLength(3);
		expect(error?.message).toBe('CCV is receiving too many requests');
	});

	it('a GET answered 500 is sent again', async () => {
		wire.handle((_req, n) => (n === 1 ? { status: 500, body: ccvError } : { status: 200, body: {} }));
		const { error } = await runProbe(creds(), { options: { retries: 1 } });
		expect(error).toBeUndefined();
		expect(wire.log).toHaveLength(2);
	});

	it('Fixed Concurrency 20 against a server taking 2 at a time (Retry-After: 0): every item succeeds', async () => {
		wire.handle(() => (wire.inFlight > 2 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200, body: {}, delayMs: 50 }));
		const items = Array.from({ length: 60 }, () => ({}));
		const { error, items: out, runData } = await runProbe(creds(), { options: { maxConcurrency: 20, fixedConcurrency: true } }, items);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(60);
		expect(JSON.stringify(runData.CCV?.[0]?.hints)).toContain('too many requests');
		expect(wire.log.filter((r) => r.method === 'GET')).not.toHaveLength(60); // 429s happened
	}, 60_000);

	// Issue 23 #13: "Retries 0" under Fixed Concurrency failed 22 of 30 items against 2 in flight.
	it('row "429 while the run makes progress": Retries 0, Fixed Concurrency 10 against a server taking 2 at a time: every item succeeds', async () => {
		let refused = 0;
		wire.handle(() => (wire.inFlight > 2 ? (refused++, { status: 429, headers: { 'retry-after': '0' } }) : { status: 200, body: {}, delayMs: 30 }));
		const items = Array.from({ length: 30 }, () => ({}));
		const { error, items: out } = await runProbe(creds(), { options: { maxConcurrency: 10, fixedConcurrency: true, retries: 0 } }, items);
		expect(refused).toBeGreaterThan(0);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(30);
	}, 60_000);

	it('row "429 while the run makes progress": the waits of one request on uncounted 429s stop at Max Retry Wait in total', async () => {
		// One item is always refused while the others go through: it may wait at most Max Retry Wait (1 s) in all.
		let firstPath: string | undefined;
		wire.handle((req) => {
			firstPath ??= req.url;
			return req.url === firstPath ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, body: {}, delayMs: 100 };
		});
		const items = Array.from({ length: 40 }, (_, k) => ({ id: `p${k}` }));
		const started = Date.now();
		const { error } = await runProbe(creds(), { path: '={{ "/api/v1/probe/" + $json.id }}', options: { maxConcurrency: 2, fixedConcurrency: true, retries: 0, maxRetryWait: 1 } }, items);
		expect(error?.message).toBe('CCV is receiving too many requests');
		expect(wire.log.filter((r) => r.url === firstPath)).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(10_000);
	}, 60_000);

	it('429 on half the requests without Retry-After: 20 items finish in seconds, not minutes', async () => {
		wire.handle((_req, n) => (n % 2 === 1 ? { status: 429 } : { status: 200, body: {}, delayMs: 5 }));
		const started = Date.now();
		const items = Array.from({ length: 20 }, () => ({}));
		const { error, items: out } = await runProbe(creds(), {}, items);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(20);
		expect(Date.now() - started).toBeLessThan(10_000);
	}, 60_000);

	it('the execution hint counts only 429s as "too many requests", not a plain 503', async () => {
		wire.handle((_req, n) => (n === 1 ? { status: 503, body: ccvError } : { status: 200, body: {} }));
		const { runData, error } = await runProbe(creds(), { options: { retries: 1 } });
		expect(error).toBeUndefined();
		const hints = JSON.stringify(runData.CCV?.[0]?.hints ?? []);
		expect(hints).not.toContain('too many requests');
	});
});
