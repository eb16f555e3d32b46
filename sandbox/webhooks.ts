/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// Outgoing calls (webhooks, notifications, order notifications) through one undici Agent per
// sandbox, each sent once and recorded in `deliveries`, failures included. Nothing here throws
// into the server.
import { Agent, request } from 'undici';
import type { Delivery } from './types';

const SEND_TIMEOUT_MS = 5000;

export class Deliverer {
	readonly deliveries: Delivery[] = [];
	private agent: Agent | undefined;
	private readonly pending = new Set<Promise<void>>();
	/** Each waiter: `check` re-tests its condition, `cancel` rejects it. */
	private readonly waiters = new Set<{ check: () => void; cancel: (why: string) => void }>();
	private generation = 0;
	private closed = false;

	/** `allowHttp`: the allowHttpWebhooks reading; without it only https:// URLs are called (REFERENCE §5, seed 003:399). */
	constructor(private readonly allowHttp: () => boolean = () => true) {}

	/** POSTs `body` as JSON or, when body is '', an empty body. Returns at once. */
	send(kind: Delivery['kind'], url: string, body: unknown): void {
		if (this.closed) return;
		const at = Date.now();
		if (!this.allowHttp() && !/^https:\/\//i.test(url)) {
			this.record({ kind, url, body, error: 'not called: CCV calls https:// URLs only (allowHttpWebhooks is off)', at });
			return;
		}
		const generation = this.generation;
		const keep = (delivery: Delivery) => {
			// A reset in between empties the list; late answers of older sends are not brought back.
			if (generation === this.generation) this.record(delivery);
		};
		const run = this.post(url, body).then(
			(status) => keep({ kind, url, body, status, at }),
			(error: Error) => keep({ kind, url, body, error: error.message || String(error), at }),
		);
		this.pending.add(run);
		void run.finally(() => this.pending.delete(run));
	}

	private async post(url: string, body: unknown): Promise<number> {
		this.agent ??= new Agent({
			headersTimeout: SEND_TIMEOUT_MS,
			bodyTimeout: SEND_TIMEOUT_MS,
			connectTimeout: SEND_TIMEOUT_MS,
		});
		const empty = body === '';
		const response = await request(url, {
			method: 'POST',
			dispatcher: this.agent,
			headers: empty
				? { 'user-agent': 'ccv-sandbox' }
				: { 'content-type': 'application/json', 'user-agent': 'ccv-sandbox' },
			body: empty ? '' : JSON.stringify(body),
		});
		await response.body.dump();
		return response.statusCode;
	}

	private record(delivery: Delivery): void {
		this.deliveries.push(delivery);
		for (const waiter of [...this.waiters]) waiter.check();
	}

	/** Resolves with all deliveries once at least `n` have completed. */
	waitFor(n: number, timeoutMs = 5000): Promise<Delivery[]> {
		if (this.deliveries.length >= n) return Promise.resolve([...this.deliveries]);
		return new Promise((resolve, reject) => {
			const waiter = {
				check: () => {
					if (this.deliveries.length < n) return;
					done();
					resolve([...this.deliveries]);
				},
				cancel: (why: string) => {
					done();
					reject(new Error(`expected ${n} deliveries, got ${this.deliveries.length}: ${why}`));
				},
			};
			const done = () => {
				clearTimeout(timer);
				this.waiters.delete(waiter);
			};
			const timer = setTimeout(() => waiter.cancel(`none more within ${timeoutMs} ms`), timeoutMs);
			this.waiters.add(waiter);
		});
	}

	clear(): void {
		this.generation++;
		this.deliveries.length = 0;
	}

	/** Aborts calls still under way (they are recorded with their error) and frees the agent. */
	async close(): Promise<void> {
		this.closed = true;
		for (const waiter of [...this.waiters]) waiter.cancel('the sandbox was closed');
		const agent = this.agent;
		this.agent = undefined;
		if (agent) await agent.destroy();
		await Promise.allSettled([...this.pending]);
	}
}
