// Idempotency by business identity (issue 15 #1, #2): the Idempotency-Reference of a refund or
// capture depends only on what identifies it (payment, full or partial amount, own key), never on
// free text such as a Description with $now or a Webhook URL with $execution.id. Every output says
// which reference it used and whether CCV answered with an earlier transaction.
import type { IDataObject } from 'n8n-workflow';

import * as capture from '../../../../../nodes/Ccv/actions/payment/capture.operation';
import * as reversal from '../../../../../nodes/Ccv/actions/payment/reversal.operation';
import * as refundCreate from '../../../../../nodes/Ccv/actions/refund/create.operation';
import type { RunNodeOptions } from '../../../../helpers/engine';
import { prepareItem } from '../payment/prepareHarness';
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

function refund(parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) {
	const { items, ...rest } = extra;
	return t.run({ resource: 'refund', operation: 'create', additionalFields: {}, options: {}, ...parameters }, items, rest);
}

const refunds = () => t.sb.state.transactions().filter((tx) => tx.type === 'refund');
const refundPosts = () => t.sb.log.filter((e) => e.method === 'POST' && e.path === '/api/v1/refund');
const keysSent = () => refundPosts().map((e) => e.headers['idempotency-reference']);

describe('the same refund keeps one reference whatever free text evaluates to', () => {
	it('Description with $now, a connection dropped after CCV applied the refund, Retry On Fail: one refund, one header', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		t.sb.faults.add({ match: { method: 'POST', path: '^/api/v1/refund$' }, count: 1, kind: 'drop-after-apply' });
		const { items, error } = await refund(
			{
				paymentReference: payment.reference,
				amountToRefund: 'partial',
				amount: '20.00',
				additionalFields: { description: '={{ "Refund " + $now.toMillis() + " " + Math.random() }}' },
				options: { retries: 0 },
			},
			{ retryOnFail: { maxTries: 2, waitBetweenTries: 1 } },
		);
		expect(refundPosts().map((e) => e.outcome)).toEqual(['dropped', 'answered']);
		expect(new Set(keysSent()).size).toBe(1);
		expect(refunds()).toHaveLength(1);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ reference: refunds()[0].reference, idempotencyReference: keysSent()[0] });
	});

	it('a re-run with $execution.id in the Webhook URL and $now in the Description refunds once and says replayed', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const parameters = {
			paymentReference: payment.reference,
			amountToRefund: 'partial',
			amount: '5.00',
			additionalFields: {
				description: '={{ "Refund " + $now.toMillis() + " " + Math.random() }}',
				webhookUrl: '={{ "https://shop.example/hook?run=" + $execution.id }}',
			},
		};
		const first = await refund(parameters);
		const again = await refund(parameters);
		expect([first.error, again.error]).toEqual([undefined, undefined]);
		expect(refunds()).toHaveLength(1);
		expect(new Set(keysSent()).size).toBe(1);
		expect(first.items[0].json).toMatchObject({ idempotencyReference: keysSent()[0], replayed: false });
		expect(again.items[0].json).toMatchObject({ reference: first.items[0].json.reference, replayed: true });
	});

	it('a Description that changed between two runs does not make a second refund', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { description: 'first text' } });
		const again = await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { description: 'other text' } });
		expect(refunds()).toHaveLength(1);
		expect(new Set(keysSent()).size).toBe(1);
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ replayed: true });
	});

	it('a refund that differs in amount, payment or own key is a different refund', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		await refund({ paymentReference: payment.reference, amount: '5.00' });
		await refund({ paymentReference: payment.reference, amount: '5.01' });
		await refund({ paymentReference: payment.reference, amount: '5.00', options: { idempotencyKey: 'ticket-9' } });
		expect(refunds()).toHaveLength(3);
		expect(new Set(keysSent()).size).toBe(3);
	});
});

