// Every payment, refund, transaction, mandate and order operation of the CCV node, run once in a
// real n8n against the sandbox: one workflow, one `n8n execute` (see harness.ts for the pattern).
import { SEED } from '../../sandbox';
import { nodeErrorItems, okItems, useStepsRun } from './harness';
import { AUTHORISATION_TO_REVERSE, paymentSteps } from './payments.steps';

const e2e = useStepsRun('e2e: payments, refunds, transactions, mandates, orders', paymentSteps, (sandbox) => {
	sandbox.addPayment({ reference: AUTHORISATION_TO_REVERSE, type: 'authorise', status: 'success', amount: 40 });
});

test('the workflow ran to the end', () => {
	expect(e2e.run.data.resultData.error).toBeUndefined();
});

describe('payments', () => {
	test('Create sends the payment with an idempotency reference and outputs the payUrl', () => {
		const [payment] = okItems(e2e.run, 'Create payment');
		expect(payment).toMatchObject({ status: 'pending', merchantOrderReference: 'ORDER-E2E-1', method: 'ideal' });
		expect(String(payment.payUrl)).toMatch(/^http/);
		const sent = e2e.requests('POST', '/api/v1/payment').find((entry) => (entry.body as { merchantOrderReference?: string }).merchantOrderReference === 'ORDER-E2E-1');
		expect(sent?.body).toMatchObject({ amount: '19.99', currency: 'eur', method: 'ideal', returnUrl: 'https://shop.example/return', description: 'E2E order' });
		expect(sent?.headers['idempotency-reference']).toEqual(expect.any(String));
	});

	test('Charge a Mandate sends the mandate ID and needs no customer', () => {
		const [payment] = okItems(e2e.run, 'Charge a mandate');
		expect(payment).toMatchObject({ merchantOrderReference: 'ORDER-E2E-MANDATE' });
		const sent = e2e.requests('POST', '/api/v1/payment').find((entry) => (entry.body as { mandateId?: string }).mandateId === SEED.mandate);
		expect(sent?.body).toMatchObject({ amount: '5.00', method: 'card' });
	});

	test('Capture and Reversal act on the authorisation they name', () => {
		expect(okItems(e2e.run, 'Capture part of an authorisation')).toEqual([
			expect.objectContaining({ type: 'capture', originalReference: SEED.authorisation }),
		]);
		expect(e2e.requests('POST', '/api/v1/capture')[0].body).toMatchObject({ reference: SEED.authorisation, amount: '50.00' });
		expect(okItems(e2e.run, 'Reverse an authorisation')).toEqual([
			expect.objectContaining({ type: 'reversal', originalReference: AUTHORISATION_TO_REVERSE }),
		]);
		expect(e2e.requests('POST', '/api/v1/reversal')[0].body).toMatchObject({ reference: AUTHORISATION_TO_REVERSE });
	});
});

describe('refunds', () => {
	test('Create refunds the full amount when Amount to Refund is Full Amount', () => {
		const [refund] = okItems(e2e.run, 'Refund in full');
		expect(refund).toMatchObject({ type: 'refund', originalReference: SEED.payments.idealSale, amount: 49.95 });
		const sent = e2e.requests('POST', '/api/v1/refund').filter((entry) => (entry.body as { reference?: string }).reference === SEED.payments.idealSale);
		expect(sent).toHaveLength(1);
		expect(sent[0].body).not.toHaveProperty('amount');
		expect(sent[0].headers['idempotency-reference']).toEqual(expect.any(String));
	});

	test('a dry run shows the refund it would send and sends nothing', () => {
		const [preview] = okItems(e2e.run, 'Refund (dry run)');
		expect(preview).toMatchObject({ dryRun: true });
		expect(JSON.stringify(preview)).toContain(SEED.payments.cardSale);
		const sent = e2e.requests('POST', '/api/v1/refund').filter((entry) => (entry.body as { reference?: string }).reference === SEED.payments.cardSale);
		expect(sent).toHaveLength(0);
	});

	test('a refund above what CCV allows fails the item with CCV\'s reason', () => {
		const [failure] = nodeErrorItems(e2e.run, 'Refund above the limit');
		expect(`${failure.error} ${failure.description ?? ''}`).toMatch(/refund_limit|limit/i);
		const refunds = e2e.sandbox.state
			.transactions()
			.filter((transaction) => transaction.type === 'refund' && transaction.originalReference === SEED.payments.partlyRefunded);
		expect(refunds.map((refund) => refund.reference)).toEqual([SEED.refund]);
	});

	test('Get returns the refund with its status', () => {
		expect(okItems(e2e.run, 'Get refund')).toEqual([expect.objectContaining({ reference: SEED.refund, type: 'refund', status: 'success' })]);
	});
});

describe('transactions', () => {
	test('Get reads one transaction by reference', () => {
		expect(okItems(e2e.run, 'Get transaction')).toEqual([
			expect.objectContaining({ reference: SEED.payments.cardSale, status: 'success', amount: 25 }),
		]);
		expect(e2e.requests('GET', '/api/v1/transaction').map((entry) => entry.query.reference)).toContain(SEED.payments.cardSale);
	});

	test('Get Many finds the refunds of a payment', () => {
		expect(okItems(e2e.run, 'Get many transactions').map((transaction) => transaction.reference)).toEqual([SEED.refund]);
	});
});

describe('payment methods', () => {
	test('Get Many lists the methods the account offers, one item each', () => {
		const methods = okItems(e2e.run, 'Get payment methods').map((method) => method.method);
		expect(methods).toEqual(expect.arrayContaining(['card', 'ideal']));
		expect(e2e.requests('GET', '/api/v1/method')).toHaveLength(1);
	});
});

describe('mandates and orders', () => {
	test('Get Mandate returns the mandate', () => {
		expect(okItems(e2e.run, 'Get mandate')).toEqual([expect.objectContaining({ mandateId: SEED.mandate, status: 'active' })]);
	});

	test('Submit Order sends the order and Get Status reads an order\'s status', () => {
		const [submitted] = okItems(e2e.run, 'Submit order');
		// The sandbox answers Submit as seed 003 documents it: a status code and no body (issue 28 #15), so the
		// node outputs only that the order was submitted; nothing is invented.
		expect(submitted).toMatchObject({ submitted: true, statusCode: 200 });
		expect(e2e.requests('POST', '/api/ordercompletion/reseller/order')[0].body).toMatchObject({
			notifyCustomerByEmail: false,
			externalReference: 'BOARD-E2E-1',
			order: { storeInformation: { cocNumber: '12345678', cocRegistry: 'Kvk' } },
		});
		expect(e2e.sandbox.state.orders().some((order) => order.externalReference === 'BOARD-E2E-1')).toBe(true);
		expect(okItems(e2e.run, 'Get order status')).toEqual([
			expect.objectContaining({ orderStatus: 'New', externalReference: SEED.order.externalReference }),
		]);
	});
});
