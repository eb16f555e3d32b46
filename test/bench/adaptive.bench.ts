/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// Issue 10, in-process half: 1,000 deletes with the default options (adaptive concurrency) vs fixed
// concurrency 10, against no limit, 10 requests in flight, and 200 requests per second.
import type { INodeParameters } from 'n8n-workflow';

import type { CapacitySettings } from '../sandbox';
import { useTestSandbox } from '../sandbox/testing';
import { describeError, LATENCY_MS } from './lib/benchRun';
import { runJob } from './lib/customerRuns';
import { fmt, printTable } from './lib/table';

const COUNT = Number(process.env.BENCH_ITEMS ?? 1000);
const t = useTestSandbox({ latencyMs: LATENCY_MS });

const settings: Array<{ label: string; capacity: CapacitySettings; itemsPerSecond: number }> = [
	{ label: 'no limit', capacity: {}, itemsPerSecond: NaN },
	{ label: '10 in flight', capacity: { maxInFlight: 10, retryAfterSeconds: 1 }, itemsPerSecond: (10 * 1000) / LATENCY_MS },
	{ label: '200 per second', capacity: { ratePerSecond: 200, retryAfterSeconds: 1 }, itemsPerSecond: 200 },
];
const modes: Array<{ label: string; options: INodeParameters }> = [
	{ label: 'CCV default (adaptive, max 20)', options: {} },
	{ label: 'CCV fixed 10', options: { maxConcurrency: 10, fixedConcurrency: true } },
];

it('deletes: adaptive vs fixed 10 under three server limits', async () => {
	const rows: Array<Array<string | number>> = [];
	const checks: Array<{ run: string; lost: number; duplicated: number; error?: string }> = [];
	for (const setting of settings) {
		for (const mode of modes) {
			const result = await runJob(t.sb, t.api, 'delete', COUNT, mode.options, () => t.sb.capacity.set(setting.capacity));
			const perSecond = result.count / result.seconds;
			rows.push([
				setting.label,
				mode.label,
				fmt(result.seconds),
				fmt(perSecond, 0),
				result.requests,
				result.status429,
				result.lost,
				result.duplicated,
				Number.isNaN(setting.itemsPerSecond) ? 'n/a' : fmt(setting.itemsPerSecond, 0),
				Number.isNaN(setting.itemsPerSecond) ? 'n/a' : `${fmt((100 * perSecond) / setting.itemsPerSecond, 0)} %`,
			]);
			checks.push({ run: `${setting.label} ${mode.label}`, lost: result.lost, duplicated: result.duplicated, ...(result.error ? { error: describeError(result) } : {}) });
		}
	}
	printTable(
		`Issue 10 · ${COUNT} deletes by external ID, latency ${LATENCY_MS} ms, in-process n8n engine (not real n8n; no HTTP Request node rows)`,
		['server limit', 'node settings', 'time s', 'items/s', 'requests', '429s', 'lost', 'dup', 'capacity/s', 'of capacity'],
		rows,
		[
			'capacity = what the server can do: 10 in flight / 25 ms = 400 deletes/s; 200 per second (token bucket, burst 200, Retry-After 1 s).',
			'Targets (issue 10, for the default): >= 85 % of capacity under each limit, 0 lost and 0 duplicated everywhere.',
		],
	);
	expect(checks.filter((c) => c.lost || c.duplicated || c.error)).toEqual([]);
});
