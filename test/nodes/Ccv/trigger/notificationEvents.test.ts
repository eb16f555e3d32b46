// Notification events besides StatusChanged (REFERENCE §6). The pages give each event's name and when
// it fires; the payload is undocumented, so the trigger takes only the reference (and which event) from
// the call and outputs what CCV answers: MandateUpdated re-reads the mandate, MandateUsed the transaction
// and its mandate. Events CCV's answers cannot confirm (Authentication*, TerminalMessageUpdate,
// Collected, PaidOut, AutoRefunded) are not offered and output nothing.
import { randomBytes } from 'node:crypto';
import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { paymentBody } from '../../../sandbox/test-client';
import { useTestSandbox } from '../../../sandbox/testing';
import { triggerProperties } from '../../../../nodes/Ccv/trigger/description';
import { callTrigger, credentialsFor, emittedBy, post } from './helpers';
import { useTriggerReceiver } from './receiver';

const t = useTestSandbox({ allowHttpWebhooks: true });
const receivers = useTriggerReceiver();

const TOKEN = randomBytes(16).toString('hex');
const ALL_OFFERED = ['StatusChanged', 'MandateUpdated', 'MandateUsed'];

async function listen(parameters: Record<string, unknown>) {
	return await receivers.start({
		parameters: { token: TOKEN, eventSource: 'notification', ...parameters },
		credentials: credentialsFor(t.sb),
	});
}

function mandateReads() {
	return t.sb.log.filter((entry) => entry.method === 'GET' && entry.path.startsWith('/api/v1/mandate/'));
}

/** A first card payment that obtains a mandate, settled: the mandate turns active. */
async function obtainMandate(url: string | undefined, events: string[]) {
	const subscription = url === undefined ? {} : { notificationRequests: { url, events } };
	const { body } = await t.api.post('/api/v1/payment', paymentBody({ obtainMandate: 'yes', ...subscription }));
	t.sb.settle(body.reference as string, 'success');
	return { reference: body.reference as string, mandateId: body.details.mandateId as string };
}

describe('CCV Trigger: notification events besides StatusChanged', () => {
	it('MandateUpdated re-reads the mandate and outputs it once, beside the status change of the same transaction', async () => {
		const r = await listen({ notificationEvents: ALL_OFFERED });
		const first = await obtainMandate(`${r.url}?token=${TOKEN}`, ['StatusChanged', 'MandateUpdated']);
		const deliveries = await t.sb.waitForDeliveries(2);
		const updated = deliveries.find((d) => (d.body as IDataObject).eventType === 'MandateUpdated');
		await post(updated!.url, updated!.body); // CCV calling twice
		// The payload is undocumented: a call naming only the event and the reference is read alike.
		await post(updated!.url, { eventType: 'MandateUpdated', reference: first.reference });

		expect(deliveries.map((d) => (d.body as IDataObject).eventType).sort()).toEqual(['MandateUpdated', 'StatusChanged']);
		const mandate = t.sb.state.mandates().find((m) => m.mandateId === first.mandateId);
		const emitted = r.emitted();
		expect(emitted).toHaveLength(2);
		expect(emitted.find((e) => e.event === 'MandateUpdated')).toEqual({
			...mandate,
			event: 'MandateUpdated',
			transactionReference: first.reference,
			eventKey: `mandate:${first.mandateId}:active`,
			unverified: { eventType: 'MandateUpdated', query: {} },
		});
		expect(emitted.find((e) => e.event === 'StatusChanged')).toMatchObject({
			reference: first.reference,
			status: 'success',
			eventKey: `transaction:${first.reference}:success`,
		});
		expect(mandateReads().map((e) => e.path)).toEqual(Array(3).fill(`/api/v1/mandate/${first.mandateId}`));
		expect(r.calls.map((c) => c.status)).toEqual([200, 200, 200, 200]);
	});

	it('MandateUsed outputs the transaction a mandate started, with the mandate as CCV answers it', async () => {
		const r = await listen({ notificationEvents: ALL_OFFERED });
		const first = await obtainMandate(`${r.url}?token=${TOKEN}`, ['StatusChanged']);
		await t.sb.waitForDeliveries(1);
		await sleep(5);
		const { body: mit } = await t.api.post('/api/v1/payment', {
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			mandateId: first.mandateId,
			notificationRequests: { url: `${r.url}?token=${TOKEN}`, events: ['MandateUsed'] },
		});
		const [, used] = await t.sb.waitForDeliveries(2);

		expect(used.body).toMatchObject({ eventType: 'MandateUsed', reference: mit.reference });
		const tx = t.sb.state.transactions().find((x) => x.reference === mit.reference);
		const mandate = t.sb.state.mandates().find((m) => m.mandateId === first.mandateId);
		expect(r.emitted().filter((e) => e.event === 'MandateUsed')).toEqual([
			{ ...tx, mandate, event: 'MandateUsed', eventKey: `mandate-used:${mit.reference}`, unverified: { eventType: 'MandateUsed', query: {} } },
		]);
	});

	it('MandateUsed naming the payment that obtained the mandate outputs nothing: CCV does not confirm a use', async () => {
		const { reference } = await obtainMandate(undefined, []);
		const result = await callTrigger(t.sb, { eventSource: 'notification', notificationEvents: ALL_OFFERED }, {
			body: { eventType: 'MandateUsed', reference },
		});
		expect(emittedBy(result)).toBeUndefined();
	});

	it('a mandate event naming a transaction without a mandate outputs nothing and reads no mandate', async () => {
		const { reference } = t.sb.addPayment({ status: 'success' });
		for (const eventType of ['MandateUpdated', 'MandateUsed']) {
			const result = await callTrigger(t.sb, { eventSource: 'notification', notificationEvents: ALL_OFFERED }, { body: { eventType, reference } });
			expect(emittedBy(result)).toBeUndefined();
		}
		expect(mandateReads()).toEqual([]);
	});

	it.each(['AuthenticationStarted', 'AuthenticationCompleted', 'TerminalMessageUpdate', 'Collected', 'PaidOut', 'AutoRefunded'])(
		'%s is not offered: it outputs nothing and looks nothing up, and a later StatusChanged still outputs the status',
		async (eventType) => {
			const { reference } = t.sb.addPayment({ status: 'pending' });
			const first = await callTrigger(t.sb, { eventSource: 'notification' }, { body: { eventType, reference, data: {} } });
			expect(emittedBy(first)).toBeUndefined();
			expect(t.sb.log.filter((e) => e.method === 'GET')).toEqual([]);

			const status = await callTrigger(t.sb, { eventSource: 'notification' }, { body: { eventType: 'StatusChanged', reference } }, { staticData: first.staticData });
			expect(emittedBy(status)).toEqual([expect.objectContaining({ event: 'StatusChanged', status: 'pending', eventKey: `transaction:${reference}:pending` })]);
		},
	);

	it('by default only StatusChanged is output: a MandateUpdated call starts nothing', async () => {
		const { reference } = await obtainMandate(undefined, []);
		const result = await callTrigger(t.sb, { eventSource: 'notification' }, { body: { eventType: 'MandateUpdated', reference } });
		expect(emittedBy(result)).toBeUndefined();
		expect(mandateReads()).toEqual([]);
	});

	it('the Events field offers only the events the trigger can confirm, and says why the others are missing', () => {
		const field = triggerProperties.find((p) => p.name === 'notificationEvents');
		expect(field?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(ALL_OFFERED);
		expect(field?.default).toEqual(['StatusChanged']);
		expect(field?.description).toMatch(/TerminalMessageUpdate/);
		expect(field?.description).toMatch(/AuthenticationStarted/);
	});
});
