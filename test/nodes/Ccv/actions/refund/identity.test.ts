// Idempotency by the intention (issue 15 #1, #2; issue 24): the Idempotency-Reference of a refund or
// capture depends only on what identifies it (payment + Full Amount, or payment + the refund's own
// Merchant Order Reference or Idempotency Key), never on the amount alone, nor on
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
				additionalFields: { merchantOrderReference: 'RMA-1', description: '={{ "Refund " + $now.toMillis() + " " + Math.random() }}' },
				options: { retries: 0 },
			},
			{ retryOnFail: { maxTries: 2, waitBetweenTries: 1 } },
		);
		// The retry finds the refund at CCV by its Merchant Order Reference before sending again.
		expect(refundPosts().map((e) => e.outcome)).toEqual(['dropped']);
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
				merchantOrderReference: 'RMA-2',
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
		await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-3', description: 'first text' } });
		const again = await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-3', description: 'other text' } });
		expect(refunds()).toHaveLength(1);
		expect(new Set(keysSent()).size).toBe(1);
		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ replayed: true });
	});

	it('a refund that differs in its own reference, payment or own key is a different refund; the amount alone is not', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-1' } });
		await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-2' } });
		await refund({ paymentReference: payment.reference, amount: '5.00', options: { idempotencyKey: 'ticket-9' } });
		expect(refunds()).toHaveLength(3);
		expect(new Set(keysSent()).size).toBe(3);
		// RMA-1 again with another amount: the same refund, so the item fails naming the earlier one.
		const other = await refund({ paymentReference: payment.reference, amount: '5.01', additionalFields: { merchantOrderReference: 'RMA-1' } });
		expect(other.error?.message).toContain(`CCV already holds refund ${refunds()[0].reference}`);
		expect(other.error?.message).toContain('its amount is 5, this item asks for 5.01');
		expect(refunds()).toHaveLength(3);
	});
});

describe('prepare(): equal identity gives an equal reference (the router refuses such twins in one run)', () => {
	const base = { paymentReference: 'C250324145223810CB87E194.Y', amountToRefund: 'partial', amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-1' }, options: {} };

	it('two identical partial refunds: equal references, whatever the description or webhook', () => {
		const a = prepareItem(refundCreate, { ...base, additionalFields: { merchantOrderReference: 'RMA-1', description: 'Refund 1733000000001' } }, 0);
		const b = prepareItem(refundCreate, { ...base, additionalFields: { merchantOrderReference: 'RMA-1', description: 'Refund 1733000000002', webhookUrl: 'https://x.example/h?run=2' } }, 1);
		expect(a.idempotencyReference).toMatch(/^n8n-refund-[0-9a-f]{39}$/);
		expect(b.idempotencyReference).toBe(a.idempotencyReference);
		expect(a.identity).toContain('C250324145223810CB87E194.Y');
	});

	it('the amount is not part of the reference: any amount with one own reference is the same refund', () => {
		const refs = ['5', '5.0', '5.00', '7.00'].map((amount) => prepareItem(refundCreate, { ...base, amount }).idempotencyReference);
		expect(new Set(refs).size).toBe(1);
		const other = prepareItem(refundCreate, { ...base, additionalFields: { merchantOrderReference: 'RMA-2' } });
		expect(other.idempotencyReference).not.toBe(refs[0]);
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

	it('captures: a partial capture needs its own key (sent as given); Full Amount captures share a reference; description never counts', () => {
		const c = { paymentReference: 'A250324145223810CB87E194.Y', amountToCapture: 'partial', amount: '10.00', additionalFields: {}, options: {} };
		expect(() => prepareItem(capture, { ...c, additionalFields: { description: 'Shipment 1' } })).toThrow(
			'"Idempotency Key" is required for a partial capture (under Options)',
		);
		const full = { ...c, amountToCapture: 'full', amount: '' };
		const a = prepareItem(capture, { ...full, additionalFields: { description: 'Shipment 1' } });
		const b = prepareItem(capture, { ...full, additionalFields: { description: 'Shipment 2' } });
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
	it('with a Merchant Order Reference: the node finds the other worker\'s refund at CCV and outputs it, replayed', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const parameters = { paymentReference: payment.reference, amountToRefund: 'partial', amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-9' }, options: {} };
		const { idempotencyReference } = prepareItem(refundCreate, parameters);
		// Another worker (no shared memory) already refunded with another description.
		const earlier = await post(String(idempotencyReference), { reference: payment.reference, amount: '5.00', merchantOrderReference: 'RMA-9', description: 'Refund 1733000000001' });
		expect(earlier.status).toBe(200);
		const { items, error } = await refund({ ...parameters, additionalFields: { merchantOrderReference: 'RMA-9', description: 'Refund 1733000000002' } });
		expect(error).toBeUndefined();
		expect(refunds()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ reference: refunds()[0].reference, replayed: true });
	});

	it('with an own Idempotency Key: CCV (sandbox) refuses the changed body; the user reads that the refund already exists', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const parameters = { paymentReference: payment.reference, amountToRefund: 'partial', amount: '5.00', additionalFields: {}, options: { idempotencyKey: 'ticket-77' } };
		const earlier = await post('ticket-77', { reference: payment.reference, amount: '5.00', description: 'Refund 1733000000001' });
		expect(earlier.status).toBe(200);
		const { error } = await refund({ ...parameters, additionalFields: { description: 'Refund 1733000000002' } });
		expect(refunds()).toHaveLength(1);
		expect(error?.description).toContain('CCV already holds a refund made with the Idempotency Key "ticket-77"');
		expect(error?.description).toContain('Nothing new was created');
	});
});

function post(idempotencyReference: string, body: IDataObject) {
	return fetch(`${t.sb.url}/api/v1/refund`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			'Idempotency-Reference': idempotencyReference,
			Authorization: `Basic ${Buffer.from(`${t.sb.apiKey}:`).toString('base64')}`,
		},
		body: JSON.stringify(body),
	});
}
