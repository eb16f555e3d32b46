// Issue 23 #6 and #10, issue 25 point 4: one set of CCV rules (which environment a key is for, where
// CCV may call back, which API a request is for). The credential, the credential test, the
// transport and the item checks must give the same answer for every case here; before, " l_abc"
// and "L_abc" were live for the transport only, 127.0.1.1 passed as an item's webhook URL and not
// as the credential's, and https://localhost or 169.254.169.254 went out to CCV.
import type { INodeParameters } from 'n8n-workflow';

import { CcvApi, credentialProblem } from '../../../../credentials/CcvApi.credentials';
import { httpsUrl } from '../../../../nodes/Ccv/schemas/urls';
import { orderSubmit } from '../../../../nodes/Ccv/schemas/order';
import { runCcvNode } from '../../../helpers/engine';
import type { CcvCredentialData } from '../../../helpers/engine';
import { runCredentialTest } from '../../../credentials/credentialTestRequest';
import { useWire } from '../transport/wire';

const wire = useWire();
beforeEach(() => {
	wire.handle(() => ({ status: 200, body: [] }));
});

const TAIL = '0123456789abcdef';
const getCustomer = { resource: 'customer', operation: 'get', customer: { __rl: true, mode: 'externalId', value: 'crm-1' }, options: { retries: 0 } };

describe('which keys are live: credential, credential test and transport agree', () => {
	const KEYS: Array<[string, 'live' | 'test' | 'neither']> = [
		[`l_${TAIL}`, 'live'],
		[`L_${TAIL}`, 'live'],
		[` l_${TAIL}`, 'live'],
		[`l_${TAIL} `, 'live'],
		[`t_${TAIL}`, 'test'],
		[`T_${TAIL}`, 'test'],
		[` t_${TAIL}`, 'test'],
		[`x_${TAIL}`, 'neither'],
		[`${TAIL}`, 'neither'],
	];

	it.each(KEYS)('%j is %s everywhere', async (apiKey, is) => {
		// Environment Test: only a live key is refused (a mismatch), before anything is sent.
		const underTest = credentialProblem({ apiKey, environment: 'test' });
		// Environment as the key says, base URL plain http: only a live key is refused.
		const environment = is === 'live' ? 'live' : 'test';
		const overHttp: CcvCredentialData = { apiKey, environment, baseUrl: wire.url };
		const credentialTest = await runCredentialTest(overHttp);
		const testRequests = wire.log.length;
		wire.log.length = 0;
		const node = await runCcvNode({ parameters: getCustomer, credentials: overHttp });
		const nodeRequests = wire.log.length;

		const seen = {
			credentialRefusesUnderTest: underTest !== undefined,
			credentialTestRefusesOverHttp: testRequests === 0,
			transportRefusesOverHttp: nodeRequests === 0,
		};
		const live = is === 'live';
		expect(seen).toEqual({ credentialRefusesUnderTest: live, credentialTestRefusesOverHttp: live, transportRefusesOverHttp: live });
		if (live) expect(node.error?.message).toBe('Live API keys are only sent over https');
		expect(JSON.stringify([credentialTest, node.error])).not.toContain(TAIL);
	});
});

describe('which API a request is for: the credential picks the key the transport\'s base URL is for', () => {
	const credentials = {
		apiKey: 't_payment',
		// A Payment API base URL that happens to hold the Boarding prefix is still the Payment API.
		baseUrl: 'https://pay.example/api/ordercompletion/base/',
		boardingBaseUrl: 'https://board.example/x',
		boardingAuth: 'bearer',
		boardingApiKey: 't_boarding',
	};
	it.each([
		['https://board.example/x/api/ordercompletion/reseller/order', 'Bearer t_boarding'],
		['https://board.example/x/api/ordercompletion/reseller/order/o-1/status', 'Bearer t_boarding'],
		['https://pay.example/api/ordercompletion/base/api/v1/payment', `Basic ${Buffer.from('t_payment:').toString('base64')}`],
		['https://pay.example/api/ordercompletion/base/api/v1/method', `Basic ${Buffer.from('t_payment:').toString('base64')}`],
	])('%s is sent with %s', async (url, authorization) => {
		const options = await new CcvApi().authenticate(credentials, { url, method: 'GET' });
		expect(options.headers?.Authorization).toBe(authorization);
	});
});

