// Issue 23 #1: the process memory of "the body sent first" belongs to one credential (account and
// base URL) and one intention, holds only what CCV may have received, and never sends what the
// user has since corrected after a definite non-send. Where the first send's outcome was open and
// the body changed, the output says which body CCV holds.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runCcvNode } from '../../../../helpers/engine';
import type { CcvCredentialData } from '../../../../helpers/engine';
import { startSandbox } from '../../../../../sandbox';
import type { Sandbox } from '../../../../../sandbox';

let shopA: Sandbox;
let shopB: Sandbox;
beforeAll(async () => {
	shopA = await startSandbox({ apiKey: 't_shop_a' });
	shopB = await startSandbox({ apiKey: 't_shop_b' });
});
afterAll(async () => {
	await shopA?.close();
	await shopB?.close();
});

const credentialOf = (sb: Sandbox, extra: Partial<CcvCredentialData> = {}): CcvCredentialData => ({ apiKey: sb.apiKey, baseUrl: sb.url, ...extra });
const run = (parameters: IDataObject, credentials: CcvCredentialData) =>
	runCcvNode({ parameters: { additionalFields: {}, options: {}, ...parameters } as INodeParameters, items: [{}], credentials });
const postsTo = (sb: Sandbox, path: string) => sb.log.filter((e) => e.method === 'POST' && e.path === path);

/** A port nothing listens on now; a sandbox is started on it later (the same credential, base URL and key). */
async function closedPort(): Promise<number> {
	const probe = await startSandbox({});
	const port = Number(new URL(probe.url).port);
	await probe.close();
	return port;
}

it('two shops (two credentials) send a payment link for their order 1001: each CCV gets its own returnUrl and description', async () => {
	const payment = (shop: string) => ({
		resource: 'payment',
		operation: 'create',
		amount: '10.00',
		currency: 'eur',
		method: 'card',
		returnUrl: `https://${shop}.example/return`,
		additionalFields: { merchantOrderReference: '1001', description: `Order 1001 at ${shop}` },
	});
	expect((await run(payment('shop-a'), credentialOf(shopA))).error).toBeUndefined();
	expect((await run(payment('shop-b'), credentialOf(shopB))).error).toBeUndefined();
	expect(postsTo(shopA, '/api/v1/payment').map((e) => e.body)).toEqual([expect.objectContaining({ returnUrl: 'https://shop-a.example/return', description: 'Order 1001 at shop-a' })]);
	expect(postsTo(shopB, '/api/v1/payment').map((e) => e.body)).toEqual([expect.objectContaining({ returnUrl: 'https://shop-b.example/return', description: 'Order 1001 at shop-b' })]);
});

it('a refund whose first run got "connection refused", corrected from payout split SUB-A to SUB-B: SUB-B is sent', async () => {
	const port = await closedPort();
	const parameters = (sub: string) => ({
		resource: 'refund',
		operation: 'create',
		paymentReference: 'C250324145223810CB87E194.Y',
		amountToRefund: 'partial',
		amount: '10.00',
		additionalFields: { merchantOrderReference: 'RMA-1', payoutInstructions: { instruction: [{ externalReference: sub, amount: '10.00' }] } },
		options: { retries: 0 },
	});
	const credentials = { apiKey: 't_refused', baseUrl: `http://127.0.0.1:${port}` };
	const refused = await run(parameters('SUB-A'), credentials);
	expect(refused.error?.message).toContain('the connection was refused');
	const sb = await startSandbox({ port, apiKey: 't_refused' });
	try {
		const payment = sb.addPayment({ amount: '30.00', reference: 'C250324145223810CB87E194.Y', payoutInstructions: [{ externalReference: 'SUB-A', amount: 15 }, { externalReference: 'SUB-B', amount: 15 }] });
		const corrected = await run({ ...parameters('SUB-B'), paymentReference: payment.reference }, credentials);
		expect(corrected.error).toBeUndefined();
		expect(postsTo(sb, '/api/v1/refund').map((e) => (e.body as IDataObject).payoutInstructions)).toEqual([[{ externalReference: 'SUB-B', amount: '10.00' }]]);
	} finally {
		await sb.close();
	}
});

it('a capture whose Default Webhook URL went out on a refused connection, then corrected: the corrected URL is sent', async () => {
	const port = await closedPort();
	const capture = { resource: 'payment', operation: 'capture', paymentReference: 'A250324145223810CB87E194.Y', amountToCapture: 'full', options: { retries: 0 } };
	const base = { apiKey: 't_hook', baseUrl: `http://127.0.0.1:${port}` };
	const refused = await run(capture, { ...base, defaultWebhookUrl: 'https://old.example/hook' });
	expect(refused.error?.message).toContain('the connection was refused');
	const sb = await startSandbox({ port, apiKey: 't_hook' });
	try {
		const auth = sb.addPayment({ type: 'authorise', amount: '20.00', reference: 'A250324145223810CB87E194.Y' });
		const corrected = await run({ ...capture, paymentReference: auth.reference }, { ...base, defaultWebhookUrl: 'https://new.example/hook' });
		expect(corrected.error).toBeUndefined();
		expect(postsTo(sb, '/api/v1/capture').map((e) => (e.body as IDataObject).webhookUrl)).toEqual(['https://new.example/hook']);
		expect(corrected.items[0].json).toMatchObject({ webhookUrl: 'https://new.example/hook', webhookUrlFrom: 'credential' });
	} finally {
		await sb.close();
	}
});

it('an open outcome (connection dropped after CCV applied it), then a changed Description: the first body is sent again and the output says so', async () => {
	const auth = shopA.addPayment({ type: 'authorise', amount: '20.00' });
	shopA.faults.add({ match: { method: 'POST', path: '^/api/v1/capture$' }, count: 1, kind: 'drop-after-apply' });
	const capture = (description: string) => ({
		resource: 'payment',
		operation: 'capture',
		paymentReference: auth.reference,
		amountToCapture: 'partial',
		amount: '5.00',
		additionalFields: { description },
		options: { idempotencyKey: 'SHIP-OPEN-1', retries: 0 },
	});
	const first = await run(capture('Shipment 1'), credentialOf(shopA));
	expect(first.error?.message).toContain('the connection was dropped');
	const again = await run(capture('Shipment 1, corrected'), credentialOf(shopA));
	expect(again.error).toBeUndefined();
	const bodies = postsTo(shopA, '/api/v1/capture').map((e) => (e.body as IDataObject).description);
	expect(bodies).toEqual(['Shipment 1', 'Shipment 1']);
	expect(again.items[0].json).toMatchObject({ description: 'Shipment 1', replayed: true });
	expect(String(again.items[0].json.bodyNote)).toContain('changes to description were not sent');
	expect(shopA.state.transactions().filter((tx) => tx.type === 'capture' && tx.originalReference === auth.reference)).toHaveLength(1);
});
