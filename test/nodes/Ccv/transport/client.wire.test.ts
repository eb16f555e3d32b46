import { useSandbox } from '../actions/sandboxRun';
import { runProbe } from '../router/fakeNode';
import { useWire } from './wire';

// What the transport refuses or concludes, seen at the wire: a local server that answers whatever the
// test scripts, and the sandbox for CCV's own answers.
const wire = useWire();
beforeEach(() => {
	wire.handle(() => ({ status: 200, body: { ok: true } }));
});
const FAKE_TEST_KEY = ['t', 'wire', 'fake'].join('_');
const FAKE_LIVE_KEY = ['l', 'live', 'fake'].join('_');
const creds = () => ({ apiKey: FAKE_TEST_KEY, baseUrl: wire.url });

describe('only CCV\'s "not found" answer counts as not found (issue 15 #5)', () => {
	it('a 404 with CCV\'s error object naming the field is "not found"', async () => {
		wire.handle(() => ({ status: 404, body: { type: 'input_error', message: 'Customer not found', reference: 'r', field: 'id' } }));
		const { items, error } = await runProbe(creds(), { operation: 'find' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ notFound: true });
	});

	it.each([
		['an HTML page', '<html><body><h1>404 Not Found</h1></body></html>'],
		['an empty body', ''],
		["CCV's \"Invalid URL\" (no field)", { type: 'input_error', message: 'Invalid URL', reference: 'r' }],
		['JSON that is not CCV\'s error object', { error: 'Not Found', status: 404 }],
	])('a 404 with %s is an error saying the URL looks wrong', async (_what, body) => {
		wire.handle(() => ({ status: 404, body }));
		const { items, error } = await runProbe(creds(), { operation: 'find', method: 'DELETE', path: '/api/v1/customer/abc' });
		expect(items).toEqual([]);
		expect(error?.message).toBe("The URL looks wrong: CCV's address answered 404 for DELETE /api/v1/customer/abc");
		expect(error?.description).toContain('Check the "Base URL" in the CCV credential');
	});
});

describe('a live key is never sent over http (issue 15 #11)', () => {
	it('refuses before sending, in plain words', async () => {
		const { error } = await runProbe({ apiKey: FAKE_LIVE_KEY, baseUrl: wire.url }, {});
		expect(wire.log).toHaveLength(0);
		expect(error?.message).toBe('Live API keys are only sent over https');
		expect(error?.description).toContain('Nothing was sent');
		expect(JSON.stringify(error)).not.toContain(FAKE_LIVE_KEY);
	});

	it('a test key over http (the sandbox) is still sent', async () => {
		const ok = await runProbe(creds(), {});
		expect(ok.error).toBeUndefined();
		expect(wire.log).toHaveLength(1);
	});
});

describe('no value may change which URL is called (path backstop for issue 15 #4)', () => {
	it.each([
		'/api/v1/customer/externalId/./card',
		'/api/v1/customer/externalId/../card',
		'/api/v1/customer/externalId/%2e/card',
		'/api/v1/customer/externalId/%2E%2e/card',
		'/api/v1/customer/externalId/%252e%252e/card',
		'/api/v1/customer/externalId//card',
		'/api/v1/customer/',
		'/api/v1/customer/a?b=1',
		'/api/v1/customer/a#b',
		'/api/v1/customer/a\\b',
		'/api/v1/customer/%20',
		'/api/v1/customer/%zz',
	])('refuses %s before sending', async (path) => {
		const { error } = await runProbe(creds(), { method: 'DELETE', path });
		expect(wire.log).toHaveLength(0);
		expect(error?.message).toMatch(/^Refused to call CCV at ".*": /);
		expect(error?.description).toContain('nothing was sent');
	});

	it('Dry Run refuses the same addresses instead of previewing them', async () => {
		const refused = await runProbe(creds(), { operation: 'dry', method: 'DELETE', path: '/api/v1/customer/externalId/../card' });
		expect(refused.error?.message).toMatch(/^Refused to call CCV at /);
		const ok = await runProbe(creds(), { operation: 'dry', method: 'DELETE', path: '/api/v1/customer/externalId/E-1/card' });
		expect(ok.items[0].json).toEqual({ dryRun: true, request: { method: 'DELETE', path: '/api/v1/customer/externalId/E-1/card', body: { a: 1 } } });
		expect(wire.log).toHaveLength(0);
	});

	it('sends ordinary encoded ids as they are', async () => {
		const { error } = await runProbe(creds(), { path: '/api/v1/customer/externalId/CRM%20007%2B1' });
		expect(error).toBeUndefined();
		expect(wire.log.map((r) => r.url)).toEqual(['/api/v1/customer/externalId/CRM%20007%2B1']);
	});

	it('sends an external ID holding "/" or "?" encoded inside its one segment (issue 28 #5: seed 000:682 sets no character rule)', async () => {
		await runProbe(creds(), { path: '/api/v1/customer/externalId/ACME%2F123' });
		await runProbe(creds(), { path: '/api/v1/customer/externalId/a%3Fb' });
		expect(wire.log.map((r) => r.url)).toEqual(['/api/v1/customer/externalId/ACME%2F123', '/api/v1/customer/externalId/a%3Fb']);
	});
});

describe('against the sandbox', () => {
	const t = useSandbox();

	it('a mistyped base URL: Delete fails with "the URL looks wrong" instead of "deleted: false, not found"', async () => {
		const { items, error } = await t.run(
			{ resource: 'customer', operation: 'delete', customer: { __rl: true, mode: 'externalId', value: 'C-1' } },
			[{}],
			{ credentials: { apiKey: t.sb.apiKey, baseUrl: `${t.sb.url}/typo` } },
		);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^The URL looks wrong/);
	});

	it('Card > Delete All with External ID "." reaches no other route: the sandbox sees no request', async () => {
		const { error } = await t.run({ resource: 'card', operation: 'deleteAll', customer: { __rl: true, mode: 'externalId', value: '.' } });
		expect(error).toBeDefined();
		expect(t.sb.log).toHaveLength(0);
	});
});
