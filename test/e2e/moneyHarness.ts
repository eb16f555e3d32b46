/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- test tooling: runs in Node, never inside n8n */
// Helpers of moneyProcesses.test.ts (issue 24 rows 11 and 12): the money workflows it runs in real
// n8n processes, started by a production webhook whose body names the payment, the refund's own
// Merchant Order Reference and the order; and which queue-mode worker ran an execution.
import { randomUUID } from 'node:crypto';

import type { QueueCluster } from '../../scripts/lib/n8n-queue.cjs';
import { login, startN8nServer, waitForProductionWebhook, waitUntil } from '../../scripts/lib/n8n-server.cjs';
import type { ExecutionSummary, RestClient } from '../../scripts/lib/n8n-server.cjs';
import type { Sandbox, Transaction } from '../../sandbox';
import { CCV_NODE, OWNER } from './harness';
import type { CredentialRef, N8nInstance, Workflow, WorkflowNode } from './harness';
import { webhookWorkflow } from './queueHarness';

type Chain = Array<Omit<WorkflowNode, 'id' | 'position'>>;

/** The body every money webhook takes: the payment to refund, the refund's own reference, the order. */
export interface MoneyCall {
	payment?: string;
	rma?: string;
	order?: string;
	/** ISO time the executions wait for before the CCV node (row 11: the same moment on both workers). */
	startAt?: string;
}

/** Refund > Create, partial 10.00 of the call's payment, with the call's Merchant Order Reference. */
export function refundNode(name: string, credential: CredentialRef, description: string): Chain[number] {
	return {
		name,
		type: CCV_NODE,
		typeVersion: 1,
		onError: 'continueRegularOutput',
		credentials: { ccvApi: credential },
		parameters: {
			resource: 'refund',
			operation: 'create',
			paymentReference: "={{ $('Webhook').item.json.body.payment }}",
			amountToRefund: 'partial',
			amount: '10.00',
			additionalFields: { merchantOrderReference: "={{ $('Webhook').item.json.body.rma }}", description },
			options: {},
		},
	};
}

/** Payment > Create (checkout, card, 25.00) for the call's order. */
export function paymentNode(name: string, credential: CredentialRef, description: string): Chain[number] {
	return {
		name,
		type: CCV_NODE,
		typeVersion: 1,
		onError: 'continueRegularOutput',
		credentials: { ccvApi: credential },
		parameters: {
			resource: 'payment',
			operation: 'create',
			amount: '25.00',
			currency: 'eur',
			method: 'card',
			paymentFlow: 'checkout',
			returnUrl: 'https://shop.example/return',
			additionalFields: { merchantOrderReference: "={{ $('Webhook').item.json.body.order }}", description },
			options: {},
		},
	};
}

/** n8n's Wait node until the call's `startAt` (under 65 s it waits inside the running execution). */
export function waitUntilStartAt(): Chain[number] {
	return {
		name: 'Wait for the moment',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		webhookId: randomUUID(),
		parameters: { resume: 'specificTime', dateTime: "={{ $('Webhook').item.json.body.startAt }}" },
	};
}

/** A workflow started by a production webhook at `path`, then the chain. */
export function moneyWorkflow(name: string, path: string, chain: Chain): Workflow {
	return webhookWorkflow(name, path, chain);
}

/** The index of the queue-mode worker whose log says it started this execution (-1: none). */
export function workerOf(cluster: QueueCluster, executionId: string): number {
	const started = new RegExp(`Worker started execution ${executionId} \\(`);
	return cluster.workers.findIndex((worker) => started.test(worker.output()));
}

/**
 * While `run` starts processes, every queue-mode worker takes one execution at a time
 * (N8N_CONCURRENCY_PRODUCTION_LIMIT, which a worker reads as its concurrency; queue mode ignores it
 * elsewhere), so two executions queued together run in the two worker processes, not side by side in one.
 */
export async function withOneExecutionPerWorker<T>(run: () => Promise<T>): Promise<T> {
	const before = process.env.N8N_CONCURRENCY_PRODUCTION_LIMIT;
	process.env.N8N_CONCURRENCY_PRODUCTION_LIMIT = '1';
	try {
		return await run();
	} finally {
		if (before === undefined) delete process.env.N8N_CONCURRENCY_PRODUCTION_LIMIT;
		else process.env.N8N_CONCURRENCY_PRODUCTION_LIMIT = before;
	}
}

/** What CCV (the sandbox) holds and received for one money intention. */
export function atCcv(sandbox: Sandbox, operation: 'refund' | 'payment', match: (tx: Transaction) => boolean) {
	const held = sandbox.state.transactions().filter((tx) => (operation === 'refund' ? tx.type === 'refund' : ['sale', 'authorise'].includes(tx.type)) && match(tx));
	const posts = sandbox.log.filter((e) => e.method === 'POST' && e.path === `/api/v1/${operation}` && match(e.body as Transaction));
	return {
		held,
		posts,
		/** The Idempotency-Reference header of each POST, in order. */
		keys: posts.map((e) => e.headers['idempotency-reference']),
	};
}

/** An ISO time `ms` from now. */
export function inMs(ms: number): string {
	return new Date(Date.now() + ms).toISOString();
}

export interface MoneyServer {
	api: RestClient;
	webhookUrl(path: string): string;
	/** Finished executions of a workflow, oldest first, once there are at least `count`. */
	executions(workflowId: string, count: number): Promise<ExecutionSummary[]>;
	stop(): Promise<void>;
}

/**
 * `n8n start` on the instance's user folder and database, with its webhook answering. As
 * N8nInstance.startServer(), with waits long enough for a machine shared with other test runs.
 */
export async function startMoneyServer(n8n: N8nInstance, webhookPath: string, timeoutMs = 300_000): Promise<MoneyServer> {
	const server = await startN8nServer(n8n.env, { timeoutMs });
	try {
		const webhookUrl = (path: string) => `${server.baseUrl}/webhook/${path}`;
		await waitForProductionWebhook(webhookUrl(webhookPath), { timeoutMs });
		const api = await login(server.baseUrl, OWNER.email, OWNER.password);
		return {
			api,
			webhookUrl,
			async executions(workflowId, count) {
				let done: ExecutionSummary[] = [];
				await waitUntil(`${count} execution(s) of workflow ${workflowId}`, timeoutMs, async () => {
					const all = await api.listExecutions(workflowId);
					done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
					return done.length >= count;
				});
				return done.sort((a, b) => Number(a.id) - Number(b.id));
			},
			stop: () => server.stop(),
		};
	} catch (error) {
		console.log(server.output().slice(-4000));
		await server.stop();
		throw error;
	}
}
