/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Issue 29 #4: memory. (1) Peak resident memory of n8n's process for a bulk delete and a CRM sync of
// BENCH_MEMORY_ITEMS (default 10,000) customers, the CCV node beside the HTTP Request node doing the same
// work, in the same run, each repeated 3 times (min / median / max), with a baseline run that only
// creates the same input items. (2) No growth across repeated runs in one process: the CCV node runs the
// same jobs 5 times in n8n's engine here, and the heap after a full GC is printed after each.
// Prints figures; asserts only that nothing was lost and that the heap does not keep growing.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

import { useTestSandbox } from '../sandbox/testing';
import { ccvCredential, createN8n, newId, removeAllTempDirs, setupRuntime } from '../e2e/harness';
import type { CredentialRef, N8nInstance, Step } from '../e2e/harness';
import { freshSandbox, LATENCY_MS, timedRun } from './lib/benchRun';
import { jobSteps } from './lib/n8nJobs';
import { fmt, printTable } from './lib/table';

const COUNT = Number(process.env.BENCH_MEMORY_ITEMS ?? 10_000);
const REPEATS = Number(process.env.BENCH_MEMORY_REPEATS ?? 3);
const IN_PROCESS_RUNS = 5;
const t = useTestSandbox({ latencyMs: LATENCY_MS });
let n8n: N8nInstance;
let ccv: CredentialRef;
let basicAuth: CredentialRef;
let peakDir: string;

const ids = Array.from({ length: COUNT }, (_, i) => `mem-${i}`);
const seed = () => ids.map((id) => ({ externalId: id, customerReference: `OLD-${id}`, linkReferences: [`lr-${id}`] }));

beforeAll(async () => {
	await setupRuntime();
	n8n = await createN8n();
	ccv = await n8n.importCredential(ccvCredential(t.sb.url));
	basicAuth = await n8n.importCredential({ id: newId(), name: 'CCV basic auth', type: 'httpBasicAuth', data: { user: t.sb.apiKey, password: '' } });
	peakDir = mkdtempSync(join(tmpdir(), 'ccv-peak-'));
	// Every process of `n8n execute` (main and task runner) records its peak RSS on exit.
	n8n.env.NODE_OPTIONS = `${n8n.env.NODE_OPTIONS ?? ''} --require ${resolve(__dirname, 'lib/peakRss.cjs')}`.trim();
	n8n.env.CCV_BENCH_PEAK_DIR = peakDir;
}, 900_000);

afterAll(async () => {
	await n8n?.cleanup();
	removeAllTempDirs();
	if (peakDir) rmSync(peakDir, { recursive: true, force: true });
});

/** Runs the steps in a fresh `n8n execute`; returns the peak RSS (MiB) of n8n's main process and of its task runner. */
async function peakOf(name: string, steps: Step[]): Promise<{ main: number; runner: number }> {
	rmSync(peakDir, { recursive: true, force: true });
	mkdirSync(peakDir, { recursive: true });
	await n8n.runSteps(name, steps, ccv);
	const records = readdirSync(peakDir).map((f) => JSON.parse(readFileSync(join(peakDir, f), 'utf8')) as { argv: string; maxRssKiB: number });
	const main = records.filter((r) => / execute /.test(` ${r.argv} `) || /\bexecute\b/.test(r.argv));
	const others = records.filter((r) => !main.includes(r));
	const mib = (list: typeof records) => Math.max(0, ...list.map((r) => r.maxRssKiB)) / 1024;
	return { main: mib(main), runner: mib(others) };
}

type Contender = { label: string; steps: () => Step[]; job: 'delete' | 'sync' | 'baseline' };

const items = () => ids.map((id) => ({ id, ref: `NEW-${id}`, refs: [`lr-${id}`] }));
const contenders: Contender[] = [
	{ job: 'baseline', label: 'baseline: the input items only (No Operation node)', steps: () => [{ name: 'job', type: 'n8n-nodes-base.noOp', parameters: {}, items: items() }] },
	{ job: 'delete', label: 'delete: HTTP Request node, defaults', steps: () => jobSteps('delete', 'httpDefault', items(), t.sb.url, basicAuth).steps },
	{ job: 'delete', label: 'delete: CCV node, defaults', steps: () => jobSteps('delete', 'ccvDefault', items(), t.sb.url, basicAuth).steps },
	{ job: 'sync', label: 'sync: HTTP Request GET + Code + PUT (merge by hand)', steps: () => jobSteps('mergeUpdate', 'httpDefault', items(), t.sb.url, basicAuth).steps },
	{
		job: 'sync',
		label: 'sync: CCV node, Create or Update',
		steps: () => [
			{
				name: 'job',
				items: items(),
				parameters: {
					resource: 'customer',
					operation: 'createOrUpdate',
					externalId: '={{ $json.id }}',
					customerReference: '={{ $json.ref }}',
					cardLinking: 'unchanged',
					linkReferences: '={{ $json.refs }}',
					options: {},
				},
			},
		],
	},
];

