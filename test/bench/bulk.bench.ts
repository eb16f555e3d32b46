/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// Issue 5: 1,000 deletes and 1,000 merge-updates at fixed concurrency 1 (baseline) and 10, then at 10
// with 10 % of requests answered 429 (Retry-After 0). Prints figures; asserts only nothing lost or doubled.
import type { INodeParameters } from 'n8n-workflow';

import { useTestSandbox } from '../sandbox/testing';
import { describeError, LATENCY_MS } from './lib/benchRun';
import { REQUESTS_PER_ITEM, runJob } from './lib/customerRuns';
import type { Job, JobResult } from './lib/customerRuns';
import { fmt, printTable } from './lib/table';

const COUNT = Number(process.env.BENCH_ITEMS ?? 1000);
const t = useTestSandbox({ latencyMs: LATENCY_MS });

const fixed = (n: number): INodeParameters => ({ maxConcurrency: n, fixedConcurrency: true });

it('bulk delete and merge-update: concurrency 1 vs 10, and 10 % 429s', async () => {
	const rows: Array<Array<string | number>> = [];
	const checks: Array<{ run: string; lost: number; duplicated: number; error?: string }> = [];
	for (const job of ['delete', 'mergeUpdate'] as Job[]) {
		const runs: Array<{ label: string; concurrency: number; result: JobResult }> = [];
		runs.push({ label: 'fixed 1', concurrency: 1, result: await runJob(t.sb, t.api, job, COUNT, fixed(1)) });
		runs.push({ label: 'fixed 10', concurrency: 10, result: await runJob(t.sb, t.api, job, COUNT, fixed(10)) });
		runs.push({
			label: 'fixed 10, 10 % 429',
			concurrency: 10,
			result: await runJob(t.sb, t.api, job, COUNT, fixed(10), () =>
				t.sb.faults.add({ kind: 'status', status: 429, fraction: 0.1, retryAfter: '0' }),
			),
		});
		const baseline = COUNT / runs[0].result.seconds;
		for (const { label, concurrency, result } of runs) {
			const perSecond = result.count / result.seconds;
			const boundSeconds = (result.count * REQUESTS_PER_ITEM[job] * LATENCY_MS) / 1000 / concurrency;
			rows.push([
				job === 'delete' ? 'delete' : 'merge-update',
				label,
				result.requests,
				fmt(result.seconds),
				fmt(perSecond, 0),
				fmt(perSecond / baseline),
				fmt(boundSeconds),
				fmt(result.seconds / boundSeconds),
				result.status429,
				result.lost,
				result.duplicated,
			]);
			checks.push({ run: `${job} ${label}`, lost: result.lost, duplicated: result.duplicated, ...(result.error ? { error: describeError(result) } : {}) });
		}
	}
	printTable(
		`Issue 5 · bulk: ${COUNT} items, sandbox latency ${LATENCY_MS} ms, in-process n8n engine`,
		['job', 'concurrency', 'requests', 'time s', 'items/s', 'x vs c=1', 'bound s', 'time/bound', '429s', 'lost', 'dup'],
		rows,
		[
			'bound = items x requests per item (delete 1, merge-update 2: GET + PUT) x 25 ms / concurrency; target time/bound <= 1.25 at 10.',
			'lost = customer not deleted / not updated (or link references changed) in the sandbox, or no matching output item.',
			'dup = extra output items for one input item + the same write answered 2xx twice (+ customers created, for updates).',
		],
	);
	expect(checks.filter((c) => c.lost || c.duplicated || c.error)).toEqual([]);
});
