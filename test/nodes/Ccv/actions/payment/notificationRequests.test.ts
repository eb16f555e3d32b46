// Notification Requests beside the credential's Default Webhook URL (issue 28 #4). REFERENCE §6: "When
// present, notifications replace the merchant webhook configuration and/or webhookUrl". So the
// credential's URL is not added to a request that carries Notification Requests, and when those name
// no StatusChanged event the output warns that the CCV Trigger will not hear of the transaction.
import type { INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../sandboxRun';

const t = useSandbox();

const HOOK = 'https://hooks.example.com/ccv';
const credentials = () => ({ apiKey: t.sb.apiKey, baseUrl: t.sb.url, defaultWebhookUrl: HOOK });
const posts = () => t.sb.log.filter((e) => e.method === 'POST');

function payment(additionalFields: INodeParameters, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'payment',
		operation: 'create',
		amount: '19.99',
		currency: 'eur',
		method: 'card',
		paymentFlow: 'checkout',
		returnUrl: 'https://shop.example/return',
		additionalFields: { merchantOrderReference: `NOTIFY-${Math.random().toString(36).slice(2)}`, ...additionalFields },
		options,
	};
}

const withStatus = JSON.stringify({ url: 'https://shop.example/notify', events: ['StatusChanged'] });
const withoutStatus = JSON.stringify({ url: 'https://shop.example/notify', events: ['AuthenticationCompleted'] });

describe('Notification Requests replace the webhook (REFERENCE §6; issue 28 #4)', () => {
	it('with a StatusChanged notification: the Default Webhook URL is not added, and no warning', async () => {
		const { items, error } = await t.run(payment({ notificationRequests: withStatus }), [{}], { credentials: credentials() });
		expect(error).toBeUndefined();
		expect(posts()[0].body).not.toHaveProperty('webhookUrl');
		expect(items[0].json).not.toHaveProperty('webhookUrlFrom');
		expect(items[0].json).not.toHaveProperty('warnings');
	});

	it('without a StatusChanged notification: the Default Webhook URL is not added, and the output warns', async () => {
		const { items, error } = await t.run(payment({ notificationRequests: withoutStatus }), [{}], { credentials: credentials() });
		expect(error).toBeUndefined();
		expect(posts()[0].body).not.toHaveProperty('webhookUrl');
		expect(items[0].json.warnings).toEqual([
			'The Notification Requests name no StatusChanged event, and CCV sends them instead of any webhook: the CCV Trigger will not hear when this transaction\'s status changes. Add "StatusChanged" to their events, or look the transaction up with Transaction > Get.',
		]);
	});

	it('Dry Run shows the same warning, and sends nothing', async () => {
		const { items, error } = await t.run(payment({ notificationRequests: withoutStatus }, { dryRun: true }), [{}], { credentials: credentials() });
		expect(error).toBeUndefined();
		expect(t.sb.log).toHaveLength(0);
		expect(items[0].json.warnings).toEqual([expect.stringContaining('the CCV Trigger will not hear')]);
	});

	it('a refund is treated the same way', async () => {
		const sale = t.sb.addPayment({ amount: '30.00' });
		const { items, error } = await t.run(
			{ resource: 'refund', operation: 'create', paymentReference: sale.reference, amountToRefund: 'full', methodDetails: 'none', additionalFields: { notificationRequests: withoutStatus }, options: {} },
			[{}],
			{ credentials: credentials() },
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).not.toHaveProperty('webhookUrl');
		expect(items[0].json.warnings).toEqual([expect.stringContaining('the CCV Trigger will not hear')]);
	});

	it('without Notification Requests the Default Webhook URL is still added (issue 17 unchanged)', async () => {
		const { items, error } = await t.run(payment({}), [{}], { credentials: credentials() });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ webhookUrl: HOOK });
		expect(items[0].json).toMatchObject({ webhookUrlFrom: 'credential' });
		expect(items[0].json).not.toHaveProperty('warnings');
	});
});
