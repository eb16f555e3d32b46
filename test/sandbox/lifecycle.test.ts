/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Starting and stopping sandboxes leaves nothing behind: no port, socket, timer or webhook client.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../../sandbox/index';
import { Client, paymentBody } from './test-client';

const WATCHED = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];

function resources(): Record<string, number> {
	const counts: Record<string, number> = Object.fromEntries(WATCHED.map((name) => [name, 0]));
	for (const name of process.getActiveResourcesInfo()) if (name in counts) counts[name]++;
	return counts;
}

/** A webhook receiver that never answers, so deliveries are still under way at close. */
async function silentReceiver(): Promise<{ url: string; server: Server }> {
	const server = createServer(() => undefined);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}

it('starts and stops 50 sandboxes (keep-alive clients, requests in flight, webhooks under way) without leaking', async () => {
	const before = resources();
	const silent = await silentReceiver();
	for (let i = 0; i < 50; i++) {
		const sb = await startSandbox({ seed: i % 10 === 0, allowHttpWebhooks: true });
		const api = new Client(sb);
		expect((await api.get('/api/v1/method')).status).toBe(200);
		if (i % 5 === 0) {
			const { body } = await api.post('/api/v1/payment', paymentBody({ webhookUrl: silent.url }));
			sb.settle(body.reference, 'success');
			sb.setLatency(10_000);
			const stuck = api.get('/api/v1/method').then(
				() => 'answered',
				() => 'failed',
			);
			const waiting = sb.waitForDeliveries(1, 10_000).then(
				() => 'delivered',
				(error: Error) => error.message,
			);
			await new Promise((resolve) => setTimeout(resolve, 20));
			await sb.close();
			expect(await stuck).toBe('failed');
			expect(await waiting).toMatch(/closed/);
			expect(sb.deliveries).toEqual([expect.objectContaining({ kind: 'webhook', error: expect.any(String) })]);
		} else {
			await sb.close();
		}
		await api.close();
	}
	silent.server.closeAllConnections();
	await new Promise<void>((resolve) => silent.server.close(() => resolve()));
	await new Promise((resolve) => setImmediate(resolve));
	await new Promise((resolve) => setImmediate(resolve));
	const after = resources();
	for (const name of WATCHED) expect({ [name]: after[name] <= before[name] }).toEqual({ [name]: true });
});

it('frees its port: a closed sandbox port can be bound again at once', async () => {
	const first = await startSandbox();
	const port = Number(new URL(first.url).port);
	await first.close();
	const second = await startSandbox({ port });
	expect(second.url).toBe(`http://127.0.0.1:${port}`);
	await second.close();
});

it('close() can be called twice', async () => {
	const sb = await startSandbox();
	await sb.close();
	await expect(sb.close()).resolves.toBeUndefined();
});
