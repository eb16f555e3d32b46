// REFERENCE §6: "When present, notifications replace the merchant webhook configuration and/or
// webhookUrl" (issue 28 #4, #15). Strict default: a request with notificationRequests never has its
// webhookUrl called, whatever events they name. The event table's narrower sentence (StatusChanged
// "Replaces the standard webhook when included") is the reading notificationsReplaceWebhook
// 'status-changed'.
import { paymentBody, startReceiver, type Receiver } from './test-client';
import { DEFAULT_READINGS } from '../../sandbox/index';
import { useTestSandbox } from './testing';

const t = useTestSandbox({ allowHttpWebhooks: true });
let hook: Receiver;

beforeAll(async () => {
	hook = await startReceiver();
});
afterAll(async () => {
	await hook.close();
});
beforeEach(() => {
	hook.received.length = 0;
	hook.answerWith(200);
});

async function settleWithoutStatusChanged(): Promise<void> {
	const { body } = await t.api.post(
		'/api/v1/payment',
		paymentBody({ webhookUrl: `${hook.url}/webhook`, notificationRequests: { url: `${hook.url}/n`, events: ['MandateUpdated'] } }),
	);
	t.sb.settle(body.reference, 'success');
}

it('strict default: notificationRequests without StatusChanged still replace the webhookUrl: nothing is called on a status change', async () => {
	expect(DEFAULT_READINGS.notificationsReplaceWebhook).toBe('when-present');
	await settleWithoutStatusChanged();
	await expect(t.sb.waitForDeliveries(1, 300)).rejects.toThrow(/deliveries/);
	expect(t.sb.deliveries).toHaveLength(0);
	expect(hook.received).toHaveLength(0);
});

it('reading status-changed: without StatusChanged the webhookUrl is called as before', async () => {
	t.sb.readings.set({ notificationsReplaceWebhook: 'status-changed' });
	await settleWithoutStatusChanged();
	const [delivery] = await t.sb.waitForDeliveries(1);
	expect(delivery).toMatchObject({ kind: 'webhook', url: `${hook.url}/webhook` });
});
