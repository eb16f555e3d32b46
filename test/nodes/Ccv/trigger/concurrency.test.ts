/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// Copies of one webhook arriving at once, or overlapping, in one n8n process: exactly one execution
// per verified status change, and no "already output" record lost to overlapping static-data saves.
// The receiver loads the static data when a call starts and writes it back whole when the node
// changed it, the last write winning: as n8n 2.41 does, with no lock.
import { randomBytes } from 'node:crypto';

import { useTestSandbox } from '../../../sandbox/testing';
import { credentialsFor, lookups, post } from './helpers';
import { useTriggerReceiver } from './receiver';
import type { TriggerReceiver } from './receiver';

const t = useTestSandbox({ allowHttpWebhooks: true });
const receivers = useTriggerReceiver();

const TOKEN = randomBytes(16).toString('hex');

async function listen(parameters: Record<string, unknown> = { eventSource: 'transaction' }) {
	return await receivers.start({ parameters: { token: TOKEN, ...parameters }, credentials: credentialsFor(t.sb) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function outputKeys(r: TriggerReceiver): string[] {
	return r.emitted().map((json) => `${String(json.reference ?? json.orderId)} ${String(json.status ?? json.orderStatus)}`);
}

describe('CCV Trigger: concurrent copies in one n8n process', () => {
	it('starts one execution for two copies sent at the same moment, for each of 40 status changes', async () => {
		const r = await listen();
		t.sb.setLatency(20);
		const refs = Array.from({ length: 40 }, () => t.sb.addPayment({ status: 'success' }).reference);

		const statuses = await Promise.all(refs.flatMap((id) => [0, 1].map(() => post(`${r.url}?token=${TOKEN}`, { id }))));

		expect(statuses.every((status) => status === 200)).toBe(true);
		expect(outputKeys(r).sort()).toEqual(refs.map((ref) => `${ref} success`).sort());
	});

	it('starts one execution for five copies sent at the same moment', async () => {
		const r = await listen();
		t.sb.setLatency(30);
		const refs = Array.from({ length: 10 }, () => t.sb.addPayment({ status: 'failed' }).reference);

		await Promise.all(refs.flatMap((id) => [0, 1, 2, 3, 4].map(() => post(`${r.url}?token=${TOKEN}`, { id }))));

		expect(outputKeys(r).sort()).toEqual(refs.map((ref) => `${ref} failed`).sort());
	});

	it('starts one execution when a second copy arrives 200 ms after the first, whose lookup takes 400 ms', async () => {
		const r = await listen();
		t.sb.setLatency(400);
		const { reference } = t.sb.addPayment({ status: 'success' });

		const first = post(`${r.url}?token=${TOKEN}`, { id: reference });
		await sleep(200);
		const second = post(`${r.url}?token=${TOKEN}`, { id: reference });

		expect(await Promise.all([first, second])).toEqual([200, 200]);
		expect(outputKeys(r)).toEqual([`${reference} success`]);
	});

	it('outputs a status that changed while an earlier call\'s lookup was running', async () => {
		const r = await listen();
		const { reference } = t.sb.addPayment({ status: 'pending' });
		t.sb.setLatency(300);

		const first = post(`${r.url}?token=${TOKEN}`, { id: reference });
		await sleep(50);
		t.sb.settle(reference, 'success');
		const second = post(`${r.url}?token=${TOKEN}`, { id: reference });
		await Promise.all([first, second]);

		// The first lookup may see either status (the sandbox answers after its delay); success is never lost.
		expect(outputKeys(r).at(-1)).toBe(`${reference} success`);
		expect(new Set(outputKeys(r)).size).toBe(outputKeys(r).length);
	});

	it('keeps every record through overlapping saves: late single repeats start nothing, also after a restart', async () => {
		const r = await listen();
		t.sb.setLatency(15);
		const refs = Array.from({ length: 30 }, () => t.sb.addPayment({ status: 'success' }).reference);
		await Promise.all(refs.flatMap((id) => [0, 1].map(() => post(`${r.url}?token=${TOKEN}`, { id }))));
		// Repeats one at a time, then heal any copy an overlapping save lost.
		for (const id of refs) await post(`${r.url}?token=${TOKEN}`, { id });
		const afterRepeats = r.emitted().length;

		r.restartProcess();
		for (const id of refs) await post(`${r.url}?token=${TOKEN}`, { id });

		expect(afterRepeats).toBe(30);
		expect(r.emitted()).toHaveLength(30);
		const emitted = (r.staticData().emitted ?? {}) as Record<string, number>;
		expect(refs.filter((ref) => emitted[`transaction:${ref}:success`] === undefined)).toEqual([]);
	});

	it('shares one lookup among the copies that arrive while a lookup runs', async () => {
		const r = await listen();
		t.sb.setLatency(200);
		const { reference } = t.sb.addPayment({ status: 'success' });

		const first = post(`${r.url}?token=${TOKEN}`, { id: reference });
		await sleep(50);
		await Promise.all([first, ...[0, 1, 2, 3].map(() => post(`${r.url}?token=${TOKEN}`, { id: reference }))]);

		expect(outputKeys(r)).toEqual([`${reference} success`]);
		expect(lookups(t.sb)).toHaveLength(2);
	});
});
