import { useSandbox, byExternalId } from '../actions/sandboxRun';

// The transport's rules, seen from outside: what reaches CCV, how often, and what the user reads.
const t = useSandbox();

const createCustomer = (externalId: string) => ({
	resource: 'customer',
	operation: 'create',
	customerReference: 'R',
	cardLinking: 'keepOpen',
	additionalFields: { externalId },
});

describe('transport', () => {
	it('sends Basic auth with the key as user, JSON and a User-Agent; never the key in the log or output', async () => {
		const { items } = await t.run(createCustomer('h1'));
		const headers = t.sb.log[0].headers;
		expect(headers['content-type']).toContain('application/json');
		expect(headers.accept).toContain('application/json');
		expect(headers['user-agent']).toMatch(/^n8n-nodes-ccv\//);
		expect(JSON.stringify(items)).not.toContain(t.sb.apiKey);
	});

	it('reads the credential once per execution, and every request still carries the key', async () => {
		const items = Array.from({ length: 12 }, (_, k) => ({ id: `cred-${k}` }));
		const { items: out, credentialReads } = await t.run(
			{ resource: 'customer', operation: 'delete', customer: byExternalId('={{ $json.id }}') },
			items,
		);
		expect(out).toHaveLength(12);
		expect(credentialReads).toBe(1);
		// The sandbox answers 401 to a request without the key; none of the twelve was refused.
		expect(t.sb.log.map((e) => e.status)).toEqual(new Array(12).fill(404));
		expect(out.every((o) => o.json.reason === 'not found')).toBe(true);
	});

	it('a wrong key reads "API key is invalid or expired", and the key is nowhere in the error', async () => {
		const { error } = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('x') }, [{}], {
			credentials: { apiKey: 't_wrong_key_123', baseUrl: t.sb.url },
		});
		expect(error?.message).toBe('API key is invalid or expired');
		expect(JSON.stringify(error)).not.toContain('t_wrong_key_123');
		expect(JSON.stringify(error)).not.toContain(Buffer.from('t_wrong_key_123:').toString('base64'));
	});

	it('waits for Retry-After before sending a 429\'d request again', async () => {
		t.sb.faults.add({ match: { method: 'GET' }, count: 1, kind: 'status', status: 429, retryAfter: '1' });
		const { error } = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('x'), options: { ignoreNotFound: true } });
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => e.status)).toEqual([429, 404]);
		expect(t.sb.log[1].startedAt - t.sb.log[0].startedAt).toBeGreaterThanOrEqual(1000);
	});

	it('sends a POST without idempotency again after a 429 (CCV did not process it): exactly one customer', async () => {
		t.sb.faults.add({ match: { method: 'POST' }, count: 2, kind: 'status', status: 429, retryAfter: '0' });
		const { error } = await t.run(createCustomer('h2'));
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => e.status)).toEqual([429, 429, 200]);
		expect(t.sb.state.customers()).toHaveLength(1);
	});

	it.each([502, 503, 504])('never repeats a POST without idempotency answered %d', async (status) => {
		t.sb.faults.add({ match: { method: 'POST' }, count: 1, kind: 'status', status: status as 502 });
		const { error } = await t.run(createCustomer('h3'));
		expect(t.sb.log).toHaveLength(1);
		expect(error?.description).toContain('was not sent again automatically, because CCV may already have applied it');
	});

	it('never repeats a customer create answered 503 with Retry-After (issue 15 #7): a gateway may have applied it', async () => {
		t.sb.faults.add({ match: { method: 'POST' }, count: 1, kind: 'status', status: 503, retryAfter: '0' });
		const { error } = await t.run(createCustomer('h3b'));
		expect(t.sb.log).toHaveLength(1);
		expect(error?.description).toContain('was not sent again automatically, because CCV may already have applied it');
	});

	it('repeats a GET answered 500 (issue 15 #10)', async () => {
		t.sb.faults.add({ match: { method: 'GET' }, count: 1, kind: 'status', status: 500 });
		const { error } = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('x'), options: { ignoreNotFound: true } });
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => e.status)).toEqual([500, 404]);
	});

	it('never repeats a PUT whose connection dropped', async () => {
		await t.run(createCustomer('h4'));
		t.sb.faults.add({ match: { method: 'PUT' }, count: 1, kind: 'drop-after-apply' });
		t.sb.clearLog();
		const { error } = await t.run({ resource: 'customer', operation: 'update', customer: byExternalId('h4'), cardLinking: 'disabled' });
		expect(t.sb.log.map((e) => e.method)).toEqual(['GET', 'PUT']);
		expect(error?.message).toMatch(/^No answer from CCV for PUT \/api\/v1\/customer\/[0-9a-f-]+: /);
		expect(error?.description).toContain('was not sent again automatically');
	});

	it('repeats a GET answered 502/503/504, then gives up with the attempts counted', async () => {
		t.sb.faults.add({ match: { method: 'GET' }, count: 2, kind: 'status', status: 502 });
		const ok = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('x'), options: { ignoreNotFound: true } });
		expect(ok.error).toBeUndefined();
		expect(t.sb.log.map((e) => e.status)).toEqual([502, 502, 404]);

		t.sb.clearLog();
		t.sb.faults.add({ match: { method: 'GET' }, kind: 'status', status: 503 });
		const failed = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('x'), options: { retries: 1 } });
		expect(t.sb.log).toHaveLength(2);
		expect(failed.error?.message).toBe('CCV is temporarily unavailable');
		expect(failed.error?.description).toContain('Tried 2 times.');
	});

	it('gives up when CCV asks for a longer pause than Max Retry Wait, and says so', async () => {
		t.sb.faults.add({ match: { method: 'GET' }, count: 1, kind: 'status', status: 429, retryAfter: '120' });
		const { error } = await t.run({ resource: 'customer', operation: 'get', customer: byExternalId('x'), options: { maxRetryWait: 5 } });
		expect(t.sb.log).toHaveLength(1);
		expect(error?.description).toContain('CCV asked to wait 120 s before trying again, longer than the node\'s "Max Retry Wait"');
	});

	it('Retry On Fail cannot create a second customer: the node fails before n8n retries only on errors', async () => {
		// A 400 is final; n8n's Retry On Fail repeats the whole item, which for a create would be a new customer.
		t.sb.faults.add({ match: { method: 'POST' }, count: 1, kind: 'status', status: 500 });
		const { error } = await t.run(createCustomer('h5'), [{}], { retryOnFail: { maxTries: 2, waitBetweenTries: 1 } });
		expect(error).toBeUndefined();
		expect(t.sb.state.customers()).toHaveLength(1);
	});
});

