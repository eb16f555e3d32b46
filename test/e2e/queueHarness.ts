/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- test tooling: runs in Node, never inside n8n */
// The queue-mode profile of the e2e harness: PostgreSQL + Redis (scripts/lib/queue-services.cjs,
// installed with apt-get when missing), n8n main + 2 workers + 2 webhook processes
// (scripts/lib/n8n-queue.cjs), our package loaded in every process. Used by queue.test.ts and the
// trigger benchmark.
import { randomUUID } from 'node:crypto';

import { importCredentials, importWorkflows } from '../../scripts/lib/n8n-cli.cjs';
import type { CredentialImport } from '../../scripts/lib/n8n-cli.cjs';
import { queueEnv, startQueueCluster, startQueueServices } from '../../scripts/lib/n8n-queue.cjs';
import type { QueueCluster, QueueServices } from '../../scripts/lib/n8n-queue.cjs';
import { login, startN8nServer, waitForProductionWebhook, waitUntil } from '../../scripts/lib/n8n-server.cjs';
import type { ExecutionSummary, RestClient } from '../../scripts/lib/n8n-server.cjs';
import { CCV_TRIGGER_NODE, newId, OWNER, prepareExtension, tempDir } from './harness';
import type { CredentialRef, Workflow, WorkflowNode } from './harness';

export interface QueueN8n {
	cluster: QueueCluster;
	api: RestClient;
	/** Production URL of a path on webhook process 0 or 1. */
	webhookUrl(process: number, webhookPath: string): string;
	/** Finished executions of a workflow once their number stops growing (at least `min`). */
	settledExecutions(workflowId: string, min: number, quietMs?: number, timeoutMs?: number): Promise<ExecutionSummary[]>;
	/** SQL in n8n's PostgreSQL database (psql -At output). */
	sql(query: string): Promise<string>;
	/** Stops the main process (the leader, which runs schedule triggers), runs `whileDown`, starts it again. */
	restartMain(whileDown?: () => Promise<void>): Promise<void>;
	/** The JSON items a node output in one execution. */
	executionItems(id: string, nodeName: string): Promise<Array<Record<string, unknown>>>;
	stop(): Promise<void>;
}

/**
 * Starts the queue-mode n8n with these workflows imported and published (their production webhooks
 * answering on both webhook processes). `workflows` is called with the credential to use.
 */
export async function startQueueN8n(
	credential: CredentialImport,
	workflows: (credential: CredentialRef) => Workflow[],
	log: (line: string) => void = (line) => console.log(`[queue] ${line}`),
	/** More credentials to import, made from the services (e.g. a Postgres credential for n8n's database). */
	extraCredentials: (services: QueueServices) => CredentialImport[] = () => [],
): Promise<QueueN8n> {
	let services: QueueServices | undefined;
	let cluster: QueueCluster | undefined;
	try {
		const started = Date.now();
		const step = (what: string) => log(`${what} (${Math.round((Date.now() - started) / 1000)} s)`);
		services = await startQueueServices({ name: `q${process.pid}`, log });
		const { env } = await queueEnv({ userFolder: tempDir('queue-n8n'), extensionsDir: prepareExtension(), owner: OWNER, services });
		await importCredentials(env, [credential, ...extraCredentials(services)]);
		step('database migrated, credential imported');
		const list = workflows({ id: credential.id, name: credential.name });
		await importWorkflows(env, list);
		// What `n8n publish:workflow` does (WorkflowRepository.publishVersion), in one statement instead
		// of one n8n start per workflow.
		const ids = list.map((w) => `'${w.id.replace(/[^A-Za-z0-9]/g, '')}'`).join(',');
		await services.sql(`UPDATE workflow_entity SET active = true, "activeVersionId" = "versionId" WHERE id IN (${ids})`);
		step('workflows imported and published');
		cluster = await startQueueCluster({ env, workers: 2, webhooks: 2, log });
		step('main, workers and webhook processes started');
		const hooks = cluster.webhooks;
		const webhookUrl = (processIndex: number, webhookPath: string) => `${hooks[processIndex].baseUrl}/webhook/${webhookPath}`;
		for (const workflow of list) {
			for (const path of webhookPaths(workflow)) {
				await Promise.all(hooks.map((_, i) => waitForProductionWebhook(webhookUrl(i, path), { timeoutMs: 90_000 })));
			}
		}
		const api = await login(cluster.main.baseUrl, OWNER.email, OWNER.password);
		log(`queue-mode n8n ready in ${Math.round((Date.now() - started) / 1000)} s`);
		const running = cluster;
		const stopServices = services;
		let main: { stop(): Promise<void> } = cluster.main;
		const mainsStarted: Array<{ stop(): Promise<void> }> = [];
		return {
			cluster: running,
			api,
			sql: (query) => stopServices.sql(query),
			webhookUrl,
			async settledExecutions(workflowId, min, quietMs = 2500, timeoutMs = 120_000) {
				let last = -1;
				let stableSince = Date.now();
				let done: ExecutionSummary[] = [];
				await waitUntil(`executions of ${workflowId} to settle (at least ${min})`, timeoutMs, async () => {
					// A main that just restarted answers 503 for a moment.
					const all = await listAll(api, workflowId).catch(() => undefined);
					if (all === undefined) return false;
					done = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
					if (done.length !== all.length) return false;
					if (all.length !== last) {
						last = all.length;
						stableSince = Date.now();
						return false;
					}
					return all.length >= min && Date.now() - stableSince >= quietMs;
				});
				return done.sort((a, b) => Number(a.id) - Number(b.id));
			},
			async restartMain(whileDown) {
				await main.stop();
				await whileDown?.();
				main = await startN8nServer(env);
				mainsStarted.push(main);
				log('main restarted');
			},
			async executionItems(id, nodeName) {
				const full = await api.getExecution(id);
				const runs = full.data.resultData.runData[nodeName] ?? [];
				return (runs[0]?.data?.main?.[0] ?? []).map((item: { json: Record<string, unknown> }) => item.json);
			},
			async stop() {
				await Promise.all(mainsStarted.map((m) => m.stop()));
				await running.stop();
				await stopServices.stop();
			},
		};
	} catch (error) {
		if (cluster) console.log(cluster.output().slice(-6000));
		await cluster?.stop();
		await services?.stop();
		throw error;
	}
}

