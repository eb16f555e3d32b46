// The trigger outputs only what CCV answers for the named reference: nothing a caller puts in the
// body, and nothing at all for calls that name no transaction CCV knows or lack the token.
import { randomBytes } from 'node:crypto';

import { useTestSandbox } from '../../../sandbox/testing';
import { asEmitted, callTrigger, emittedBy, lookups } from './helpers';

const t = useTestSandbox();

const webhook = { eventSource: 'transaction' };
const ACK = { received: true };

function stateOf(reference: string) {
	return t.sb.state.transactions().find((t) => t.reference === reference);
}

describe('CCV Trigger against forged calls', () => {
	it('outputs the failed status CCV reports, never the "success" a forged body claims', async () => {
		const { reference } = t.sb.addPayment({ status: 'failed', failureCode: 'card_refused', amount: '12.50' });
		const forged = { id: reference, status: 'success', amount: 5000, currency: 'usd', type: 'refund' };

		const result = await callTrigger(t.sb, webhook, { body: forged });

		expect(emittedBy(result)).toEqual([asEmitted(stateOf(reference))]);
		expect(emittedBy(result)?.[0]).toMatchObject({ status: 'failed', amount: 12.5, currency: 'eur', type: 'sale' });
		const onlySuccess = await callTrigger(t.sb, { ...webhook, statuses: ['success'] }, { body: forged });
		expect(emittedBy(onlySuccess)).toBeUndefined();
	});

	it('gives the same output whatever extra fields the body carries', async () => {
		const { reference } = t.sb.addPayment({ status: 'success', amount: '30.00', merchantOrderReference: 'ORDER-7' });

		const everyCall = { ...webhook, emitEachStatusOnce: false };
		const plain = await callTrigger(t.sb, everyCall, { body: { id: reference } });
		const forged = await callTrigger(t.sb, everyCall, {
			body: { id: reference, status: 'failed', amount: 0.01, merchantOrderReference: 'ORDER-666', details: { x: 1 } },
		});

		expect(emittedBy(plain)).toEqual([asEmitted(stateOf(reference))]);
		expect(emittedBy(forged)).toEqual(emittedBy(plain));
	});

	it('outputs nothing for a reference CCV does not know, and answers exactly as for a known one', async () => {
		const { reference } = t.sb.addPayment();

		const known = await callTrigger(t.sb, webhook, { body: { id: reference } });
		const unknown = await callTrigger(t.sb, webhook, { body: { id: 'C000000000000000UNKNOWN.1' } });

		expect(emittedBy(unknown)).toBeUndefined();
		expect(Object.keys((unknown.staticData.emitted ?? {}) as object)).toEqual([`transaction:${reference}:success`]);
		expect(lookups(t.sb).map((l) => l.query.reference)).toEqual([reference, 'C000000000000000UNKNOWN.1']);
		// The node answers by itself (before any execution starts, see trigger/webhook.ts), identically.
		for (const result of [known, unknown]) {
			expect(result.response).toMatchObject({ sent: true, statusCode: 200, body: ACK });
			expect(result.noWebhookResponse).toBe(true);
		}
	});

	it.each([
		['an empty object', {}],
		['plain text', 'hello'],
		['a number as id', { id: 42 }],
		['an empty id', { id: '' }],
		['an id with spaces', { id: 'C1 OR 1=1' }],
		['an id longer than 255 characters', { id: 'C'.repeat(256) }],
		['a list', [{ id: 'C123' }]],
	])('ignores a body with %s without asking CCV', async (_label, body) => {
		const result = await callTrigger(t.sb, webhook, { body });

		expect(emittedBy(result)).toBeUndefined();
		expect(result.response).toMatchObject({ sent: true, statusCode: 200, body: ACK });
		expect(lookups(t.sb)).toHaveLength(0);
	});

	describe('with a Shared Token', () => {
		const secret = randomBytes(16).toString('hex');
		const withToken = { ...webhook, token: secret };
		// Same length, last character different.
		const wrong = secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0');

		it.each([
			['a wrong token', { token: wrong }],
			['no token', {}],
			['an empty token', { token: '' }],
		])('answers 401 to %s and runs nothing', async (_label, query) => {
			const { reference } = t.sb.addPayment();

			const result = await callTrigger(t.sb, withToken, { query, body: { id: reference } });

			expect(result.response).toMatchObject({ statusCode: 401, sent: true });
			expect(result.noWebhookResponse).toBe(true);
			expect(emittedBy(result)).toBeUndefined();
			expect(lookups(t.sb)).toHaveLength(0);
		});

		it('runs when the URL carries the token', async () => {
			const { reference } = t.sb.addPayment();

			const result = await callTrigger(t.sb, withToken, { query: { token: secret }, body: { id: reference } });

			expect(emittedBy(result)).toEqual([asEmitted(stateOf(reference))]);
		});
	});

	it('answers 503 (not a success) when CCV refuses the credential, outputs and remembers nothing', async () => {
		const { reference } = t.sb.addPayment();

		const result = await callTrigger(t.sb, webhook, { body: { id: reference } }, { apiKey: 't_revoked' });

		expect(result.response).toMatchObject({ sent: true, statusCode: 503 });
		expect(JSON.stringify(result.response.body)).not.toMatch(/t_revoked|invalid|expired/i);
		expect(emittedBy(result)).toBeUndefined();
		expect(result.staticData).toEqual({});
	});

	it('answers 503 when the lookup at CCV keeps failing, so a retrying caller retries; the retry outputs the status', async () => {
		const { reference } = t.sb.addPayment({ status: 'success' });
		t.sb.faults.add({ kind: 'status', status: 503, match: { method: 'GET', path: '^/api/v1/transaction$' }, count: 3 });

		const failed = await callTrigger(t.sb, webhook, { body: { id: reference } }, { staticData: {} });
		const retried = await callTrigger(t.sb, webhook, { body: { id: reference } }, { staticData: failed.staticData });

		expect(failed.response).toMatchObject({ sent: true, statusCode: 503, headers: { 'retry-after': '30' } });
		expect(emittedBy(failed)).toBeUndefined();
		expect(lookups(t.sb).map((l) => l.status)).toEqual([503, 503, 503, 200]);
		expect(retried.response).toMatchObject({ statusCode: 200, body: ACK });
		expect(emittedBy(retried)).toEqual([asEmitted(stateOf(reference))]);
	});
});
