// "Emit Each Status Once": the last status output per transaction lives in the node's static data,
// which n8n saves with the workflow after a call and loads again for the next one.
import { Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { MAX_REMEMBERED, rememberEmitted } from '../../../../nodes/Ccv/trigger/emittedStore';
import type { TriggerStaticData } from '../../../../nodes/Ccv/trigger/emittedStore';
import { runWebhookMethod } from '../../../helpers/engine';

import { useTestSandbox } from '../../../sandbox/testing';
import { callTrigger, credentialsFor, emittedBy, trigger } from './helpers';

const t = useTestSandbox();

/** Delivers the same bodies one after the other, carrying the static data over as n8n does. */
async function deliver(parameters: INodeParameters, bodies: unknown[], staticData: IDataObject = {}) {
	let saved = staticData;
	const emitted: IDataObject[] = [];
	for (const body of bodies) {
		const result = await callTrigger(t.sb, parameters, { body }, { staticData: saved });
		saved = result.staticData;
		emitted.push(...(emittedBy(result) ?? []));
	}
	return { emitted, staticData: saved };
}

describe('CCV Trigger: Emit Each Status Once', () => {
	it('outputs a status once when CCV calls twice for it, and again once it changes', async () => {
		const { reference } = t.sb.addPayment({ status: 'pending' });
		const twicePending = await deliver({ eventSource: 'transaction' }, [{ id: reference }, { id: reference }]);
		t.sb.settle(reference, 'success');
		const thenSuccess = await deliver({ eventSource: 'transaction' }, [{ id: reference }, { id: reference }], twicePending.staticData);

		expect(twicePending.emitted.map((t) => t.status)).toEqual(['pending']);
		expect(thenSuccess.emitted.map((t) => t.status)).toEqual(['success']);
		expect(thenSuccess.staticData).toEqual({ lastEmitted: { [`tx:${reference}`]: 'success' } });
	});

	it('outputs every call when switched off, and stores nothing', async () => {
		const { reference } = t.sb.addPayment();

		const run = await deliver({ eventSource: 'transaction', emitEachStatusOnce: false }, [{ id: reference }, { id: reference }]);

		expect(run.emitted).toHaveLength(2);
		expect(run.staticData).toEqual({});
	});

	it('does not remember statuses that were filtered out', async () => {
		const { reference } = t.sb.addPayment({ status: 'pending' });

		const run = await deliver({ eventSource: 'transaction', statuses: ['success'] }, [{ id: reference }]);

		expect(run.emitted).toEqual([]);
		expect(run.staticData).toEqual({});
	});

	it('keeps notifications of different event types apart', async () => {
		const { reference } = t.sb.addPayment({ status: 'pending' });
		const note = (eventType: string) => ({ notificationId: eventType, eventType, reference, created: 1, data: {} });

		const run = await deliver({ eventSource: 'notification' }, [
			note('AuthenticationStarted'),
			note('AuthenticationCompleted'),
			note('AuthenticationCompleted'),
		]);

		expect(run.emitted.map((t) => [t.eventType, t.status])).toEqual([
			['AuthenticationStarted', 'pending'],
			['AuthenticationCompleted', 'pending'],
		]);
		expect(Object.keys(run.staticData.lastEmitted as IDataObject)).toEqual([
			`ntf:AuthenticationStarted:${reference}`,
			`ntf:AuthenticationCompleted:${reference}`,
		]);
	});

	it(`remembers at most ${MAX_REMEMBERED} transactions, forgetting the oldest first`, () => {
		const data: TriggerStaticData = {};
		for (let i = 0; i <= MAX_REMEMBERED; i++) rememberEmitted(data, `tx:${i}`, 'success');
		rememberEmitted(data, 'tx:1', 'failed');
		rememberEmitted(data, 'tx:new', 'pending');

		const keys = Object.keys(data.lastEmitted ?? {});
		expect(keys).toHaveLength(MAX_REMEMBERED);
		expect(keys.slice(0, 2)).toEqual(['tx:3', 'tx:4']);
		expect(keys.slice(-2)).toEqual(['tx:1', 'tx:new']);
		expect(data.lastEmitted?.['tx:1']).toBe('failed');
	});

	it('marks the workflow static data as changed, so n8n saves it', () => {
		const node: INode = { id: '1', name: 'CCV Trigger', type: 'ccvTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		const loaded = { 'node:CCV Trigger': { lastEmitted: { 'tx:A': 'pending' } } };
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: { getByName: () => trigger, getByNameAndVersion: () => trigger, getKnownTypes: () => ({}) },
			staticData: loaded,
		});
		const changed = () => (workflow.staticData as IDataObject).__dataChanged;

		const data = workflow.getStaticData('node', node) as TriggerStaticData;
		expect(changed()).toBe(false);
		rememberEmitted(data, 'tx:A', 'success');

		expect(changed()).toBe(true);
		expect(JSON.parse(JSON.stringify(workflow.staticData))).toEqual({
			'node:CCV Trigger': { lastEmitted: { 'tx:A': 'success' } },
		});
	});
});

describe('CCV Trigger webhook methods (publishing and unpublishing)', () => {
	const parameters = { eventSource: 'transaction' };
	const url = 'http://localhost:5678/webhook/test-webhook-id/webhook';

	it('records the Production URL on publish and forgets it on unpublish, keeping what was output', async () => {
		const credentials = credentialsFor(t.sb);
		const remembered = { lastEmitted: { 'tx:A': 'success' } };

		const before = await runWebhookMethod(trigger, 'checkExists', { parameters, credentials, staticData: remembered });
		const created = await runWebhookMethod(trigger, 'create', { parameters, credentials, staticData: remembered });
		const after = await runWebhookMethod(trigger, 'checkExists', { parameters, credentials, staticData: created.staticData });
		const deleted = await runWebhookMethod(trigger, 'delete', { parameters, credentials, staticData: created.staticData });

		expect([before.result, created.result, after.result, deleted.result]).toEqual([false, true, true, true]);
		expect(created.staticData).toEqual({ ...remembered, webhookUrl: url, eventSource: 'transaction' });
		expect(deleted.staticData).toEqual(remembered);
		expect(t.sb.log).toHaveLength(0);
	});

	it('drops statuses remembered for another event source when published with a new one', async () => {
		const staticData = {
			webhookUrl: url,
			eventSource: 'transaction',
			lastEmitted: { 'tx:A': 'success', 'order:42': 'completed', 'tx:B': 'failed' },
		};
		const orders = { eventSource: 'orderStatus' };

		const exists = await runWebhookMethod(trigger, 'checkExists', { parameters: orders, staticData });
		const created = await runWebhookMethod(trigger, 'create', { parameters: orders, staticData });

		expect(exists.result).toBe(false);
		expect(created.staticData).toEqual({ webhookUrl: url, eventSource: 'orderStatus', lastEmitted: { 'order:42': 'completed' } });
	});
});
