// The credential's Default Webhook URL (issue 17): every payment, refund, capture and reversal whose
// item sets no Webhook URL gets it, at the wire; the item's own URL wins; it never changes the
// Idempotency-Reference; the credential is read once per execution, not per item.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CcvCredentialData } from '../../../../helpers/engine';
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

const HOOK = 'https://hooks.example.com/ccv';
const OWN = 'https://shop.example/own-hook';

type Operation = 'payment' | 'refund' | 'capture' | 'reversal';

function credential(defaultWebhookUrl?: string): CcvCredentialData {
	return { apiKey: t.sb.apiKey, baseUrl: t.sb.url, ...(defaultWebhookUrl === undefined ? {} : { defaultWebhookUrl }) };
}

/** Parameters of one valid item of each operation, against a fresh sandbox payment. */
function parameters(operation: Operation, additionalFields: INodeParameters = {}, options: INodeParameters = {}): INodeParameters {
	if (operation === 'payment') {
		return {
			resource: 'payment',
			operation: 'create',
			amount: '19.99',
			currency: 'eur',
			method: 'card',
			paymentFlow: 'checkout',
			returnUrl: 'https://shop.example/return',
			additionalFields: { merchantOrderReference: `HOOK-${Math.random().toString(36).slice(2)}`, ...additionalFields },
			options,
		};
	}
	if (operation === 'refund') {
		const sale = t.sb.addPayment({ amount: '30.00' });
		return { resource: 'refund', operation: 'create', paymentReference: sale.reference, amountToRefund: 'partial', amount: '5.00', methodDetails: 'none', additionalFields: { merchantOrderReference: 'RMA-1', ...additionalFields }, options };
	}
	const auth = t.sb.addPayment({ type: 'authorise', amount: '30.00' });
	if (operation === 'capture') {
		return { resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'full', additionalFields, options };
	}
	return { resource: 'payment', operation: 'reversal', paymentReference: auth.reference, additionalFields, options };
}

const posts = () => t.sb.log.filter((e) => e.method === 'POST');
const OPERATIONS: Operation[] = ['payment', 'refund', 'capture', 'reversal'];

describe.each(OPERATIONS)('Default Webhook URL from the credential: %s', (operation) => {
	it('an item without a Webhook URL is sent with the credential\'s, and the output says where it came from', async () => {
		const { items, error } = await t.run(parameters(operation), [{}], { credentials: credential(`  ${HOOK} `) });
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(posts()[0].body).toMatchObject({ webhookUrl: HOOK });
		expect(items[0].json).toMatchObject({ webhookUrlFrom: 'credential' });
	});

	it('the item\'s own Webhook URL wins', async () => {
		const { items, error } = await t.run(parameters(operation, { webhookUrl: OWN }), [{}], { credentials: credential(HOOK) });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ webhookUrl: OWN });
		expect(items[0].json).toMatchObject({ webhookUrlFrom: 'item' });
	});

	it('without a default in the credential no webhookUrl is sent (as before)', async () => {
		const { items, error } = await t.run(parameters(operation), [{}], { credentials: credential('') });
		expect(error).toBeUndefined();
		expect(posts()[0].body).not.toHaveProperty('webhookUrl');
		expect(items[0].json).not.toHaveProperty('webhookUrlFrom');
	});

	it('the default does not change the Idempotency-Reference', async () => {
		const params = parameters(operation, {}, { dryRun: true });
		const without = await t.run(params, [{}], { credentials: credential() });
		const withDefault = await t.run(params, [{}], { credentials: credential(HOOK) });
		expect(withDefault.items[0].json.idempotencyReference).toBe(without.items[0].json.idempotencyReference);
		expect(t.sb.log).toHaveLength(0);
	});

	it('Dry Run shows the body with the filled-in webhookUrl', async () => {
		const { items } = await t.run(parameters(operation, {}, { dryRun: true }), [{}], { credentials: credential(HOOK) });
		expect((items[0].json.request as IDataObject).body).toMatchObject({ webhookUrl: HOOK });
		expect(t.sb.log).toHaveLength(0);
	});
});

describe('Default Webhook URL: reading and checking the credential', () => {
	it('reads the credential once per execution, not once per item (also with Notification Requests)', async () => {
		const notificationRequests = '{ "url": "https://shop.example/notify" }';
		const items = Array.from({ length: 6 }, (_, k) => ({ order: `HOOK-MANY-${k}` }));
		const params = parameters('payment', { merchantOrderReference: '={{ $json.order }}', notificationRequests });
		const { error, credentialReads } = await t.run(params, items, { credentials: credential(HOOK) });
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(6);
		// Notification Requests replace the webhook (REFERENCE §6): the default is not added (issue 28 #4).
		expect(posts().every((p) => (p.body as IDataObject).webhookUrl === undefined)).toBe(true);
		// The transport's read, plus at most one for the default.
		expect(credentialReads).toBeLessThanOrEqual(2);
	});

	it('a default the money requests may not use (http:// to another host) stops every item before anything is sent, naming the credential field', async () => {
		// Item 1 has its own Webhook URL, item 2 would use the default: neither is sent.
		const items = [{ order: 'HOOK-BAD-1', hook: OWN }, { order: 'HOOK-BAD-2', hook: '' }];
		const params = parameters('payment', { merchantOrderReference: '={{ $json.order }}', webhookUrl: '={{ $json.hook }}' });
		const { error } = await t.run(params, items, { credentials: credential('http://shop.example/webhook/ccv') });
		expect(error?.message).toContain('"Default Webhook URL" in the CCV API credential must be a web address starting with https://');
		expect(t.sb.log).toHaveLength(0);
	});
});
