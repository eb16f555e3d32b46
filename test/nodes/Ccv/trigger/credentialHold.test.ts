// n8n decrypts a credential (and, in a real n8n, starts a fresh expression isolate to resolve it) each
// time a node reads it: in a real n8n 2.41.1 that was ~150-200 ms of every trigger call, 5-7x the
// lookup at CCV. The published trigger holds its credential for a while instead, and reads it again
// at once when CCV refuses it or does not know the reference, so an edited credential is used at once.
import { TestCredentialsHelper } from '../../../helpers/engine/credentials';
import { useTestSandbox } from '../../../sandbox/testing';
import { CREDENTIAL_HOLD_MS } from '../../../../nodes/Ccv/trigger/credentialHold';
import { asEmitted, callTrigger, emittedBy, lookups, trigger } from './helpers';
import { runWebhook } from '../../../helpers/engine';

const t = useTestSandbox();
const other = useTestSandbox();

const webhook = { eventSource: 'transaction' };

function stateOf(reference: string) {
	return t.sb.state.transactions().find((tx) => tx.reference === reference);
}

let reads: jest.SpyInstance;
beforeEach(() => {
	reads = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
});
afterEach(() => {
	reads.mockRestore();
	jest.restoreAllMocks();
});

describe('CCV Trigger credential reads', () => {
	it('reads the credential once for many calls of one published trigger', async () => {
		const references = Array.from({ length: 5 }, () => t.sb.addPayment({ status: 'success' }).reference);

		const results = [];
		for (const reference of references) results.push(await callTrigger(t.sb, webhook, { body: { id: reference } }));

		expect(results.map((r) => emittedBy(r))).toEqual(references.map((reference) => [asEmitted(stateOf(reference))]));
		expect(reads).toHaveBeenCalledTimes(1);
	});

	it('reads it again after the hold time', async () => {
		const first = t.sb.addPayment({ status: 'success' }).reference;
		const second = t.sb.addPayment({ status: 'success' }).reference;
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);

		await callTrigger(t.sb, webhook, { body: { id: first } });
		clock.mockReturnValue(now + CREDENTIAL_HOLD_MS + 1);
		const later = await callTrigger(t.sb, webhook, { body: { id: second } });

		expect(emittedBy(later)).toEqual([asEmitted(stateOf(second))]);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('uses a new API key at once: a call CCV refuses with the held key is looked up again with the fresh one', async () => {
		const revoked = t.sb.addPayment({ status: 'success' }).reference;
		const { reference } = t.sb.addPayment({ status: 'success' });

		const refused = await callTrigger(t.sb, webhook, { body: { id: revoked } }, { apiKey: 't_revoked' });
		const result = await callTrigger(t.sb, webhook, { body: { id: reference } });

		expect(refused.response).toMatchObject({ statusCode: 503 });
		expect(result.response).toMatchObject({ statusCode: 200 });
		expect(emittedBy(result)).toEqual([asEmitted(stateOf(reference))]);
		expect(reads).toHaveBeenCalledTimes(2);
	});

	it('uses a new Base URL at once: a reference the held account does not know is looked up again with the fresh one', async () => {
		const elsewhere = other.sb.addPayment({ status: 'success' }).reference;
		const { reference } = t.sb.addPayment({ status: 'success' });

		await runWebhook({
			nodeType: trigger,
			parameters: webhook,
			credentials: { apiKey: other.sb.apiKey, baseUrl: other.sb.url },
			request: { body: { id: elsewhere } },
		});
		const result = await callTrigger(t.sb, webhook, { body: { id: reference } });

		expect(emittedBy(result)).toEqual([asEmitted(stateOf(reference))]);
		expect(lookups(t.sb)).toHaveLength(1);
	});

	it('does not look up twice when the fresh credential is the held one (an unknown reference stays one lookup)', async () => {
		const { reference } = t.sb.addPayment({ status: 'success' });
		await callTrigger(t.sb, webhook, { body: { id: reference } });

		const unknown = await callTrigger(t.sb, webhook, { body: { id: 'tr_unknown_reference' } });

		expect(emittedBy(unknown)).toBeUndefined();
		expect(lookups(t.sb)).toHaveLength(2);
	});
});
