/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// Faults on demand: each kind, their scoping (method, path, count, fraction) and repeatability.
import { useTestSandbox } from './testing';
import { paymentBody } from './test-client';

const t = useTestSandbox();

const customer = { customerReference: 'R', registrationExpiration: 0 };

describe('status faults answer without applying anything', () => {
	it('429 carries Retry-After (default 1) and a CCV error body', async () => {
		t.sb.faults.add({ kind: 'status', status: 429, count: 1 });
		const res = await t.api.post('/api/v1/customer', customer);
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe('1');
		expect(res.body).toMatchObject({ type: 'process_error', message: 'Too many requests', reference: expect.any(String) });
		expect(t.sb.state.customers()).toEqual([]);
		expect((await t.api.post('/api/v1/customer', customer)).status).toBe(200);
	});

	it('429 with an HTTP-date Retry-After', async () => {
		const date = 'Wed, 21 Oct 2037 07:28:00 GMT';
		t.sb.faults.add({ kind: 'status', status: 429, retryAfter: date });
		expect((await t.api.get('/api/v1/method')).headers['retry-after']).toBe(date);
	});

	it.each([500, 502, 503] as const)('%i answers an unexpected_error body', async (status) => {
		t.sb.faults.add({ kind: 'status', status, count: 1 });
		const res = await t.api.post('/api/v1/payment', paymentBody());
		expect(res.status).toBe(status);
		expect(res.body).toMatchObject({ type: 'unexpected_error', reference: expect.any(String) });
		expect(res.body.transactionReference).toBeUndefined();
		expect(t.sb.state.transactions()).toEqual([]);
	});

	it('503 may carry Retry-After', async () => {
		t.sb.faults.add({ kind: 'status', status: 503, retryAfter: '7' });
		expect((await t.api.get('/api/v1/method')).headers['retry-after']).toBe('7');
	});
});

describe('504: applied, but the answer timed out', () => {
	it('names the created transaction in transactionReference; querying it shows the truth', async () => {
		t.sb.faults.add({ kind: 'status', status: 504, count: 1 });
		const res = await t.api.post('/api/v1/payment', paymentBody());
		expect(res.status).toBe(504);
		expect(res.body).toMatchObject({ type: 'process_error', transactionReference: expect.any(String) });
		const [tx] = t.sb.state.transactions();
		expect(res.body.transactionReference).toBe(tx.reference);
		expect((await t.api.get(`/api/v1/transaction?reference=${tx.reference}`)).body.status).toBe('pending');
	});

	it('a retry with the same Idempotency-Reference gets the real answer and creates nothing', async () => {
		t.sb.faults.add({ kind: 'status', status: 504, count: 1 });
		const headers = { 'Idempotency-Reference': 'after-timeout' };
		const timedOut = await t.api.post('/api/v1/payment', paymentBody(), { headers });
		const retry = await t.api.post('/api/v1/payment', paymentBody(), { headers });
		expect(retry.status).toBe(200);
		expect(retry.body.reference).toBe(timedOut.body.transactionReference);
		expect(t.sb.state.transactions()).toHaveLength(1);
	});

	it('carries no transactionReference when nothing was created', async () => {
		t.sb.faults.add({ kind: 'status', status: 504, count: 1 });
		const res = await t.api.post('/api/v1/customer', customer);
		expect(res.status).toBe(504);
		expect(res.body.transactionReference).toBeUndefined();
		expect(t.sb.state.customers()).toHaveLength(1);
	});
});

describe('dropped connections', () => {
	it('drop-before-apply: no answer, nothing applied, logged as dropped', async () => {
		t.sb.faults.add({ kind: 'drop-before-apply', count: 1 });
		await expect(t.api.post('/api/v1/customer', customer)).rejects.toThrow();
		expect(t.sb.state.customers()).toEqual([]);
		expect(t.sb.log).toEqual([expect.objectContaining({ path: '/api/v1/customer', status: 0, outcome: 'dropped', body: customer })]);
	});

	it('drop-after-apply: no answer but applied; a retry with the same Idempotency-Reference gets the answer and creates nothing', async () => {
		t.sb.faults.add({ kind: 'drop-after-apply', count: 1 });
		const headers = { 'Idempotency-Reference': 'retry-me' };
		await expect(t.api.post('/api/v1/payment', paymentBody(), { headers })).rejects.toThrow();
		expect(t.sb.state.transactions()).toHaveLength(1);
		const retry = await t.api.post('/api/v1/payment', paymentBody(), { headers });
		expect(retry.status).toBe(200);
		expect(retry.body.reference).toBe(t.sb.state.transactions()[0].reference);
		expect(t.sb.state.transactions()).toHaveLength(1);
		expect(t.sb.log.map((e) => e.outcome)).toEqual(['dropped', 'answered']);
	});
});

