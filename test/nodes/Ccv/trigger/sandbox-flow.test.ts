// End to end with the sandbox: CCV (the sandbox) calls the trigger's URL over HTTP when a payment,
// refund or order changes; the trigger looks the transaction or order up and outputs CCV's answer.
import { randomBytes } from 'node:crypto';

import { paymentBody } from '../../../sandbox/test-client';

import { useTestSandbox } from '../../../sandbox/testing';
import { asEmitted, credentialsFor, post } from './helpers';
import { useTriggerReceiver } from './receiver';

const t = useTestSandbox({ allowHttpWebhooks: true });
const receivers = useTriggerReceiver();

const TOKEN = randomBytes(16).toString('hex');

async function listen(parameters: Record<string, unknown>) {
	return await receivers.start({ parameters: { token: TOKEN, ...parameters }, credentials: credentialsFor(t.sb) });
}

function stateOf(reference: string) {
	return t.sb.state.transactions().find((t) => t.reference === reference);
}

describe('CCV Trigger with the CCV sandbox calling it', () => {
	it('outputs a settled payment once, even when the webhook arrives twice', async () => {
		const r = await listen({ eventSource: 'transaction' });
		const created = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: `${r.url}?token=${TOKEN}` }));
		expect(created.status).toBe(200);
		const reference = created.body.reference as string;

		t.sb.settle(reference, 'success');
		const [first] = await t.sb.waitForDeliveries(1);
		const again = await post(first.url, first.body);

		expect(first).toMatchObject({ kind: 'webhook', body: { id: reference }, status: 200 });
		expect(again).toBe(200);
		expect(r.emitted()).toEqual([asEmitted(stateOf(reference))]);
		expect(r.emitted()[0]).toMatchObject({ status: 'success', type: 'sale', amount: 25 });
		expect(r.calls.map((c) => c.answer)).toEqual([{ received: true }, { received: true }]);
	});

	it('outputs a settled refund once', async () => {
		const r = await listen({ eventSource: 'transaction', transactionTypes: ['refund'] });
		const payment = t.sb.addPayment({ status: 'success', amount: '40.00' });
		const refund = await t.api.post('/api/v1/refund', {
			reference: payment.reference,
			amount: '15.00',
			webhookUrl: `${r.url}?token=${TOKEN}`,
		});
		expect(refund.status).toBe(200);
		const reference = refund.body.reference as string;

		t.sb.settle(reference, 'success');
		const [delivery] = await t.sb.waitForDeliveries(1);
		await post(delivery.url, delivery.body);

		expect(r.emitted()).toEqual([asEmitted(stateOf(reference))]);
		expect(r.emitted()[0]).toMatchObject({ type: 'refund', status: 'success', amount: 15 });
	});

	it('outputs a notification with its event type and the transaction CCV reports', async () => {
		const r = await listen({ eventSource: 'notification' });
		const created = await t.api.post(
			'/api/v1/payment',
			paymentBody({ notificationRequests: { url: `${r.url}?token=${TOKEN}`, events: ['StatusChanged'] } }),
		);
		const reference = created.body.reference as string;

		t.sb.settle(reference, 'failed', { failureCode: 'card_refused' });
		const [delivery] = await t.sb.waitForDeliveries(1);

		expect(delivery).toMatchObject({ kind: 'notification', status: 200 });
		expect(r.emitted()).toEqual([asEmitted(stateOf(reference), { eventType: 'StatusChanged', query: {} })]);
	});

	it('refuses the webhook with 401 when the URL given to CCV lacks the token', async () => {
		const r = await listen({ eventSource: 'transaction' });
		const created = await t.api.post('/api/v1/payment', paymentBody({ webhookUrl: r.url }));

		t.sb.settle(created.body.reference as string, 'success');
		const [delivery] = await t.sb.waitForDeliveries(1);

		expect(delivery.status).toBe(401);
		expect(r.emitted()).toEqual([]);
	});
});
