// Issue 23 #6: saving a credential with a live key and an http:// base URL made n8n run the
// credential test, and a receiver at that address got "Authorization: Basic <key>". The test must
// refuse before anything is sent, with the node's own sentence; a test key over http (the local
// sandbox) still tests as before.
import { liveKeyOverHttp } from '../../nodes/Ccv/rules';
import { useWire } from '../nodes/Ccv/transport/wire';
import { runCredentialTest } from './credentialTestRequest';

const wire = useWire();
beforeEach(() => {
	wire.handle(() => ({ status: 200, body: [{ method: 'card' }] }));
});

const LIVE = ['l', '0123456789abcdefLIVE'].join('_');

describe('credential test over plain http', () => {
	it.each([
		['l_... (Environment Live)', LIVE, 'live'],
		['L_... (Environment Live)', LIVE.replace('l_', 'L_'), 'live'],
		[' l_... (Environment Live)', ` ${LIVE}`, 'live'],
	] as const)('a live key %s: refused with the node\'s sentence, 0 requests at the receiver', async (_label, apiKey, environment) => {
		const result = await runCredentialTest({ apiKey, environment, baseUrl: wire.url });

		expect(wire.log).toHaveLength(0);
		expect(result.ok).toBe(false);
		expect(result.message).toContain(liveKeyOverHttp('payment').message);
		expect(result.message).not.toContain('0123456789abcdef');
	});

	it('a test key over http (the local sandbox) still tests fine: one GET /api/v1/method with Basic auth', async () => {
		const apiKey = 't_sandbox';
		const result = await runCredentialTest({ apiKey, environment: 'test', baseUrl: wire.url });

		expect(result).toEqual({ ok: true });
		expect(wire.log.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/method']);
		expect(wire.log[0].headers.authorization).toBe(`Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`);
	});

	it('a live key over https is sent (only the scheme decides)', async () => {
		// An https:// address nobody listens on: the attempt fails at the connection, after authenticate passed.
		const result = await runCredentialTest({ apiKey: LIVE, environment: 'live', baseUrl: 'https://127.0.0.1:1' });

		expect(result.ok).toBe(false);
		expect(result.message).not.toContain(liveKeyOverHttp('payment').message);
	});
});
