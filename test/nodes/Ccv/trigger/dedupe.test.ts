// "Emit Each Status Once": the last status output per transaction lives in the node's static data,
// which n8n saves with the workflow after a call and loads again for the next one.
import { Workflow } from 'n8n-workflow';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { MAX_REMEMBERED, mergeEmitted } from '../../../../nodes/Ccv/trigger/emittedStore';
import type { TriggerStaticData } from '../../../../nodes/Ccv/trigger/emittedStore';
import { runWebhookMethod } from '../../../helpers/engine';

import { useTestSandbox } from '../../../sandbox/testing';
import { asEmitted, callTrigger, credentialsFor, emittedBy, trigger } from './helpers';

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
		expect(Object.keys(thenSuccess.staticData.emitted as IDataObject)).toEqual([
			`transaction:${reference}:pending`,
			`transaction:${reference}:success`,
		]);
		expect(thenSuccess.emitted[0].eventKey).toBe(`transaction:${reference}:success`);
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

	it('outputs one verified status once; events the trigger cannot confirm at CCV output nothing and are not counted as a status', async () => {
		const { reference } = t.sb.addPayment({ status: 'pending' });
		const note = (eventType: string) => ({ notificationId: eventType, eventType, reference, created: 1, data: {} });

		const run = await deliver({ eventSource: 'notification' }, [
			note('AuthenticationStarted'),
			note('AuthenticationCompleted'),
			note('StatusChanged'),
			note('MandateUsed'),
		]);

		expect(run.emitted).toEqual([asEmitted(t.sb.state.transactions()[0], { eventType: 'StatusChanged', query: {} })]);
		expect(Object.keys(run.staticData.emitted as IDataObject)).toEqual([`transaction:${reference}:pending`]);
	});

	it('is not flushed by 1,000 calls naming real transactions: a repeat of an earlier status still starts nothing', async () => {
		const first = t.sb.addPayment({ status: 'success' }).reference;
		const others = Array.from({ length: 5 }, () => t.sb.addPayment({ status: 'pending' }).reference);
		const start = await deliver({ eventSource: 'notification' }, [{ reference: first, eventType: 'StatusChanged' }]);
		const flood = Array.from({ length: 1000 }, (_, i) => ({ reference: others[i % others.length], eventType: 'StatusChanged' }));

		const afterFlood = await deliver({ eventSource: 'notification' }, flood, start.staticData);
		const repeat = await deliver({ eventSource: 'notification' }, [{ reference: first, eventType: 'StatusChanged' }], afterFlood.staticData);

		expect(start.emitted).toHaveLength(1);
		expect(afterFlood.emitted).toHaveLength(others.length);
		expect(repeat.emitted).toEqual([]);
		expect(Object.keys(repeat.staticData.emitted as IDataObject)).toHaveLength(1 + others.length);
	}, 120_000);

	it(`remembers at most ${MAX_REMEMBERED} status changes, forgetting the ones output longest ago first`, () => {
		const data: TriggerStaticData = {};
		const fresh = new Map<string, number>();
		for (let i = 0; i <= MAX_REMEMBERED + 1; i++) fresh.set(`transaction:T${i}:success`, 1000 + i);
		mergeEmitted(data, fresh);

		const keys = Object.keys(data.emitted ?? {});
		expect(keys).toHaveLength(MAX_REMEMBERED);
		expect(keys.slice(0, 1)).toEqual(['transaction:T2:success']);
		expect(keys.at(-1)).toBe(`transaction:T${MAX_REMEMBERED + 1}:success`);
	});

	it('merges: a copy missing records another save overwrote gets them back, and an unchanged one is not rewritten', () => {
		const data: TriggerStaticData = { emitted: { 'transaction:B:success': 5 } };
		mergeEmitted(data, new Map([['transaction:A:success', 4], ['transaction:B:success', 5]]));
		const merged = data.emitted;
		mergeEmitted(data, new Map([['transaction:A:success', 4]]));

		expect(merged).toEqual({ 'transaction:A:success': 4, 'transaction:B:success': 5 });
		expect(data.emitted).toBe(merged);
	});

	it('reads what an earlier version remembered', async () => {
		const { reference } = t.sb.addPayment({ status: 'success' });

		const run = await deliver({ eventSource: 'transaction' }, [{ id: reference }], { lastEmitted: { [`tx:${reference}`]: 'success' } });

		expect(run.emitted).toEqual([]);
		expect(run.staticData).toEqual({ emitted: { [`transaction:${reference}:success`]: 0 } });
	});

	it('marks the workflow static data as changed, so n8n saves it', () => {
		const node: INode = { id: '1', name: 'CCV Trigger', type: 'ccvTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		const loaded = { 'node:CCV Trigger': { emitted: { 'transaction:A:pending': 1 } } };
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
		mergeEmitted(data, new Map([['transaction:A:pending', 1]]));
		expect(changed()).toBe(false);
		mergeEmitted(data, new Map([['transaction:A:success', 2]]));

		expect(changed()).toBe(true);
		expect(JSON.parse(JSON.stringify(workflow.staticData))).toEqual({
			'node:CCV Trigger': { emitted: { 'transaction:A:pending': 1, 'transaction:A:success': 2 } },
		});
	});
});

describe('CCV Trigger webhook methods (publishing and unpublishing)', () => {
	const parameters = { eventSource: 'transaction' };
	const url = 'http://localhost:5678/webhook/test-webhook-id/webhook';

	it('records the Production URL on publish and forgets it on unpublish, keeping what was output', async () => {
		const credentials = credentialsFor(t.sb);
		const remembered = { emitted: { 'transaction:A:success': 1 } };

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
			emitted: { 'transaction:A:success': 1, 'order:42:completed': 2, 'transaction:B:failed': 3 },
		};
		const orders = { eventSource: 'orderStatus' };

		const exists = await runWebhookMethod(trigger, 'checkExists', { parameters: orders, staticData });
		const created = await runWebhookMethod(trigger, 'create', { parameters: orders, staticData });

		expect(exists.result).toBe(false);
		expect(created.staticData).toEqual({ webhookUrl: url, eventSource: 'orderStatus', emitted: { 'order:42:completed': 2 } });
	});
});
