// What the benchmarks share: one sandbox at 25 ms, seeding at 0 ms, a timed run of the CCV node in
// n8n's engine, and the counts a benchmark reports (requests, 429s, outputs per input item).
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runCcvNode } from '../../helpers/engine';
import type { RunNodeResult } from '../../helpers/engine';
import type { Sandbox } from '../../../sandbox';
import type { Client } from '../../sandbox/test-client';

export const LATENCY_MS = 25;
export const KEEP_OPEN = Number.MAX_SAFE_INTEGER;

export interface SeedCustomer {
	externalId: string;
	customerReference: string;
	linkReferences?: string[];
}

export interface TimedRun extends RunNodeResult {
	seconds: number;
	/** Requests the sandbox saw during the run (every attempt, 429s included). */
	requests: number;
	/** Answers with status 429 (capacity rejections and injected faults). */
	status429: number;
}

/** Empty sandbox, then the customers created over HTTP at 0 ms latency; ends at 25 ms with an empty log. */
export async function freshSandbox(sb: Sandbox, client: Client, customers: SeedCustomer[]): Promise<void> {
	sb.reset();
	sb.setLatency(0);
	for (let i = 0; i < customers.length; i += 50) {
		await Promise.all(
			customers.slice(i, i + 50).map(async (c) => {
				const answer = await client.post('/api/v1/customer', { registrationExpiration: KEEP_OPEN, linkReferences: [], ...c });
				if (answer.status !== 200) throw new Error(`seeding ${c.externalId}: ${answer.status} ${answer.text}`);
			}),
		);
	}
	sb.setLatency(LATENCY_MS);
	sb.clearLog();
}

export async function timedRun(sb: Sandbox, parameters: INodeParameters, items: IDataObject[], continueOnFail = false): Promise<TimedRun> {
	const from = sb.log.length;
	const started = performance.now();
	const result = await runCcvNode({ parameters, items, credentials: { apiKey: sb.apiKey, baseUrl: sb.url }, continueOnFail });
	const seconds = (performance.now() - started) / 1000;
	const entries = sb.log.slice(from);
	return { ...result, seconds, requests: entries.length, status429: entries.filter((e) => e.status === 429).length };
}

/** How many output items name each input item (by pairedItem). */
export function outputsPerItem(items: INodeExecutionData[], inputCount: number): number[] {
	const counts = new Array<number>(inputCount).fill(0);
	for (const item of items) {
		const paired = item.pairedItem;
		const list = Array.isArray(paired) ? paired : paired === undefined ? [] : [paired];
		for (const p of list) {
			const index = typeof p === 'number' ? p : p.item;
			if (index >= 0 && index < inputCount) counts[index]++;
		}
	}
	return counts;
}

/** Extra outputs beyond one per input item. */
export function extraOutputs(counts: number[]): number {
	return counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
}

/** Successful (2xx) requests of one method per path beyond the first: a write applied twice. */
export function repeatedWrites(sb: Sandbox, method: string, fromIndex = 0): number {
	const seen = new Map<string, number>();
	for (const e of sb.log.slice(fromIndex)) {
		if (e.method === method && e.status >= 200 && e.status < 300) seen.set(e.path, (seen.get(e.path) ?? 0) + 1);
	}
	return [...seen.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
}

export function describeError(run: RunNodeResult): string {
	return run.error ? ` (node failed: ${run.error.message})` : '';
}
