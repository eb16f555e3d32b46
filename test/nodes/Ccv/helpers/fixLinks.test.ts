/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Issue 27 #9: an error that names a fix links to where the fix is explained: the README section on the
// package's page, the same page the node's Docs link opens (Ccv.node.json). Run in n8n's engine against
// the sandbox; each link must name a heading the README has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DOCS_URL, FIX_ANCHORS, fixLink } from '../../../../nodes/Ccv/helpers/fixLinks';
import { ccvNetworkError } from '../../../../nodes/Ccv/transport/ccvError';
import { liveKeyOverHttp } from '../../../../nodes/Ccv/rules/key';
import { useSandbox } from '../actions/sandboxRun';

const t = useSandbox();
const ROOT = join(__dirname, '../../../..');

/** GitHub's (and npm's) heading ids: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
}

function shown(error: { message: string; description?: string | null } | undefined): string {
	return `${error?.message ?? ''}\n${error?.description ?? ''}`;
}

const refundOf = (reference: string, extra: Record<string, unknown> = {}) => ({
	resource: 'refund',
	operation: 'create',
	paymentReference: reference,
	amountToRefund: 'full',
	additionalFields: {},
	options: {},
	...extra,
});

describe('errors that name a fix link to where it is explained', () => {
	it('every link is the Docs link\'s page and names a heading of the README', () => {
		const codex = JSON.parse(readFileSync(join(ROOT, 'nodes/Ccv/Ccv.node.json'), 'utf8')) as {
			resources: { primaryDocumentation: Array<{ url: string }> };
		};
		expect(codex.resources.primaryDocumentation[0].url.split('#')[0]).toBe(DOCS_URL);
		const headings = readFileSync(join(ROOT, 'README.md'), 'utf8')
			.split('\n')
			.filter((line) => /^#{2,4} /.test(line))
			.map((line) => slug(line.replace(/^#+ /, '')));
		for (const anchor of Object.values(FIX_ANCHORS)) expect(headings).toContain(anchor);
	});

	it('credential: a base URL with a path, a refused API key, an unknown host, a live key over http', async () => {
		const wrongUrl = await t.run(
			{ resource: 'transaction', operation: 'get', transactionReference: 'C1', options: {} },
			[{}],
			{ credentials: { apiKey: t.sb.apiKey, baseUrl: `${t.sb.url}/api/v2` } },
		);
		expect(shown(wrongUrl.error)).toContain(fixLink('credential'));
		const badKey = await t.run({ resource: 'paymentMethod', operation: 'getAll', options: {} }, [{}], {
			credentials: { apiKey: 't_not_the_key', baseUrl: t.sb.url },
		});
		expect(badKey.error?.message).toBe('API key is invalid or expired');
		expect(shown(badKey.error)).toContain(fixLink('credential'));
		const unknownHost = ccvNetworkError({ name: 'CCV' } as never, 'ENOTFOUND', { attempts: 1, idempotent: true, method: 'GET', path: '/api/v1/method' });
		expect(unknownHost.description).toContain(fixLink('credential'));
		expect(liveKeyOverHttp('payment').description).toContain(fixLink('credential'));
	});

	it('rate limit: CCV asks for a longer wait than Max Retry Wait', async () => {
		t.sb.faults.add({ match: { method: 'GET' }, count: 1, kind: 'status', status: 429, retryAfter: '120' });
		const { error } = await t.run({ resource: 'paymentMethod', operation: 'getAll', options: { maxRetryWait: 5 } });
		expect(error?.description).toContain('longer than the node\'s "Max Retry Wait"');
		expect(shown(error)).toContain(fixLink('retries'));
	});

	it('Dry Run that cannot be read', async () => {
		const payment = t.sb.addPayment({ status: 'success', amount: '20.00' });
		const { error } = await t.run(refundOf(payment.reference, { options: { dryRun: '={{ $json.nothing }}' } }));
		expect(error?.message).toMatch(/"Dry Run" must be true or false/);
		expect(shown(error)).toContain(fixLink('dryRun'));
	});

	it('idempotency: two items that would be one refund, and a payment without Merchant Order Reference or Idempotency Key', async () => {
		const payment = t.sb.addPayment({ status: 'success', amount: '20.00' });
		const twice = await t.run(refundOf(payment.reference), [{}, {}]);
		expect(twice.error?.message).toMatch(/would be the same/);
		expect(shown(twice.error)).toContain(fixLink('idempotency'));

		const unnamed = await t.run({ resource: 'payment', operation: 'create', amount: '10.00', currency: 'eur', method: 'card', paymentFlow: 'checkout', returnUrl: 'https://shop.example/return', additionalFields: {}, options: {} });
		expect(unnamed.error?.message).toMatch(/"Merchant Order Reference" is required/);
		expect(shown(unnamed.error)).toContain(fixLink('idempotency'));
		expect(t.sb.log.filter((e) => e.method === 'POST')).toEqual([]);
	});
});
