// Issue 24 rows 11 and 12, proven in-process (not in two real n8n processes): what another n8n
// process or a restart would lack is this module's memory of what was sent, so
// resetProcessMemory() stands for a fresh process, and two runs started together stand for two
// processes at the same moment (the memory records a body only after its send ended, so neither run
// can see the other's). What keeps them to one transaction is CCV's record: the lookups before
// creating and the shared Idempotency-Reference.
import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { resetProcessMemory } from '../../../../../nodes/Ccv/helpers/idempotency';
import { useSandbox } from '../sandboxRun';
import { checkoutParameters } from './checkout';

const t = useSandbox();

const run = (parameters: IDataObject) => t.run({ additionalFields: {}, options: {}, ...parameters });
const checkout = (order: string) => run(checkoutParameters(order));
const ofType = (type: string) => t.sb.state.transactions().filter((tx) => tx.type === type);

beforeEach(() => resetProcessMemory());

describe('row 11: the same item in two processes at the same moment: 1 transaction', () => {
	it('a refund with its own Merchant Order Reference', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const parameters = { resource: 'refund', operation: 'create', paymentReference: payment.reference, amountToRefund: 'partial', amount: '10.00', additionalFields: { merchantOrderReference: 'RMA-11' } };
		const [a, b] = await Promise.all([run(parameters), run(parameters)]);
		expect([a.error, b.error]).toEqual([undefined, undefined]);
		expect(ofType('refund')).toHaveLength(1);
		expect(a.items[0].json.reference).toBe(b.items[0].json.reference);
	});

	it('attempt 2 of a failed checkout, started twice at once: one new payment', async () => {
		const first = await checkout('1011');
		t.sb.settle(String(first.items[0].json.reference), 'failed', { failureCode: 'rejected' });
		const [a, b] = await Promise.all([checkout('1011'), checkout('1011')]);
		expect([a.error, b.error]).toEqual([undefined, undefined]);
		expect(ofType('sale').filter((tx) => tx.merchantOrderReference === '1011')).toHaveLength(2);
		expect([a.items[0].json.attempt, b.items[0].json.attempt]).toEqual([2, 2]);
		expect(a.items[0].json.reference).toBe(b.items[0].json.reference);
	});
});

describe('row 12: n8n restarted between run and re-run: 1 transaction, replayed: true', () => {
	it('a refund and a checkout', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const parameters = { resource: 'refund', operation: 'create', paymentReference: payment.reference, amountToRefund: 'partial', amount: '10.00', additionalFields: { merchantOrderReference: 'RMA-12' } };
		await run(parameters);
		const pay = await checkout('1012');
		resetProcessMemory();
		const refundAgain = await run(parameters);
		const payAgain = await checkout('1012');
		expect(refundAgain.items[0].json).toMatchObject({ replayed: true });
		expect(payAgain.items[0].json).toMatchObject({ reference: pay.items[0].json.reference, replayed: true });
		expect(ofType('refund')).toHaveLength(1);
		expect(ofType('sale').filter((tx) => tx.merchantOrderReference === '1012')).toHaveLength(1);
	});

	it('a capture with its own key (CCV shows no key, so CCV\'s answer and its created time decide)', async () => {
		const auth = t.sb.addPayment({ type: 'authorise', amount: '50.00' });
		const parameters = { resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'partial', amount: '10.00', options: { idempotencyKey: 'SHIP-12' } };
		await run(parameters);
		resetProcessMemory();
		// Later than CCV's and n8n's clocks may differ (CLOCK_TOLERANCE_MS).
		await sleep(2100);
		const again = await run(parameters);
		expect(again.items[0].json).toMatchObject({ replayed: true });
		expect(ofType('capture')).toHaveLength(1);
	});
});