/**
 * Every execution of a workflow, newest first. Not by n8n's nextCursor: n8n 2.41.1 sorts the list by start
 * time but continues a page with "id below the last row's id"; in queue mode ids are given when an execution
 * is created and start times when a worker picks it up, so an execution created before but started after a
 * page's last row was skipped (measured: the claim example "lost" 3 and 4 of 200 changes whose acting
 * execution the list had skipped). Each page here asks again for the executions started at or before the
 * earliest start of the page before (n8n's startedBefore is inclusive); ids de-duplicate.
 */
export async function listAll(api: RestClient, workflowId: string): Promise<ExecutionSummary[]> {
	const all: ExecutionSummary[] = [];
	const seen = new Set<string>();
	for (let startedBefore: string | undefined; ; ) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, ...(startedBefore ? { startedBefore } : {}) }));
		const data = await api.get(`/rest/executions?filter=${filter}&limit=${PAGE}`);
		const page = (data.results ?? data) as ExecutionSummary[];
		let added = 0;
		for (const e of page) {
			if (seen.has(e.id)) continue;
			seen.add(e.id);
			all.push(e);
			added++;
		}
		// A page holds the running executions, then up to PAGE finished ones by start time.
		const finished = page.filter((e) => !['new', 'running'].includes(e.status));
		if (finished.length < PAGE) return all;
		const starts = finished.filter((e) => e.startedAt).map((e) => Date.parse(e.startedAt));
		if (added === 0 || starts.length === 0) throw new Error(`cannot page on through the executions of ${workflowId} (${PAGE} started in the same millisecond, or none has a start time)`);
		startedBefore = new Date(Math.min(...starts)).toISOString();
	}
}

const PAGE = 100;

function webhookPaths(workflow: Workflow): string[] {
	return workflow.nodes.flatMap((node) => {
		if (node.type === 'n8n-nodes-base.webhook') return [String(node.parameters.path)];
		if (node.type === CCV_TRIGGER_NODE && node.webhookId) return [`${node.webhookId}/webhook`];
		return [];
	});
}

/** A workflow started by n8n's Webhook node (answers at once), then `nodes` in a chain. */
export function webhookWorkflow(name: string, path: string, chain: Array<Omit<WorkflowNode, 'id' | 'position'>>): Workflow {
	const nodes: WorkflowNode[] = [
		{
			id: newId(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		...chain.map((node, i): WorkflowNode => ({ ...node, id: newId(), position: [220 * (i + 1), 0] }) as WorkflowNode),
	];
	const connections: Workflow['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id: newId(), name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A workflow holding only a CCV Trigger (transaction webhooks, Emit Each Status Once). */
export function triggerWorkflow(name: string, credential: CredentialRef, parameters: Record<string, unknown> = {}): Workflow {
	return {
		id: newId(),
		name,
		active: false,
		nodes: [
			{
				id: newId(),
				name: 'CCV Trigger',
				type: CCV_TRIGGER_NODE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { eventSource: 'transaction', statuses: [], emitEachStatusOnce: true, ...parameters },
				credentials: { ccvApi: credential },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

export async function post(url: string, body: unknown): Promise<number> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	await response.text();
	return response.status;
}
