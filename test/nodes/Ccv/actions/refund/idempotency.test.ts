// The rule that matters most: however often a refund item runs (a re-run, n8n's Retry On Fail, the
// transport's own retries, a duplicate row), CCV ends up with one refund, unless the user asks for
// two with two Idempotency Keys.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunNodeOptions } from '../../../../helpers/engine';
import { useSandbox } from '../sandboxRun';


const t = useSandbox();

// A partial refund needs its own reference (issue 24): these rows are about retries of one key, so
// each item carries the key "ticket-1" unless it sets its own reference.
function refund(parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) {
	const { items, ...rest } = extra;
	const fields = (parameters.additionalFields ?? {}) as IDataObject;
	const options = { ...((parameters.options ?? {}) as IDataObject) };
	if (fields.merchantOrderReference === undefined && options.idempotencyKey === undefined) options.idempotencyKey = 'ticket-1';
	return t.run({ resource: 'refund', operation: 'create', amountToRefund: 'partial', additionalFields: {}, ...parameters, options } as INodeParameters, items, rest);
}

const refunds = () => t.sb.state.transactions().filter((tx) => tx.type === 'refund');
const refundPosts = () => t.sb.log.filter((e) => e.method === 'POST' && e.path === '/api/v1/refund');
const keysSent = () => refundPosts().map((e) => e.headers['idempotency-reference']);

it('the same item executed twice leaves exactly one refund', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	const parameters = { paymentReference: payment.reference, amount: '20.00', additionalFields: { description: 'Ticket 1' } };
	const first = await refund(parameters);
	const second = await refund(parameters);
	expect(first.error).toBeUndefined();
	expect(second.error).toBeUndefined();
	expect(refunds()).toHaveLength(1);
	expect(second.items[0].json).toMatchObject({ reference: first.items[0].json.reference, replayed: true });
	// The key is sent as the refund's Merchant Order Reference, so the re-run finds the refund at CCV
	// before sending (issue 24 row 13): one POST, whatever CCV remembers of the key.
	expect(refundPosts()).toHaveLength(1);
	expect(refundPosts()[0].body).toMatchObject({ merchantOrderReference: 'ticket-1' });
});

it('a connection dropped after CCV applied the refund, then the transport\'s retry: exactly one refund', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	t.sb.faults.add({ match: { method: 'POST', path: '^/api/v1/refund$' }, count: 1, kind: 'drop-after-apply' });
	const { items, error } = await refund({ paymentReference: payment.reference, amount: '20.00' });
	expect(error).toBeUndefined();
	expect(refundPosts().map((e) => e.outcome)).toEqual(['dropped', 'answered']);
	expect(new Set(keysSent()).size).toBe(1);
	expect(refunds()).toHaveLength(1);
	expect(items[0].json).toMatchObject({ type: 'refund', reference: refunds()[0].reference, amount: 20 });
});

it('a dropped connection with the node\'s retries off, then n8n\'s Retry On Fail: exactly one refund', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	t.sb.faults.add({ match: { method: 'POST', path: '^/api/v1/refund$' }, count: 1, kind: 'drop-after-apply' });
	const { items, error } = await refund(
		{ paymentReference: payment.reference, amount: '20.00', options: { retries: 0 } },
		{ retryOnFail: { maxTries: 2, waitBetweenTries: 0 } },
	);
	expect(error).toBeUndefined();
	// n8n's retry finds the refund at CCV by the key sent as its Merchant Order Reference.
	expect(refundPosts().map((e) => e.outcome)).toEqual(['dropped']);
	expect(new Set(keysSent()).size).toBe(1);
	expect(refunds()).toHaveLength(1);
	expect(items[0].json.reference).toBe(refunds()[0].reference);
});

it('a 504 after CCV applied the refund is retried with the same key: exactly one refund', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	t.sb.faults.add({ match: { method: 'POST', path: '^/api/v1/refund$' }, count: 1, kind: 'status', status: 504 });
	const { items, error } = await refund({ paymentReference: payment.reference, amount: '20.00' });
	expect(error).toBeUndefined();
	expect(refundPosts().map((e) => e.status)).toEqual([504, 200]);
	expect(refunds()).toHaveLength(1);
	expect(items[0].json.reference).toBe(refunds()[0].reference);
});

it('two identical rows in one run are refused, naming both items; nothing is sent', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	const { error } = await refund(
		{ paymentReference: '={{ $json.ref }}', amount: '={{ $json.amount }}', options: { concurrency: 5 } },
		{ items: [{ ref: payment.reference, amount: '5.00' }, { ref: payment.reference, amount: '5.00' }] },
	);
	expect(error?.message).toMatch(/Item 1 \(index 0\) and Item 2 \(index 1\)/);
	expect(error?.message).toContain(`refund of payment ${payment.reference}, 5.00 (Idempotency Key "ticket-1")`);
	expect(refundPosts()).toHaveLength(0);
});

it('the derived key follows the payment and the refund\'s own reference, never the amount or the description', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-1' } });
	await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-2' } });
	const again = await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-1', description: 'other ticket' } });
	expect(refunds().map((tx) => tx.merchantOrderReference)).toEqual(['RMA-1', 'RMA-2']);
	// The third is RMA-1 again: found at CCV before sending, so only two requests went out.
	expect(new Set(keysSent()).size).toBe(2);
	expect(again.items[0].json).toMatchObject({ merchantOrderReference: 'RMA-1', replayed: true });
});

it('two identical partial refunds on purpose: each with its own Idempotency Key, sent exactly as given', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	const a = await refund({ paymentReference: payment.reference, amount: '5.00', options: { idempotencyKey: 'ticket-101' } });
	const b = await refund({ paymentReference: payment.reference, amount: '5.00', options: { idempotencyKey: 'ticket-102' } });
	const again = await refund({ paymentReference: payment.reference, amount: '5.00', options: { idempotencyKey: 'ticket-101' } });
	expect([a.error, b.error, again.error]).toEqual([undefined, undefined, undefined]);
	// The third is ticket-101 again: found at CCV before sending.
	expect(keysSent()).toEqual(['ticket-101', 'ticket-102']);
	expect(refunds()).toHaveLength(2);
	expect(again.items[0].json).toMatchObject({ reference: a.items[0].json.reference, replayed: true });
});

it('a key reused for a different refund is refused by CCV, and the user reads why', async () => {
	const payment = t.sb.addPayment({ amount: '50.00' });
	// Two Merchant Order References, so the node's lookup finds no earlier refund and CCV judges the key.
	await refund({ paymentReference: payment.reference, amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-7' }, options: { idempotencyKey: 'ticket-7' } });
	const { error } = await refund({ paymentReference: payment.reference, amount: '6.00', additionalFields: { merchantOrderReference: 'RMA-8' }, options: { idempotencyKey: 'ticket-7' } });
	expect(error?.message).toMatch(/field "Idempotency-Reference"/);
	expect(error?.description).toContain('was already used for a different request');
	expect(refunds()).toHaveLength(1);
});