describe('prepare(): equal identity gives an equal reference (the router refuses such twins in one run)', () => {
	const base = { paymentReference: 'C250324145223810CB87E194.Y', amountToRefund: 'partial', amount: '5.00', additionalFields: {}, options: {} };

	it('two identical partial refunds: equal references, whatever the description or webhook', () => {
		const a = prepareItem(refundCreate, { ...base, additionalFields: { description: 'Refund 1733000000001' } }, 0);
		const b = prepareItem(refundCreate, { ...base, additionalFields: { description: 'Refund 1733000000002', webhookUrl: 'https://x.example/h?run=2' } }, 1);
		expect(a.idempotencyReference).toMatch(/^n8n-refund-[0-9a-f]{39}$/);
		expect(b.idempotencyReference).toBe(a.idempotencyReference);
		expect(a.identity).toContain('C250324145223810CB87E194.Y');
	});

	it('"5", "5.0" and "5.00" are the same partial amount', () => {
		const refs = ['5', '5.0', '5.00'].map((amount) => prepareItem(refundCreate, { ...base, amount }).idempotencyReference);
		expect(new Set(refs).size).toBe(1);
	});

	it('each with its own key: different references, the key sent as given', () => {
		const a = prepareItem(refundCreate, { ...base, options: { idempotencyKey: 'ticket-1' } });
		const b = prepareItem(refundCreate, { ...base, options: { idempotencyKey: 'ticket-2' } });
		expect([a.idempotencyReference, b.idempotencyReference]).toEqual(['ticket-1', 'ticket-2']);
	});

	it('full and partial are different refunds', () => {
		const full = prepareItem(refundCreate, { ...base, amountToRefund: 'full', amount: '' });
		expect(full.idempotencyReference).not.toBe(prepareItem(refundCreate, base).idempotencyReference);
	});

	it('captures: two identical partial captures share a reference; own keys differ; description never counts', () => {
		const c = { paymentReference: 'A250324145223810CB87E194.Y', amountToCapture: 'partial', amount: '10.00', additionalFields: {}, options: {} };
		const a = prepareItem(capture, { ...c, additionalFields: { description: 'Shipment 1' } });
		const b = prepareItem(capture, { ...c, additionalFields: { description: 'Shipment 2' } });
		expect(a.idempotencyReference).toMatch(/^n8n-capture-[0-9a-f]{38}$/);
		expect(b.idempotencyReference).toBe(a.idempotencyReference);
		const own = prepareItem(capture, { ...c, options: { idempotencyKey: 'shipment-2' } });
		expect(own.idempotencyReference).toBe('shipment-2');
	});

	it('a reversal is identified by its payment alone', () => {
		const a = prepareItem(reversal, { paymentReference: 'A1', additionalFields: { description: 'x' }, options: {} });
		const b = prepareItem(reversal, { paymentReference: 'A1', additionalFields: { description: 'y', webhookUrl: 'https://x.example/h' }, options: {} });
		expect(b.idempotencyReference).toBe(a.idempotencyReference);
	});
});

describe('the same identity with other free text from another n8n process', () => {
	it('CCV (sandbox) refuses the changed body; the user reads that the refund already exists and how to find it', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const parameters = { paymentReference: payment.reference, amountToRefund: 'partial', amount: '5.00', additionalFields: {}, options: {} };
		const { idempotencyReference } = prepareItem(refundCreate, parameters);
		// Another worker (no shared memory) already refunded with another description.
		const earlier = await fetch(`${t.sb.url}/api/v1/refund`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'Idempotency-Reference': String(idempotencyReference),
				Authorization: `Basic ${Buffer.from(`${t.sb.apiKey}:`).toString('base64')}`,
			},
			body: JSON.stringify({ reference: payment.reference, amount: '5.00', description: 'Refund 1733000000001' }),
		});
		expect(earlier.status).toBe(200);
		const { error } = await refund({ ...parameters, additionalFields: { description: 'Refund 1733000000002' } });
		expect(refunds()).toHaveLength(1);
		expect(error?.description).toContain(`CCV already holds a refund made with this Idempotency-Reference (${String(idempotencyReference)})`);
		expect(error?.description).toContain('Transaction > Get Many');
	});
});
