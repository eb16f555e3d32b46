/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test tooling: runs in Node, never inside n8n */
/**
 * Harness for the e2e suite: our nodes in a real n8n 2.41.1 (Node 24) against the CCV sandbox.
 *
 * Every n8n command costs seconds of start-up, so a test file batches: it builds ONE workflow that
 * holds many independent CCV nodes, runs it with ONE `n8n execute`, then asserts on each node's items
 * and on the requests the sandbox logged. The files:
 *   customers.test.ts  customer and card operations      payments.test.ts  payment, refund, transaction,
 *   examples.test.ts   examples/ as shipped (no trigger)                    mandate and order operations
 *   server.test.ts     one `n8n start`: the packed package loads, credential test, CCV Trigger executions
 *
 * How to add an e2e case for an operation:
 *   1. Add a step to the `steps` list of customers.test.ts or payments.test.ts:
 *        { name: 'Get customer', parameters: { resource: 'customer', operation: 'get',
 *          customer: { __rl: true, mode: 'externalId', value: 'crm-1001' } }, items: [{ ... }] }
 *      `items` become the node's input (a Code node "<name> input" returns them; default one empty
 *      item), so parameters can use expressions such as '={{ $json.id }}'; `after: '<step name>'`
 *      chains from an earlier step's output instead. Steps run top to bottom against one seeded
 *      sandbox: give each step its own seed records (SEED in sandbox/seed.ts) or its own new ones.
 *      Every CCV node has Continue On Fail on: a failing step outputs an error item ({ error,
 *      description, httpCode }) and the others still run.
 *   2. Add a test: okItems(run, '<step name>') gives that node's output JSON (and fails with the error
 *      items when there are any), nodeErrorItems(...) the error items; sandbox.log holds the requests
 *      CCV received and sandbox.state what CCV holds afterwards.
 *   Parameter names: nodes/Ccv/actions/<resource>/<operation>.operation.ts.
 *
 * Lifecycle (see customers.test.ts):
 *   beforeAll: await setupRuntime(); sandbox = await startSandbox({ seed: true }); n8n = await createN8n();
 *              const credential = await n8n.importCredential(ccvCredential(sandbox.url));
 *              run = await n8n.runSteps('name', steps, credential);
 *   afterAll:  await sandbox.close(); await n8n.cleanup(); removeAllTempDirs();
 *   Child processes are also killed by stopAll() (registered with afterAll here) and when jest exits.
 * A running n8n (server.test.ts): import and n8n.publish(id) workflows first, then n8n.startServer();
 * server.api is logged in as OWNER (REST API, executions), server.webhookUrl(path) is a production URL.
 * setupRuntime() installs n8n on first use (about 3-5 minutes, then reused) and rebuilds dist/ when a
 * source is newer. Set E2E_KEEP=1 to keep the temp folders (n8n database, logs) for debugging.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureBuild } from '../../scripts/lib/build.cjs';
import { installPackedExtension, prepareExtension as copyExtension } from '../../scripts/lib/extension.cjs';
import type { PackedExtension } from '../../scripts/lib/extension.cjs';
import {
	executeWorkflow as cliExecute,
	importCredentials,
	importWorkflows,
	publishWorkflow,
} from '../../scripts/lib/n8n-cli.cjs';
import type { CredentialImport, N8nRun } from '../../scripts/lib/n8n-cli.cjs';
import { n8nEnv } from '../../scripts/lib/n8n-env.cjs';
import type { Owner } from '../../scripts/lib/n8n-env.cjs';
import { login, startN8nServer, waitForProductionWebhook, waitUntil } from '../../scripts/lib/n8n-server.cjs';
import type { ExecutionSummary, N8nServer, RestClient } from '../../scripts/lib/n8n-server.cjs';
import { freePort, runProcess, stopAll } from '../../scripts/lib/processes.cjs';
import { N8N_BIN, ROOT, RUNTIME_MARKER } from '../../scripts/lib/runtime-paths.cjs';
import { startSandbox } from '../../sandbox';
import type { RequestLogEntry, Sandbox } from '../../sandbox';

export type { N8nRun } from '../../scripts/lib/n8n-cli.cjs';
export type { ExecutionSummary, RestClient } from '../../scripts/lib/n8n-server.cjs';
export { waitUntil } from '../../scripts/lib/n8n-server.cjs';

export const SANDBOX_API_KEY = 't_sandbox';
export const CCV_NODE = 'CUSTOM.ccv';
export const CCV_TRIGGER_NODE = 'CUSTOM.ccvTrigger';
export const OWNER: Owner = { email: 'owner@e2e.test', password: 'E2e-owner-pass1', firstName: 'E2E', lastName: 'Owner' };

const KEEP = process.env.E2E_KEEP === '1';

if (typeof afterAll === 'function') afterAll(() => stopAll());

// ---------------------------------------------------------------------------------------------
// Runtime and build

/** Installs n8n once (see scripts/n8n-runtime.mjs) and builds our package if its sources changed. */
export async function setupRuntime(): Promise<void> {
	if (!(fs.existsSync(RUNTIME_MARKER) && fs.existsSync(N8N_BIN))) await installRuntime();
	await ensureBuild({ log: (line) => console.log(`[e2e] ${line}`) });
}

