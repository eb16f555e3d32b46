// Issue 23 #15: a slow lookup at CCV must not hold the caller's request (CCV's, or a retrying
// sender's) for the request timeout: the whole answer is bounded, and what was not confirmed in time
// is answered like a failed lookup (503 + Retry-After), with nothing output and nothing remembered.
import { sleep } from 'n8n-workflow';

import { ANSWER_DEADLINE_MS } from '../../../../nodes/Ccv/trigger/webhook';
import { useTestSandbox } from '../../../sandbox/testing';
import { asEmitted, callTrigger, emittedBy, lookups } from './helpers';

const t = useTestSandbox();
const webhook = { eventSource: 'transaction' };

describe('CCV Trigger: the whole answer within a bound', () => {
	it('a lookup slower than the bound: 503 + Retry-After within 5 s, nothing output or remembered; the next call outputs the status', async () => {
		expect(ANSWER_DEADLINE_MS).toBeLessThanOrEqual(4_500);
		const { reference } = t.sb.addPayment({ status: 'success' });
		const slowMs = 7_000;
		t.sb.faults.add({ kind: 'latency', ms: slowMs, match: { method: 'GET', path: '^/api/v1/transaction$' }, count: 1 });

		const started = Date.now();
		const slow = await callTrigger(t.sb, webhook, { body: { id: reference } }, { staticData: {} });
		const tookMs = Date.now() - started;

		expect(slow.response).toMatchObject({ sent: true, statusCode: 503, headers: { 'retry-after': '30' } });
		expect(tookMs).toBeLessThan(5_000);
		expect(emittedBy(slow)).toBeUndefined();
		expect(slow.staticData).toEqual({});

		// Let the slow answer arrive (or be given up): it must not be recorded as output.
		await sleep(Math.max(0, slowMs - tookMs) + 300);
		const next = await callTrigger(t.sb, webhook, { body: { id: reference } }, { staticData: slow.staticData });
		expect(next.response).toMatchObject({ statusCode: 200 });
		expect(emittedBy(next)).toEqual([asEmitted(t.sb.state.transactions().find((x) => x.reference === reference))]);
		expect(lookups(t.sb).length).toBeGreaterThanOrEqual(2);
	}, 30_000);

	it('retries that would run past the bound are not started: one slow 503 answer and the call ends within 5 s', async () => {
		const { reference } = t.sb.addPayment({ status: 'success' });
		t.sb.faults.add({ kind: 'status', status: 503, retryAfter: '3', match: { method: 'GET', path: '^/api/v1/transaction$' }, count: 5 });
		const started = Date.now();
		const result = await callTrigger(t.sb, webhook, { body: { id: reference } }, { staticData: {} });
		expect(result.response).toMatchObject({ statusCode: 503 });
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(emittedBy(result)).toBeUndefined();
	}, 30_000);
});
