// Issue 23 #12: the CCV Trigger's Shared Token rides in the credential's Default Webhook URL
// (?token=...). CCV echoes webhookUrl in every money answer, so without masking the token would sit
// in every output and stored execution. It is masked like the API key: outputs, errors, Dry Run.
import type { INodeParameters } from 'n8n-workflow';

import { runCcvNode } from '../../../helpers/engine';
import { useTestSandbox } from '../../../sandbox/testing';
import { useWire } from '../transport/wire';
import { expectNoSecret } from './secretSearch';

const t = useTestSandbox();
const SHARED = ['Shared-Token+With/Odd=Chars', '8f3a91c2'].join('-');
const HOOK = `https://n8n.example.com/webhook/abc/webhook?token=${encodeURIComponent(SHARED)}`;
const forms = { raw: SHARED, urlEncoded: encodeURIComponent(SHARED) };

const wire = useWire();

const expectNoToken = (where: string, value: unknown) => expectNoSecret(forms, where, value);

function payment(options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'payment',
		operation: 'create',
		amount: '10.00',
		currency: 'eur',
		method: 'card',
		paymentFlow: 'checkout',
		returnUrl: 'https://shop.example/return',
		additionalFields: { merchantOrderReference: `SHARED-${Math.random().toString(36).slice(2)}` },
		options,
	};
}

it('CCV receives the token; the output and the stored execution show it masked', async () => {
	const { items, error, runData } = await runCcvNode({ parameters: payment(), credentials: { apiKey: t.sb.apiKey, baseUrl: t.sb.url, defaultWebhookUrl: HOOK } });
	expect(error).toBeUndefined();
	// The payment's POST (a GET for earlier attempts of the order comes first, issue 24).
	expect(t.sb.log.find((e) => e.method === 'POST')?.body).toMatchObject({ webhookUrl: HOOK });
	expect(items[0].json.webhookUrl).toBe('https://n8n.example.com/webhook/abc/webhook?token=***');
	expectNoToken('items', items);
	expectNoToken('runData', JSON.stringify(runData));
});

it('a Dry Run preview shows the token masked', async () => {
	const { items, runData } = await runCcvNode({ parameters: payment({ dryRun: true }), credentials: { apiKey: t.sb.apiKey, baseUrl: t.sb.url, defaultWebhookUrl: HOOK } });
	expect(t.sb.log).toHaveLength(0);
	expect(JSON.stringify(items[0].json)).toContain('token=***');
	expectNoToken('items', items);
	expectNoToken('runData', JSON.stringify(runData));
});

it.each([false, true])('an error echoing the webhook URL keeps the token out of every field (Continue On Fail %s)', async (continueOnFail) => {
	wire.handle((req) => {
		if (req.method === 'GET') return { status: 200, body: [] }; // no earlier attempt of this order
		const sent = JSON.parse(req.body || '{}') as { webhookUrl?: string };
		return { status: 400, body: { type: 'input_error', message: `webhookUrl ${sent.webhookUrl} refused`, field: 'webhookUrl', fields: [{ field: 'webhookUrl', message: `got ${sent.webhookUrl}` }] } };
	});
	wire.log.length = 0;
	const { items, error, runData } = await runCcvNode({
		parameters: payment({ retries: 0 }),
		credentials: { apiKey: 't_tokenleak', baseUrl: wire.url, defaultWebhookUrl: HOOK },
		continueOnFail,
	});
	const posts = wire.log.filter((r) => r.method === 'POST');
	expect(posts).toHaveLength(1);
	expect(posts[0].body).toContain(encodeURIComponent(SHARED));
	if (continueOnFail) expect(items[0].json.ccvError).toMatchObject({ field: 'webhookUrl' });
	else expect(error).toBeDefined();
	expectNoToken('error', error);
	expectNoToken('items', items);
	expectNoToken('runData', JSON.stringify(runData));
});