async function installRuntime(): Promise<void> {
	const result = await runProcess(process.execPath, [path.join(ROOT, 'scripts', 'n8n-runtime.mjs')], {
		cwd: ROOT,
		name: 'n8n runtime install',
		timeoutMs: 20 * 60_000,
		onLine: (line) => console.log(line),
	});
	if (result.code !== 0) throw new Error(`installing n8n failed:\n${result.output}`);
}

// ---------------------------------------------------------------------------------------------
// Temp folders

const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccv-e2e-${prefix}-`));
	tempDirs.push(dir);
	return dir;
}

function removeTempDirs(dirs: string[]): void {
	if (KEEP) {
		console.log(`[e2e] kept: ${dirs.join(' ')}`);
		return;
	}
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}

/** A folder holding our package.json and dist/ (a copy of the current build), for N8N_CUSTOM_EXTENSIONS. */
export function prepareExtension(): string {
	return copyExtension(tempDir('extension'));
}

/** Of these paths (relative to the installed package), the ones the package does not hold. */
export function missingPackageFiles(packed: PackedExtension, files: string[]): string[] {
	return files.filter((file) => !fs.existsSync(path.join(packed.packageDir, file)));
}

/** The package as users install it: `npm pack` + `npm install <tarball>` into a fresh folder. */
export async function preparePackedExtension(): Promise<PackedExtension> {
	return await installPackedExtension(tempDir('packed'));
}

// ---------------------------------------------------------------------------------------------
// Workflows

/** n8n ids: 16 letters and digits. */
export function newId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	webhookId?: string;
	[key: string]: unknown;
}

export interface Workflow {
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	[key: string]: unknown;
}

/** One CCV node of a batch workflow (see the top of this file). */
export interface Step {
	/** Node name, unique in the workflow; the key for nodeItems(). */
	name: string;
	/** Node parameters (resource, operation, fields...). */
	parameters: Record<string, unknown>;
	/** Input items (JSON objects); default one empty item. Ignored when `after` is set. */
	items?: Array<Record<string, unknown>>;
	/** Chain from this earlier step's output instead of own input items. */
	after?: string;
	/** Default CUSTOM.ccv; any node type works, e.g. 'n8n-nodes-base.httpRequest' for comparisons. */
	type?: string;
	/** Default 1. */
	typeVersion?: number;
	/** Default: the workflow's CCV credential for CCV nodes, none for other types. */
	credentials?: Record<string, CredentialRef>;
	/** Default true: a failure becomes an error item and the other steps still run. */
	continueOnFail?: boolean;
}

export interface CredentialRef {
	id: string;
	name: string;
}

function connect(workflow: Workflow, from: string, to: string): void {
	workflow.connections[from] ??= { main: [[]] };
	workflow.connections[from].main[0].push({ node: to, type: 'main', index: 0 });
}

/**
 * One workflow: a Manual Trigger, then per step (top to bottom) a Code node with its input items and
 * the CCV node, or the CCV node chained after an earlier step.
 */
export function buildWorkflow(name: string, steps: Step[], credential: CredentialRef): Workflow {
	const workflow: Workflow = {
		id: newId(),
		name,
		active: false,
		nodes: [
			{ id: newId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	const names = new Set(['Start']);
	const column = new Map<string, number>();
	steps.forEach((step, row) => {
		if (names.has(step.name)) throw new Error(`step name used twice: ${step.name}`);
		const y = row * 200;
		let parent = step.after;
		let x = 440;
		if (parent !== undefined) {
			if (!names.has(parent)) throw new Error(`step "${step.name}" comes after unknown step "${parent}"`);
			x = (column.get(parent) ?? 440) + 220;
		} else {
			parent = `${step.name} input`;
			const items = step.items ?? [{}];
			workflow.nodes.push({
				id: newId(),
				name: parent,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, y],
				parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
			});
			connect(workflow, 'Start', parent);
			names.add(parent);
		}
		workflow.nodes.push({
			id: newId(),
			name: step.name,
			type: step.type ?? CCV_NODE,
			typeVersion: step.typeVersion ?? 1,
			position: [x, y],
			parameters: step.parameters,
			credentials: step.credentials ?? ((step.type ?? CCV_NODE).startsWith('CUSTOM.') ? { ccvApi: credential } : {}),
			...(step.continueOnFail === false ? {} : { onError: 'continueRegularOutput' as const }),
		});
		connect(workflow, parent, step.name);
		names.add(step.name);
		column.set(step.name, x);
	});
	return workflow;
}

// ---------------------------------------------------------------------------------------------
// Reading a run

type Json = Record<string, unknown>;

/** The JSON of every item a node output (first output, first run). Throws when the node did not run. */
export function nodeItems(run: N8nRun, nodeName: string): Json[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		const failure = run.data.resultData.error ? `; the workflow failed: ${run.data.resultData.error.message}` : '';
		throw new Error(`node "${nodeName}" did not run (nodes that ran: ${ran})${failure}`);
	}
	const first = runs[0];
	if (first.error) throw new Error(`node "${nodeName}" failed: ${first.error.message} ${first.error.description ?? ''}`);
	return (first.data?.main?.[0] ?? []).map((item) => item.json);
}

/** How long n8n says the node ran (ms, first run). */
export function nodeExecutionTime(run: N8nRun, nodeName: string): number {
	const first = run.data.resultData.runData[nodeName]?.[0];
	if (!first) throw new Error(`node "${nodeName}" did not run`);
	return first.executionTime;
}

/** Items that carry an error (Continue On Fail), e.g. {error, description, httpCode}. */
export function nodeErrorItems(run: N8nRun, nodeName: string): Json[] {
	return nodeItems(run, nodeName).filter((json) => typeof json.error === 'string');
}

/** Items without an error; fails with the error messages when a step that should succeed did not. */
export function okItems(run: N8nRun, nodeName: string): Json[] {
	const items = nodeItems(run, nodeName);
	const errors = items.filter((json) => typeof json.error === 'string');
	if (errors.length) {
		throw new Error(`node "${nodeName}" output ${errors.length} error item(s): ${JSON.stringify(errors, null, 2)}`);
	}
	return items;
}

// ---------------------------------------------------------------------------------------------
// Credentials

export interface CcvCredentialOptions {
	id?: string;
	name?: string;
	apiKey?: string;
	/** Boarding (order) requests go to baseUrl unless set. */
	boardingBaseUrl?: string;
	boardingAuth?: 'basic' | 'header' | 'bearer';
	boardingKey?: string;
	boardingHeaderName?: string;
}

/** A ccvApi credential pointing at a sandbox (key t_sandbox unless given). */
export function ccvCredential(baseUrl: string, options: CcvCredentialOptions = {}): CredentialImport {
	return {
		id: options.id ?? newId(),
		name: options.name ?? 'CCV sandbox',
		type: 'ccvApi',
		data: {
			apiKey: options.apiKey ?? SANDBOX_API_KEY,
			baseUrl,
			boardingBaseUrl: options.boardingBaseUrl ?? baseUrl,
			boardingAuth: options.boardingAuth ?? 'basic',
			boardingKey: options.boardingKey ?? '',
			boardingHeaderName: options.boardingHeaderName ?? 'X-API-Key',
		},
	};
}

// ---------------------------------------------------------------------------------------------
// n8n instances

export interface StartedServer {
	baseUrl: string;
	/** Logged in as OWNER. */
	api: RestClient;
	output(): string;
	/** Production webhook URL of a path (http://127.0.0.1:<port>/webhook/<path>). */
	webhookUrl(webhookPath: string): string;
	/** Waits until n8n answers for a published workflow's production webhook. */
	waitForWebhook(webhookPath: string): Promise<void>;
	/** Waits for at least `count` executions of a workflow that are finished; returns them, oldest first. */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<ExecutionSummary[]>;
	stop(): Promise<void>;
}

export interface N8nInstance {
	userFolder: string;
	extensionsDir: string;
	env: NodeJS.ProcessEnv;
	importCredential(credential: CredentialImport): Promise<CredentialRef>;
	importWorkflow(...workflows: Workflow[]): Promise<void>;
	publish(workflowId: string): Promise<void>;
	/** `n8n execute --id --rawOutput`: the run, also when the workflow failed (see run.data.resultData.error). */
	executeWorkflow(workflowId: string): Promise<N8nRun>;
	/** Builds a batch workflow of the steps, imports it and runs it once. */
	runSteps(name: string, steps: Step[], credential: CredentialRef): Promise<N8nRun>;
	/** `n8n start` with OWNER created from the environment, logged in. */
	startServer(): Promise<StartedServer>;
	cleanup(): Promise<void>;
}

/**
 * An isolated n8n: its own user folder (database, encryption key), ports and extension folder.
 * extensionsDir defaults to a fresh copy of our build (prepareExtension()).
 */
export async function createN8n(options: { extensionsDir?: string } = {}): Promise<N8nInstance> {
	const userFolder = tempDir('n8n');
	const extensionsDir = options.extensionsDir ?? prepareExtension();
	const port = await freePort();
	const env = n8nEnv({ userFolder, extensionsDir, port, brokerPort: await freePort(), owner: OWNER });
	const servers: N8nServer[] = [];

	const instance: N8nInstance = {
		userFolder,
		extensionsDir,
		env,
		async importCredential(credential) {
			await importCredentials(env, [credential]);
			return { id: credential.id, name: credential.name };
		},
		async importWorkflow(...workflows) {
			await importWorkflows(env, workflows);
		},
		async publish(workflowId) {
			await publishWorkflow(env, workflowId);
		},
		async executeWorkflow(workflowId) {
			return await cliExecute(env, workflowId);
		},
		async runSteps(name, steps, credential) {
			const workflow = buildWorkflow(name, steps, credential);
			await importWorkflows(env, [workflow]);
			return await cliExecute(env, workflow.id);
		},
		async startServer() {
			const server = await startN8nServer(env);
			servers.push(server);
			const api = await login(server.baseUrl, OWNER.email, OWNER.password);
			const webhookUrl = (webhookPath: string) => `${server.baseUrl}/webhook/${webhookPath}`;
			return {
				baseUrl: server.baseUrl,
				api,
				output: () => server.output(),
				webhookUrl,
				waitForWebhook: (webhookPath) => waitForProductionWebhook(webhookUrl(webhookPath)),
				async waitForExecutions(workflowId, count, timeoutMs = 30_000) {
					let done: ExecutionSummary[] = [];
					await waitUntil(`${count} execution(s) of workflow ${workflowId}`, timeoutMs, async () => {
						const all = await api.listExecutions(workflowId);
						done = all.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
						return done.length >= count;
					});
					return done.sort((a, b) => Number(a.id) - Number(b.id));
				},
				stop: () => server.stop(),
			};
		},
		async cleanup() {
			await Promise.all(servers.map((server) => server.stop()));
			removeTempDirs([userFolder, ...(options.extensionsDir ? [] : [extensionsDir])]);
		},
	};
	return instance;
}

/** Removes every temp folder this file created (call in afterAll after cleanup()). */
export function removeAllTempDirs(): void {
	removeTempDirs(tempDirs.splice(0));
}

/**
 * One e2e file = one workflow of steps run once in a real n8n against a fresh seeded sandbox.
 * `prepare` may add fixtures to the sandbox before the run. Returns getters for the results.
 */
export function useStepsRun(title: string, steps: Step[], prepare: (sandbox: Sandbox) => void = () => {}) {
	const state = {} as { sandbox: Sandbox; n8n: N8nInstance; run: N8nRun };
	beforeAll(async () => {
		await setupRuntime();
		state.sandbox = await startSandbox({ seed: true });
		prepare(state.sandbox);
		state.n8n = await createN8n();
		const credential = await state.n8n.importCredential(ccvCredential(state.sandbox.url));
		state.run = await state.n8n.runSteps(title, steps, credential);
	});
	afterAll(async () => {
		await state.sandbox?.close();
		await state.n8n?.cleanup();
		removeAllTempDirs();
	});
	return {
		get sandbox(): Sandbox {
			return state.sandbox;
		},
		get run(): N8nRun {
			return state.run;
		},
		/** The sandbox's log entries for one method and path. */
		requests: (method: string, path: string): RequestLogEntry[] =>
			state.sandbox.log.filter((entry) => entry.method === method && entry.path === path),
	};
}
