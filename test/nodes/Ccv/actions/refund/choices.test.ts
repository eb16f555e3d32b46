// Refund > Create: full versus partial is an explicit choice (issue 15 #3), choices accept only their
// documented values (#9), and the refund fields follow seed 004 (#11).
import type { IDataObject } from 'n8n-workflow';

import type { RunNodeOptions } from '../../../../helpers/engine';
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

function refund(parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) {
	const { items, ...rest } = extra;
	return t.run({ resource: 'refund', operation: 'create', additionalFields: {}, options: {}, ...parameters }, items, rest);
}

const posts = () => t.sb.log.filter((e) => e.method === 'POST');
const refunds = () => t.sb.state.transactions().filter((tx) => tx.type === 'refund');

describe('Amount to Refund: Full Amount or Partial Amount', () => {
	it('Partial Amount with `={{ $json.refundAmount }}` on an item without it: error naming item and field, nothing sent', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const { error } = await refund(
			{ paymentReference: payment.reference, amountToRefund: 'partial', amount: '={{ $json.refundAmount }}' },
			{ items: [{ ticket: 1 }] },
		);
		expect(error?.message).toBe('Item 1 (index 0): "Amount" is required when "Amount to Refund" is Partial Amount (it is empty)');
		expect(t.sb.log).toHaveLength(0);
		expect(refunds()).toHaveLength(0);
	});

	it('an Amount that resolves to null is refused as well', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: 'partial', amount: '={{ null }}' });
		expect(error?.message).toMatch(/"Amount" is required when "Amount to Refund" is Partial Amount/);
		expect(t.sb.log).toHaveLength(0);
	});

	it('an old workflow with an empty Amount and no stored choice errors instead of refunding everything', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		// n8n itself refuses a required field left empty; an expression that gives nothing reaches the node (above).
		await expect(refund({ paymentReference: payment.reference, amount: '' })).rejects.toThrow(/Parameter "Amount" is required/);
		expect(t.sb.log).toHaveLength(0);
		expect(refunds()).toHaveLength(0);
	});

	it('Full Amount sends no amount and refunds the whole payment', async () => {
		const payment = t.sb.addPayment({ amount: '42.15' });
		const { items, error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full', amount: '3.00' });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({ reference: payment.reference });
		expect(items[0].json).toMatchObject({ type: 'refund', amount: 42.15, replayed: false });
	});

	it('an Amount to Refund from an expression that is neither choice is refused', async () => {
		const payment = t.sb.addPayment({ amount: '42.15' });
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: '={{ "all" }}', amount: '5.00' });
		expect(error?.message).toBe('Item 1 (index 0): "Amount to Refund" must be one of: full, partial (it is "all")');
		expect(t.sb.log).toHaveLength(0);
	});
});

describe('choices accept only their documented values', () => {
	it.each([
		['={{ true }}', 'true'],
		['Yes', '"Yes"'],
	])('SoftPOS Card Present %s is refused, not sent as false', async (value, shown) => {
		const payment = t.sb.addPayment({ method: 'softpos' });
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full', methodDetails: 'softpos', cardPresent: value });
		expect(error?.message).toBe(`Item 1 (index 0): "Card Present" must be one of: default, no, yes (it is ${shown})`);
		expect(t.sb.log).toHaveLength(0);
	});

	it('Card Present is sent as the string seed 004 shows ("false")', async () => {
		const payment = t.sb.addPayment({ method: 'softpos' });
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full', methodDetails: 'softpos', cardPresent: 'no' });
		expect(error).toBeUndefined();
		expect((posts()[0].body as IDataObject).details).toEqual({ cardPresent: 'false' });
	});

	it('Operating Environment "attended" is refused with the allowed list', async () => {
		const payment = t.sb.addPayment({ method: 'terminal' });
		const { error } = await refund({
			paymentReference: payment.reference,
			amountToRefund: 'full',
			methodDetails: 'terminal',
			terminalId: 'T1',
			managementSystemId: 'M1',
			accessProtocol: 'OPI_NL',
			operatingEnvironment: 'attended',
		});
		expect(error?.message).toBe('Item 1 (index 0): "Operating Environment" must be one of: ATTENDED, default, SEMI_UNATTENDED (it is "attended")');
		expect(t.sb.log).toHaveLength(0);
	});

	it('Payment Method Details "termnal" is refused with the allowed list', async () => {
		const payment = t.sb.addPayment({ method: 'terminal' });
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full', methodDetails: 'termnal' });
		expect(error?.message).toBe('Item 1 (index 0): "Payment Method Details" must be one of: none, softpos, terminal (it is "termnal")');
		expect(t.sb.log).toHaveLength(0);
	});
});

describe('refund fields as seed 004 and REFERENCE §5 document them', () => {
	it('the Return URL accepts an app link such as myapp://done', async () => {
		const payment = t.sb.addPayment({ method: 'terminal' });
		const { error } = await refund({
			paymentReference: payment.reference,
			amountToRefund: 'full',
			methodDetails: 'terminal',
			terminalId: 'T1',
			managementSystemId: 'M1',
			accessProtocol: 'OPI_NL',
			additionalFields: { returnUrl: 'myapp://done' },
		});
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ returnUrl: 'myapp://done' });
	});

	it('a Webhook URL with http:// is refused: CCV calls HTTPS only', async () => {
		const payment = t.sb.addPayment();
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full', additionalFields: { webhookUrl: 'http://shop.example/hook' } });
		expect(error?.message).toBe('Item 1 (index 0): "Webhook URL" must be a web address starting with https:// (CCV calls HTTPS only)');
		expect(t.sb.log).toHaveLength(0);
	});

	it('Notification Requests larger than 10000 characters are refused, naming the field', async () => {
		const payment = t.sb.addPayment();
		const big = JSON.stringify([{ url: `https://shop.example/${'n'.repeat(10_050)}`, events: ['StatusChanged'] }]);
		const { error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full', additionalFields: { notificationRequests: big } });
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Notification Requests" is too large: \d+ characters of JSON \(at most 10000\)/);
		expect(t.sb.log).toHaveLength(0);
	});
});
