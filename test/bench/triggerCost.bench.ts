/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark tooling: runs in Node, never inside n8n */
// Where a CCV Trigger call's time goes, in-process (n8n-core's WebhookContext, no n8n server): the
// node's own work per call with the verification lookup at 0 ms and at 25 ms, one call at a time.
// Compare with the real-n8n rows of trigger.bench.ts. Run: `npm run bench -- test/bench/triggerCost.bench.ts`
import { CcvTrigger } from '../../nodes/Ccv/CcvTrigger.node';
import { runWebhook } from '../helpers/engine';
import { useTestSandbox } from '../sandbox/testing';
import { fmt, printTable } from './lib/table';

const t = useTestSandbox({ latencyMs: 0 });
const trigger = new CcvTrigger();
const CALLS = Number(process.env.BENCH_TRIGGER_COST_CALLS ?? 200);

it('CCV Trigger call cost in-process', async () => {
	const rows: Array<Array<string | number>> = [];
	for (const latency of [0, 25]) {
		for (const once of [true, false]) {
			t.sb.reset();
			t.sb.setLatency(latency);
			const references = Array.from({ length: CALLS }, () => t.sb.addPayment({ status: 'success' }).reference);
			const staticData = {};
			const started = performance.now();
			let emitted = 0;
			for (const reference of references) {
				const result = await runWebhook({
					nodeType: trigger,
					parameters: { eventSource: 'transaction', statuses: [], emitEachStatusOnce: once },
					credentials: { apiKey: t.sb.apiKey, baseUrl: t.sb.url },
					staticData,
					request: { method: 'POST', body: { id: reference } },
				});
				if (result.workflowData) emitted++;
			}
			const perCall = (performance.now() - started) / CALLS;
			rows.push([latency, once ? 'on' : 'off', emitted, fmt(perCall, 1), fmt(perCall - latency, 1)]);
		}
	}
	printTable(
		`CCV Trigger, in-process cost per call (${CALLS} calls one at a time, n8n-core WebhookContext)`,
		['lookup latency ms', 'Emit Each Status Once', 'emitted', 'ms per call', 'ms beyond the lookup latency'],
		rows,
	);
});