describe('where CCV may call back: item, credential default and credential agree', () => {
	const SANDBOX_BASE = 'http://127.0.0.1:4010';
	const CCV_BASE = 'https://api.psp.ccv.eu';
	// [URL, allowed with CCV's base URL, allowed with the local sandbox's base URL]
	const URLS: Array<[string, boolean, boolean]> = [
		['https://n8n.example.com/webhook/abc/webhook?token=x', true, true],
		['https://172.32.0.1/hook', true, true],
		['https://localhost/hook', false, true],
		['https://app.localhost/hook', false, true],
		['http://127.0.0.1:5678/webhook/abc', false, true],
		['http://127.0.1.1/hook', false, true],
		['https://127.1/hook', false, true],
		['https://[::1]/hook', false, true],
		['http://[::1]:5678/hook', false, true],
		['https://[::ffff:127.0.0.1]/hook', false, true],
		['https://169.254.169.254/latest/meta-data', false, false],
		['https://10.1.2.3/hook', false, false],
		['https://172.16.0.1/hook', false, false],
		['https://192.168.1.10/hook', false, false],
		['https://100.64.0.1/hook', false, false],
		['https://0.0.0.0/hook', false, false],
		['https://[fd12:3456::1]/hook', false, false],
		['https://[fe80::1]/hook', false, false],
		['http://n8n.example.com/hook', false, false],
		['n8n.example.com/hook', false, false],
	];

	function payment(webhookUrl?: string): INodeParameters {
		return {
			resource: 'payment',
			operation: 'create',
			amount: '10.00',
			currency: 'eur',
			method: 'card',
			paymentFlow: 'checkout',
			returnUrl: 'https://shop.example/return',
			additionalFields: { merchantOrderReference: 'ORDER-1', ...(webhookUrl ? { webhookUrl } : {}) },
			options: { dryRun: true },
		};
	}

	describe.each([
		['CCV', CCV_BASE, 1],
		['the local sandbox', SANDBOX_BASE, 2],
	] as const)('base URL of %s', (_name, baseUrl, column) => {
		it.each(URLS)('%s', async (...row) => {
			const [url] = row;
			const allowed = row[column];
			const credentials = { apiKey: 't_x', environment: 'test' as const, baseUrl };
			const item = await runCcvNode({ parameters: payment(url), credentials });
			const fromDefault = await runCcvNode({ parameters: payment(), credentials: { ...credentials, defaultWebhookUrl: url } });
			const seen = {
				item: item.error === undefined,
				credentialDefault: fromDefault.error === undefined,
				credential: credentialProblem({ ...credentials, defaultWebhookUrl: url }) === undefined,
			};
			expect(seen).toEqual({ item: allowed, credentialDefault: allowed, credential: allowed });
			if (!allowed) expect(item.error?.message).toMatch(/^Item 1 \(index 0\): "Webhook URL" must be/);
			// The item check runs before the credential is read: it refuses what no base URL allows.
			expect(httpsUrl.safeParse(url).success).toBe(row[1] || row[2]);
		});
	});

	it.each([
		['https://169.254.169.254/x', false],
		['https://192.168.0.2/status', false],
		['https://[fe80::2]/status', false],
		['https://integrator.example/status', true],
	])('the Boarding Status Notification URL %s: allowed %s', (notificationUrl, allowed) => {
		const parsed = orderSubmit.safeParse({ notifyCustomerByEmail: true, statusNotificationInformation: { notificationUrl }, order: '{"a":1}' });
		expect(parsed.success).toBe(allowed);
	});

	it('a Boarding Status Notification URL on this machine is refused unless the Boarding API itself is (nothing sent)', async () => {
		const order = {
			resource: 'order',
			operation: 'submit',
			notifyCustomerByEmail: true,
			order: '{"salesPackages":[]}',
			additionalFields: { notificationUrl: 'https://localhost/status' },
			options: { retries: 0 },
		};
		const elsewhere = await runCcvNode({
			parameters: order,
			credentials: { apiKey: 't_x', baseUrl: CCV_BASE, boardingBaseUrl: 'https://boarding.example.invalid' },
		});
		expect(elsewhere.error?.message).toMatch(/Status Notification URL.*must be an address CCV can reach/);
		const local = await runCcvNode({ parameters: order, credentials: { apiKey: 't_x', baseUrl: CCV_BASE, boardingBaseUrl: wire.url } });
		expect(local.error).toBeUndefined();
		expect(wire.log.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/ordercompletion/reseller/order']);
	});
});
