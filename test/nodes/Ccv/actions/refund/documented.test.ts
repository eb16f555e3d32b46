// Refund > Create against seed 004 (issue 28 #3, #8, #15): SoftPOS refunds always carry `details`
// ("required when refunding a payment which was made using the method softpos", 004:514), the Return
// URL goes only with terminal refunds ("Only valid for Terminal", 004:469), and a refund CCV answers
// `success` at once (REFERENCE §8, the iDEAL example) is shown as such.
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../sandboxRun';
import { scheduledWorkflow } from '../transaction/changesRun';

const t = useSandbox();

function refund(parameters: IDataObject) {
	return t.run({ resource: 'refund', operation: 'create', amountToRefund: 'full', additionalFields: {}, options: {}, ...parameters });
}

const posts = () => t.sb.log.filter((e) => e.method === 'POST');
const refunds = () => t.sb.state.transactions().filter((tx) => tx.type === 'refund');

describe('SoftPOS refunds carry details (seed 004:514; issue 28 #3)', () => {
	it('with Terminal ID empty and Card Present at CCV\'s default, details is sent (empty) and CCV accepts it', async () => {
		const payment = t.sb.addPayment({ method: 'softpos' });
		const { error } = await refund({ paymentReference: payment.reference, methodDetails: 'softpos', cardPresent: 'default' });
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(posts()[0].body).toEqual({ reference: payment.reference, details: {} });
		expect(refunds()).toHaveLength(1);
	});

});

describe('Return URL only with terminal refunds (seed 004:469 "Only valid for Terminal"; issue 28 #8)', () => {
	it.each(['none', 'softpos'])('Payment Method Details %s with a Return URL is refused before sending, in plain words', async (methodDetails) => {
		const payment = t.sb.addPayment({ method: methodDetails === 'softpos' ? 'softpos' : 'card' });
		const { error } = await refund({ paymentReference: payment.reference, methodDetails, additionalFields: { returnUrl: 'https://pos.example/done' } });
		expect(error?.message).toBe(
			'Item 1 (index 0): "Return URL (Terminal Only)" is only for refunds of terminal payments (CCV uses it for nothing else): empty it, or choose Payment Method Details: Terminal',
		);
		expect(t.sb.log).toHaveLength(0);
	});

	it('a terminal refund sends it', async () => {
		const payment = t.sb.addPayment({ method: 'terminal' });
		const { error } = await refund({
			paymentReference: payment.reference,
			methodDetails: 'terminal',
			terminalId: 'T1',
			managementSystemId: 'M1',
			accessProtocol: 'OPI_NL',
			additionalFields: { returnUrl: 'https://pos.example/done' },
		});
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ returnUrl: 'https://pos.example/done' });
	});
});

describe('a refund answered success at once (REFERENCE §8; issue 28 #15)', () => {
	beforeEach(() => t.sb.readings.set({ refundAnswer: 'success' }));

	it('the output says success, and Transaction > Get Changes later reports no change for it', async () => {
		const payment = t.sb.addPayment({ method: 'ideal', amount: '12.00' });
		const { items, error } = await refund({ paymentReference: payment.reference });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ type: 'refund', status: 'success', replayed: false });
		expect(items[0].json).not.toHaveProperty('failureCodeMeaning');
		const reference = items[0].json.reference as string;
		expect(refunds().map((r) => [r.reference, r.status])).toEqual([[reference, 'success']]);
		// The same refund again (a re-run) is CCV's earlier answer, still success, nothing new created.
		const again = await refund({ paymentReference: payment.reference });
		expect(again.items[0].json).toMatchObject({ reference, status: 'success', replayed: true });
		expect(refunds()).toHaveLength(1);
	});

	it('Transaction > Get Many, Output Only Changes: the refund is reported once, as success from nothing, then never again', async () => {
		const payment = t.sb.addPayment({ method: 'ideal', amount: '12.00' });
		const { items } = await refund({ paymentReference: payment.reference });
		const reference = items[0].json.reference as string;
		const credentials = () => ({ apiKey: t.sb.apiKey, baseUrl: t.sb.url });
		const wf = scheduledWorkflow(
			{ resource: 'transaction', operation: 'getAll', returnAll: true, filters: { originalReferences: payment.reference }, outputOnlyChanges: true, options: {} },
			credentials,
		);
		const first = await wf.run();
		expect(first.error).toBeUndefined();
		expect(first.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ reference, status: 'success', previousStatus: null, eventKey: `transaction:${reference}:success` }),
		]);
		const second = await wf.run();
		expect(second.items).toEqual([]);
	});
});