describe('slow answers', () => {
	it('latency delays one answer: a later request overtakes it', async () => {
		t.sb.faults.add({ kind: 'latency', ms: 300, match: { path: '^/api/v1/method$' } });
		const [slow, fast] = await Promise.all([t.api.get('/api/v1/method'), t.api.get('/api/v1/customer/x')]);
		expect(slow.status).toBe(200);
		expect(fast.status).toBe(404);
		expect(t.sb.log.map((e) => e.path)).toEqual(['/api/v1/customer/x', '/api/v1/method']);
	});

	it('slow-body sends the whole body, slowly', async () => {
		t.sb.faults.add({ kind: 'slow-body', ms: 300, count: 1 });
		const [slow, fast] = await Promise.all([t.api.get('/api/v1/method'), t.api.get('/api/v1/customer/x')]);
		expect(slow.status).toBe(200);
		expect(slow.body).toContainEqual(expect.objectContaining({ method: 'card' }));
		expect(fast.status).toBe(404);
		expect(t.sb.log.map((e) => e.path)).toEqual(['/api/v1/customer/x', '/api/v1/method']);
	});

	it('setLatency delays every request before it is applied', async () => {
		t.sb.setLatency(300);
		const pending = t.api.post('/api/v1/customer', customer);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(t.sb.state.customers()).toEqual([]);
		expect((await pending).status).toBe(200);
		expect(t.sb.state.customers()).toHaveLength(1);
	});
});

describe('canned answers', () => {
	it('respond answers exactly the given status, body and headers, applying nothing', async () => {
		t.sb.faults.add({ kind: 'respond', status: 200, body: [{ id: 'a' }, { id: 'b' }], headers: { 'X-Extra': '1' }, count: 1 });
		const res = await t.api.post('/api/v1/customer', customer);
		expect(res.status).toBe(200);
		expect(res.body).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(res.headers['x-extra']).toBe('1');
		expect(t.sb.state.customers()).toEqual([]);
		expect(t.sb.log[0]).toMatchObject({ status: 200, responseBody: [{ id: 'a' }, { id: 'b' }], outcome: 'answered' });
		const empty = { kind: 'respond', status: 204 } as const;
		t.sb.faults.add(empty);
		const res204 = await t.api.get('/api/v1/method');
		expect([res204.status, res204.text]).toEqual([204, '']);
	});
});

describe('scoping', () => {
	it('match.method and match.path (RegExp or source string) pick the requests', async () => {
		t.sb.faults.add({ kind: 'status', status: 500, match: { method: 'post', path: /^\/api\/v1\/customer$/ } });
		t.sb.faults.add({ kind: 'status', status: 502, match: { path: '/card' } });
		expect((await t.api.get('/api/v1/customer?customerReference=R')).status).toBe(200);
		expect((await t.api.post('/api/v1/customer', customer)).status).toBe(500);
		expect((await t.api.get('/api/v1/card/abc')).status).toBe(502);
		expect((await t.api.get('/api/v1/customer/abc/card')).status).toBe(502);
	});

	it('count limits how many matching requests a fault takes', async () => {
		t.sb.faults.add({ kind: 'status', status: 503, count: 2 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await t.api.get('/api/v1/method')).status);
		expect(statuses).toEqual([503, 503, 200, 200]);
	});

	it('the first matching fault applies; clear() removes all', async () => {
		t.sb.faults.add({ kind: 'status', status: 500, count: 1 });
		t.sb.faults.add({ kind: 'status', status: 502 });
		expect((await t.api.get('/api/v1/method')).status).toBe(500);
		expect((await t.api.get('/api/v1/method')).status).toBe(502);
		t.sb.faults.clear();
		expect((await t.api.get('/api/v1/method')).status).toBe(200);
	});

	it('fraction hits a share of matching requests, the same ones again after a reset', async () => {
		const run = async () => {
			t.sb.faults.add({ kind: 'status', status: 429, fraction: 0.5 });
			const statuses: number[] = [];
			for (let i = 0; i < 40; i++) statuses.push((await t.api.get('/api/v1/method')).status);
			return statuses;
		};
		const first = await run();
		const hits = first.filter((s) => s === 429).length;
		expect(hits).toBeGreaterThan(5);
		expect(hits).toBeLessThan(35);
		t.sb.reset();
		expect(await run()).toEqual(first);
	});

	it('a fraction with a count counts only the requests it hit', async () => {
		t.sb.faults.add({ kind: 'status', status: 500, fraction: 0.5, count: 3 });
		const statuses: number[] = [];
		for (let i = 0; i < 40; i++) statuses.push((await t.api.get('/api/v1/method')).status);
		expect(statuses.filter((s) => s === 500)).toHaveLength(3);
	});

	it('refuses malformed faults', () => {
		expect(() => t.sb.faults.add({ kind: 'status', status: 418 } as never)).toThrow(/status must be one of/);
		expect(() => t.sb.faults.add({ kind: 'latency', ms: -1 })).toThrow(/ms must be/);
		expect(() => t.sb.faults.add({ kind: 'status', status: 500, fraction: 2 })).toThrow(/fraction/);
		expect(() => t.sb.faults.add({ kind: 'explode' } as never)).toThrow(/kind must be one of/);
		expect(() => t.sb.faults.add({ kind: 'respond', status: 99 })).toThrow(/status must be a whole number/);
	});
});
