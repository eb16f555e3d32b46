// HTTP behaviour shared by every route: auth, media type, unknown paths and methods, the request log.
import { useTestSandbox } from './testing';
import { basic } from './test-client';

const t = useTestSandbox({ apiKey: 't_secret_key' });

describe('authentication: HTTP Basic, API key as user name, empty password', () => {
	it('accepts the key', async () => {
		expect((await t.api.get('/api/v1/method')).status).toBe(200);
	});

	it.each([
		['no header', {}],
		['a wrong key', { authorization: basic('t_other') }],
		['a password', { authorization: basic('t_secret_key', 'pw') }],
		['a bearer token', { authorization: 'Bearer t_secret_key' }],
	])('answers 401 with a CCV error body for %s', async (_name, headers) => {
		const res = await t.api.get('/api/v1/method', { auth: false, headers });
		expect(res.status).toBe(401);
		expect(res.headers['www-authenticate']).toBe('Basic realm="CCV"');
		expect(res.body).toEqual({ type: 'input_error', message: 'The API key is missing or invalid', reference: expect.any(String) });
	});

	it('checks the key before anything else, unknown paths included', async () => {
		expect((await t.api.get('/api/v1/nothing', { auth: false })).status).toBe(401);
	});
});

describe('bodies must be JSON', () => {
	const customer = JSON.stringify({ customerReference: 'R', registrationExpiration: 0 });

	it.each([
		['no content type', {}],
		['text/plain', { 'content-type': 'text/plain' }],
		['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
	])('POST with %s: 415', async (_name, headers) => {
		const res = await t.api.call('POST', '/api/v1/customer', { raw: customer, headers });
		expect(res.status).toBe(415);
		expect(res.body).toMatchObject({ type: 'input_error', reference: expect.any(String) });
		expect(t.sb.state.customers()).toEqual([]);
	});

	it('a body sent as application/json that does not parse: 400 input_error (seed 002:464 "Invalid input"; 415 is only "not using application/json", 002:467)', async () => {
		const res = await t.api.call('POST', '/api/v1/customer', { raw: '{"customerReference":', headers: { 'content-type': 'application/json' } });
		expect(res.status).toBe(400);
		expect(res.headers['content-type']).toMatch(/^application\/json/);
		expect(res.body).toMatchObject({ type: 'input_error', field: 'body', reference: expect.any(String) });
		expect(t.sb.state.customers()).toEqual([]);
	});

	it('accepts application/json with a charset', async () => {
		const res = await t.api.call('POST', '/api/v1/customer', { raw: customer, headers: { 'content-type': 'application/json; charset=utf-8' } });
		expect(res.status).toBe(200);
	});

	it('a JSON body that is not an object: 400 input_error', async () => {
		const res = await t.api.post('/api/v1/customer', ['R']);
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({ type: 'input_error', field: 'body' });
	});

	it('an empty JSON body is validated as an empty object', async () => {
		const res = await t.api.call('POST', '/api/v1/customer', { raw: '', headers: { 'content-type': 'application/json' } });
		expect(res.status).toBe(400);
		expect(res.body.field).toBe('customerReference');
	});
});

describe('unknown paths and methods', () => {
	const UNKNOWN = ['/api/v2/customer', '/api/v1/customers', '/', '/api/v1/customer/a/b/c', '/api/v1/customer//card'];

	it('an unknown path: 404 "Invalid URL" (seed 002:466) with CCV\'s error object in JSON (002:453, 002:455-459), no field', async () => {
		for (const path of UNKNOWN) {
			const res = await t.api.get(path);
			expect(res.status).toBe(404);
			expect(res.headers['content-type']).toMatch(/^application\/json/);
			expect(res.body).toEqual({ type: 'input_error', message: 'Invalid URL', reference: expect.any(String) });
		}
	});

	it('invalidUrlBody: empty answers no body; html answers a gateway\'s HTML page', async () => {
		t.sb.readings.set({ invalidUrlBody: 'empty' });
		const empty = await t.api.get(UNKNOWN[0]);
		expect([empty.status, empty.body]).toEqual([404, undefined]);
		t.sb.readings.set({ invalidUrlBody: 'html' });
		const html = await t.api.get(UNKNOWN[0]);
		expect(html.headers['content-type']).toMatch(/^text\/html/);
		expect(html.body).toMatch(/404 Not Found/);
	});

	it('a missing customer is the other 404: input_error with a field (seed 000)', async () => {
		const res = await t.api.get('/api/v1/customer/00000000-0000-4000-8000-000000000000');
		expect(res.status).toBe(404);
		expect(res.body).toMatchObject({ type: 'input_error', message: 'Customer not found', field: 'id' });
	});

	it('a known path with a method CCV does not have: the 404 "Invalid URL" (seed 002:463-469 list no 405)', async () => {
		const res = await t.api.call('PATCH', '/api/v1/customer/abc', { body: {} });
		expect(res.status).toBe(404);
		expect(res.headers.allow).toBeUndefined();
		expect(res.body).toEqual({ type: 'input_error', message: 'Invalid URL', reference: expect.any(String) });
		expect((await t.api.get('/api/v1/payment')).status).toBe(404);
	});

	it('wrongMethod: method-not-allowed answers 405 with Allow', async () => {
		t.sb.readings.set({ wrongMethod: 'method-not-allowed' });
		const res = await t.api.call('PATCH', '/api/v1/customer/abc', { body: {} });
		expect(res.status).toBe(405);
		expect(res.headers.allow).toBe('GET, PUT, DELETE');
		expect(res.body.type).toBe('input_error');
		expect((await t.api.get('/api/v1/payment')).headers.allow).toBe('POST');
	});
});

describe('the request log', () => {
	it('records method, path, query, headers without authorization, body, status and answer', async () => {
		const res = await t.api.post('/api/v1/customer', { customerReference: 'R', registrationExpiration: 0 }, { headers: { 'x-trace': 't1' } });
		await t.api.get('/api/v1/customer?customerReference=R&page=0');
		expect(t.sb.log).toHaveLength(2);
		const [post, get] = t.sb.log;
		expect(post).toMatchObject({
			method: 'POST',
			path: '/api/v1/customer',
			query: {},
			body: { customerReference: 'R', registrationExpiration: 0 },
			status: 200,
			responseBody: res.body,
			outcome: 'answered',
			startedAt: expect.any(Number),
			durationMs: expect.any(Number),
		});
		expect(post.headers).toMatchObject({ 'x-trace': 't1', 'content-type': 'application/json' });
		expect(post.headers.authorization).toBeUndefined();
		expect(JSON.stringify(t.sb.log)).not.toContain(Buffer.from('t_secret_key:').toString('base64'));
		expect(get).toMatchObject({ method: 'GET', query: { customerReference: 'R', page: '0' }, body: undefined });
	});

	it('keeps a raw body that is not JSON as text, and a 204 as an undefined answer', async () => {
		await t.api.call('POST', '/api/v1/customer', { raw: 'hello', headers: { 'content-type': 'text/plain' } });
		const { body } = await t.api.post('/api/v1/customer', { customerReference: 'R', registrationExpiration: 0 });
		await t.api.delete(`/api/v1/customer/${body.id}`);
		expect(t.sb.log[0]).toMatchObject({ body: 'hello', status: 415 });
		expect(t.sb.log[2]).toMatchObject({ status: 204, responseBody: undefined });
	});

	it('the logged answer does not change when the state changes later', async () => {
		const { body } = await t.api.post('/api/v1/customer', { customerReference: 'R', registrationExpiration: 0 });
		await t.api.get(`/api/v1/customer/${body.id}`);
		await t.api.put(`/api/v1/customer/${body.id}`, { customerReference: 'NEW', registrationExpiration: 0 });
		expect((t.sb.log[1].responseBody as { customerReference: string }).customerReference).toBe('R');
	});

	it('clearLog empties it in place', async () => {
		const log = t.sb.log;
		await t.api.get('/api/v1/method');
		t.sb.clearLog();
		expect(log).toHaveLength(0);
		await t.api.get('/api/v1/method');
		expect(log).toHaveLength(1);
	});
});
