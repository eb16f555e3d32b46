// Payment > Create and Capture: distinct charges are never silently collapsed (issue 15 #2), full or
// partial capture is an explicit choice (#3), and every money output carries its reference.
import type { IDataObject } from 'n8n-workflow';

import * as create from '../../../../../nodes/Ccv/actions/payment/create.operation';
import { useSandbox } from '../sandboxRun';
import { prepareItem } from './prepareHarness';

const t = useSandbox();

const RETURN_URL = 'https://shop.example/return?order=123';

function pay(parameters: IDataObject) {
	return t.run({
		resource: 'payment',
		operation: 'create',
		amount: '9.99',
		currency: 'eur',
		method: 'card',
		returnUrl: RETURN_URL,
		additionalFields: {},
		options: {},
		...parameters,
	});
}

const posts = (path: string) => t.sb.log.filter((e) => e.method === 'POST' && e.path === path);
const payments = () => t.sb.state.transactions().filter((tx) => tx.type === 'sale' || tx.type === 'authorise');

async function activeMandate(): Promise<string> {
	const first = await pay({ additionalFields: { obtainMandate: true, merchantOrderReference: 'SIGNUP-1' } });
	t.sb.settle(first.items[0].json.reference as string, 'success');
	t.sb.clearLog();
	return (first.items[0].json.details as IDataObject).mandateId as string;
}

describe('merchant-initiated charges need their own identity', () => {
	it('a mandate charge without Merchant Order Reference or Idempotency Key is refused, nothing sent', async () => {
		const mandateId = await activeMandate();
		const { error } = await pay({ paymentFlow: 'mandate', mandateId, returnUrl: '', additionalFields: { description: 'Monthly subscription' } });
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Merchant Order Reference" is required/);
		expect(posts('/api/v1/payment')).toHaveLength(0);
	});

	it('the same mandate charged 9.99 "Monthly subscription" in two periods: two payments', async () => {
		const mandateId = await activeMandate();
		const march = await pay({ paymentFlow: 'mandate', mandateId, returnUrl: '', additionalFields: { merchantOrderReference: 'SUB-7 2026-03', description: 'Monthly subscription' } });
		const april = await pay({ paymentFlow: 'mandate', mandateId, returnUrl: '', additionalFields: { merchantOrderReference: 'SUB-7 2026-04', description: 'Monthly subscription' } });
		expect([march.error, april.error]).toEqual([undefined, undefined]);
		expect(april.items[0].json.reference).not.toBe(march.items[0].json.reference);
		expect(april.items[0].json).toMatchObject({ status: 'success', replayed: false });
		expect(payments().filter((p) => p.details?.mandateId === mandateId && p.reference !== undefined)).toHaveLength(3);
	});

	it('a checkout payment without order reference or key is refused: two customers must never share one payUrl', async () => {
		const { error } = await pay({ method: 'ideal' });
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Merchant Order Reference" is required/);
		expect(t.sb.log).toHaveLength(0);
	});

	it('two checkouts of the same amount for two orders get two payUrls; the same order again is a replay', async () => {
		const a = await pay({ method: 'ideal', additionalFields: { merchantOrderReference: 'ORDER-1' } });
		const b = await pay({ method: 'ideal', additionalFields: { merchantOrderReference: 'ORDER-2' } });
		const again = await pay({ method: 'ideal', additionalFields: { merchantOrderReference: 'ORDER-1', description: 'new text' } });
		expect(a.items[0].json.payUrl).not.toBe(b.items[0].json.payUrl);
		expect(again.items[0].json).toMatchObject({ reference: a.items[0].json.reference, replayed: true });
		expect(a.items[0].json).toMatchObject({ replayed: false, idempotencyReference: expect.stringMatching(/^n8n-payment-/) });
		expect(payments()).toHaveLength(2);
	});

	it('prepare(): the payment identity is the order (and its attempt, added when sending), never free text or the amount', () => {
		const base = { amount: '9.99', currency: 'eur', method: 'card', returnUrl: RETURN_URL, paymentFlow: 'checkout', options: {} };
		const a = prepareItem(create, { ...base, additionalFields: { merchantOrderReference: 'O-1', description: 'x', webhookUrl: 'https://a.example/1' } });
		const b = prepareItem(create, { ...base, additionalFields: { merchantOrderReference: 'O-1', description: 'y', metadata: 'run:2' } });
		const c = prepareItem(create, { ...base, amount: '9.98', additionalFields: { merchantOrderReference: 'O-1' } });
		expect(b.idempotencyReference).toBe(a.idempotencyReference);
		// Issue 24: the amount is not the intention; the same order at another amount is the same payment.
		expect(c.idempotencyReference).toBe(a.idempotencyReference);
		const d = prepareItem(create, { ...base, additionalFields: { merchantOrderReference: 'O-2' } });
		expect(d.idempotencyReference).not.toBe(a.idempotencyReference);
		const own = prepareItem(create, { ...base, additionalFields: {}, options: { idempotencyKey: 'cart-77' } });
		expect(own.idempotencyReference).toBe('cart-77');
	});
});

describe('Capture: full or partial is an explicit choice', () => {
	const authorisation = (amount = '30.00') => t.sb.addPayment({ type: 'authorise', amount });

	it('Partial Amount with an Amount that resolves to nothing is an error naming item and field; nothing sent', async () => {
		const auth = authorisation();
		const { error } = await t.run(
			{ resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'partial', amount: '={{ $json.captureAmount }}', additionalFields: {}, options: {} },
			[{ other: 1 }],
		);
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Amount" is required when "Amount to Capture" is Partial Amount/);
		expect(t.sb.log).toHaveLength(0);
	});

	it('an old workflow with an empty Amount (no choice stored) is refused, never a full capture', async () => {
		const auth = authorisation();
		await expect(
			t.run({ resource: 'payment', operation: 'capture', paymentReference: auth.reference, amount: '', additionalFields: {}, options: {} }),
		).rejects.toThrow(/Parameter "Amount" is required/);
		expect(t.sb.log).toHaveLength(0);
	});

	it('Full Amount sends no amount, outputs its reference and replayed', async () => {
		const auth = authorisation();
		const { items, error } = await t.run({ resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'full', additionalFields: {}, options: {} });
		expect(error).toBeUndefined();
		expect(posts('/api/v1/capture')[0].body).toEqual({ reference: auth.reference });
		expect(items[0].json).toMatchObject({ type: 'capture', replayed: false, idempotencyReference: posts('/api/v1/capture')[0].headers['idempotency-reference'] });
	});
});