describe('bulk under a capacity limit (adaptive concurrency)', () => {
	it('1,000 deletes against 10 requests in flight: none lost, none duplicated, few 429s after the first second', async () => {
		t.sb.setLatency(5);
		t.sb.capacity.set({ maxInFlight: 10, retryAfterSeconds: 1 });
		const items = Array.from({ length: 1000 }, (_, k) => ({ id: `bulk-${k}` }));
		const { items: out, error } = await t.run({ resource: 'customer', operation: 'delete', customer: byExternalId('={{ $json.id }}') }, items);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(1000);
		expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual(items.map((_, k) => k));
		expect(out.every((o) => o.json.reason === 'not found')).toBe(true);
		const answered = t.sb.log.filter((e) => e.status === 404).map((e) => e.path);
		expect(new Set(answered).size).toBe(1000);
		expect(answered).toHaveLength(1000);
		const start = t.sb.log[0].startedAt;
		const late429 = t.sb.log.filter((e) => e.status === 429 && e.startedAt - start > 1000);
		expect(late429.length).toBeLessThanOrEqual(5);
	});
});

describe('Fixed Concurrency against the sandbox\'s capacity limit (issue 23 #13)', () => {
	it('Retries 0, 10 in flight against 2 at a time (Retry-After: 0): all 30 deletes succeed, each once', async () => {
		t.sb.setLatency(20);
		t.sb.capacity.set({ maxInFlight: 2, retryAfterSeconds: 0 });
		const items = Array.from({ length: 30 }, (_, k) => ({ id: `fixed-${k}` }));
		const { items: out, error } = await t.run(
			{ resource: 'customer', operation: 'delete', customer: byExternalId('={{ $json.id }}'), options: { maxConcurrency: 10, fixedConcurrency: true, retries: 0 } },
			items,
		);
		expect(t.sb.log.filter((e) => e.status === 429).length).toBeGreaterThan(0);
		expect(error).toBeUndefined();
		expect(out.map((o) => o.json.reason)).toEqual(items.map(() => 'not found'));
		expect(t.sb.log.filter((e) => e.status === 404)).toHaveLength(30);
	});
});