function stats(values: number[]): { min: number; median: number; max: number } {
	const sorted = [...values].sort((a, b) => a - b);
	return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

it(`peak resident memory of n8n: ${COUNT} items, CCV node beside the HTTP Request node`, async () => {
	const peaks = new Map<string, Array<{ main: number; runner: number }>>();
	const lost: string[] = [];
	// Interleaved repeats, so a machine that gets busier during the run affects every contender alike.
	for (let r = 0; r < REPEATS; r++) {
		for (const c of contenders) {
			await freshSandbox(t.sb, t.api, seed());
			const peak = await peakOf(`memory ${c.label} #${r + 1}`, c.steps());
			peaks.set(c.label, [...(peaks.get(c.label) ?? []), peak]);
			const state = new Map(t.sb.state.customers().map((x) => [x.externalId, x]));
			const missing =
				c.job === 'delete'
					? ids.filter((id) => state.has(id)).length
					: c.job === 'sync'
						? ids.filter((id) => state.get(id)?.customerReference !== `NEW-${id}`).length
						: 0;
			if (missing) lost.push(`${c.label} #${r + 1}: ${missing} not done`);
		}
	}
	const medianMain = (label: string) => stats((peaks.get(label) ?? []).map((p) => p.main)).median;
	const baseline = medianMain(contenders[0].label);
	const http = { delete: medianMain(contenders[1].label), sync: medianMain(contenders[3].label) };
	const rows = contenders.map((c) => {
		const main = stats((peaks.get(c.label) ?? []).map((p) => p.main));
		const runner = stats((peaks.get(c.label) ?? []).map((p) => p.runner));
		const isCcv = c.label.includes('CCV node');
		const ref = c.job === 'delete' ? http.delete : c.job === 'sync' ? http.sync : NaN;
		return [
			c.label,
			`${fmt(main.min, 0)} / ${fmt(main.median, 0)} / ${fmt(main.max, 0)}`,
			fmt(main.median - baseline, 0),
			isCcv ? fmt(main.median / ref) : '',
			isCcv ? fmt((main.median - baseline) / (ref - baseline)) : '',
			`${fmt(runner.median, 0)}`,
		];
	});
	printTable(
		`Issue 29 #4 · peak resident memory of n8n (MiB), ${COUNT} customers, ${REPEATS} runs each, n8n 2.41.1, sandbox ${LATENCY_MS} ms`,
		['run', 'n8n main: min / median / max', 'above baseline', 'CCV / HTTP (peak)', 'CCV / HTTP (above baseline)', 'task runner (median)'],
		rows,
		[
			'Each run is a fresh `n8n execute` (SQLite); peak = process.resourceUsage().maxRSS of n8n\'s main process, recorded on exit.',
			'baseline = the same workflow with the input items going into a No Operation node: n8n, the Code node that makes the items, and the items themselves.',
			'The Code nodes (input items; the hand merge of the HTTP sync) run in n8n\'s task runner, a separate process: its peak is the last column and not in the main figure.',
			'sync: every customer exists and gets a new Customer Reference (the CCV node: Create or Update; by hand: GET, merge in a Code node, PUT).',
		],
	);
	expect(lost).toEqual([]);
}, 3_600_000);

/** Heap in use after a full garbage collection, in MiB. */
function heapAfterGc(): number {
	setFlagsFromString('--expose_gc');
	const gc = runInNewContext('gc') as () => void;
	gc();
	gc();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

it(`no growth across repeated runs in one process: ${IN_PROCESS_RUNS} runs of ${COUNT} items in n8n's engine`, async () => {
	const rows: Array<Array<string | number>> = [];
	const heaps: Record<string, number[]> = { delete: [], sync: [] };
	for (let r = 0; r < IN_PROCESS_RUNS; r++) {
		for (const job of ['delete', 'sync'] as const) {
			await freshSandbox(t.sb, t.api, seed());
			t.sb.clearLog();
			const parameters =
				job === 'delete'
					? { resource: 'customer', operation: 'delete', customer: { __rl: true, mode: 'externalId', value: '={{ $json.id }}' }, options: {} }
					: {
							resource: 'customer',
							operation: 'createOrUpdate',
							externalId: '={{ $json.id }}',
							customerReference: '={{ $json.ref }}',
							cardLinking: 'unchanged',
							linkReferences: '={{ $json.refs }}',
							options: {},
						};
			const run = await timedRun(t.sb, parameters, items());
			expect(run.error).toBeUndefined();
			t.sb.reset();
			heaps[job].push(heapAfterGc());
		}
		rows.push([r + 1, fmt(heaps.delete[r], 1), fmt(heaps.sync[r], 1)]);
	}
	printTable(
		`Issue 29 #4 · heap after a full GC, after each run of ${COUNT} items (MiB), this jest process`,
		['run', 'after delete', 'after sync'],
		rows,
		['The sandbox is emptied before each measurement; what stays is the node\'s process memories and n8n\'s own caches.'],
	);
	// The process memories are bounded: from the second run on (caches warm), the heap must not keep growing.
	const growth = Math.max(heaps.delete[IN_PROCESS_RUNS - 1] - heaps.delete[1], heaps.sync[IN_PROCESS_RUNS - 1] - heaps.sync[1]);
	expect(growth).toBeLessThan(16);
}, 3_600_000);
