/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- made-up test and live keys the credential must tell apart */
// The credential tells test from live whatever the browser shows (n8n sends a saved key masked, so
// a notice keyed on the key's prefix disappears once saved): a non-secret Environment field, checked
// against the key before any request; and the optional Default Webhook URL, https:// only.
import { CcvApi, credentialProblem } from '../../credentials/CcvApi.credentials';
import { runCcvNode } from '../helpers/engine';
import type { CcvCredentialData } from '../helpers/engine';
import { useTestSandbox } from '../sandbox/testing';

const t = useTestSandbox();
const credential = new CcvApi();

const getCustomer = {
	resource: 'customer',
	operation: 'get',
	customer: { __rl: true, mode: 'externalId', value: 'crm-1' },
	options: {},
};

function withFields(fields: Record<string, string>): CcvCredentialData {
	return { apiKey: t.sb.apiKey, baseUrl: t.sb.url, ...fields } as CcvCredentialData;
}

describe('CCV credential: Environment', () => {
	it('shows the live warning from the non-secret Environment field, which the browser always has', () => {
		const notice = credential.properties.find((p) => p.name === 'liveEnvironmentNotice');
		const environment = credential.properties.find((p) => p.name === 'environment');

		expect(notice?.type).toBe('notice');
		expect(notice?.displayOptions).toEqual({ show: { environment: ['live'] } });
		expect(notice?.displayName).toMatch(/^LIVE credential: .*real money/);
		expect(environment).toMatchObject({ type: 'options', default: 'test' });
		expect(credential.properties.find((p) => p.name === 'environment')?.typeOptions?.password).toBeUndefined();
	});

	it.each([
		['a live key marked Test', { apiKey: 'l_0123456789abcdef', environment: 'test' }, /LIVE key \(l_\.\.\.\) but Environment is "Test"/],
		['a test key marked Live', { apiKey: 't_0123456789abcdef', environment: 'live' }, /test key \(t_\.\.\.\) but Environment is "Live/],
	])('stops %s before any request, without showing the key', async (_label, fields, message) => {
		const result = await runCcvNode({ parameters: getCustomer, credentials: withFields(fields) });

		expect(credentialProblem(fields)).toMatch(message);
		expect(result.error?.message).toBeDefined();
		expect(JSON.stringify(result.error)).not.toContain('0123456789abcdef');
		expect(t.sb.log).toHaveLength(0);
	});

	it('runs when the key matches its Environment', async () => {
		const result = await runCcvNode({ parameters: getCustomer, credentials: withFields({ environment: 'test' }), continueOnFail: true });

		expect(t.sb.log.map((e) => e.path)).toEqual(['/api/v1/customer/externalId/crm-1']);
		expect(result.error).toBeUndefined();
	});
});

describe('CCV credential: Default Webhook URL', () => {
	it.each([
		['an https:// URL', 'https://n8n.example.com/webhook/abc/webhook?token=x', undefined],
		['empty', '', undefined],
		['a local http:// receiver (tests, sandbox)', 'http://127.0.0.1:5678/webhook/abc/webhook', undefined],
		['a local receiver while the base URL is CCV\'s (issue 23 #10)', 'https://localhost/webhook/abc/webhook', /must be an address CCV can reach/],
		['a public http:// URL', 'http://n8n.example.com/webhook/abc/webhook', /must be an https:\/\/ address/],
		['not a URL', 'n8n.example.com/webhook', /must be an https:\/\/ address/],
	])('accepts or refuses %s', (_label, defaultWebhookUrl, problem) => {
		// The local sandbox's base URL: only then may the address be on this machine.
		const baseUrl = /issue 23/.test(_label) ? 'https://api.psp.ccv.eu' : 'http://127.0.0.1:4010';
		const found = credentialProblem({ apiKey: 't_x', environment: 'test', baseUrl, defaultWebhookUrl });

		if (problem) expect(found).toMatch(problem);
		else expect(found).toBeUndefined();
	});

	it('stops requests before anything is sent when the Default Webhook URL is not https://', async () => {
		const result = await runCcvNode({
			parameters: getCustomer,
			credentials: withFields({ environment: 'test', defaultWebhookUrl: 'http://n8n.example.com/hook' }),
		});

		expect(result.error?.message).toMatch(/Default Webhook URL must be an https:\/\/ address/);
		expect(t.sb.log).toHaveLength(0);
	});
});
