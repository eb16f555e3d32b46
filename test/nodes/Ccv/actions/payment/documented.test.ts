// Payment > Create and Capture against CCV's documentation (issue 15 #11, #9, issue 19 #11, issue 28
// #1, #2, #8): sequenceInfo only as the pages show it (mode SUBSEQUENT), initialTransactionId in
// details as both request examples put it, Return URL for customer-initiated stored-card charges
// only, HTTPS webhooks, Klarna order lines optional, and a Dry Run that never prints the Vault
// Access Token.
import type { IDataObject } from 'n8n-workflow';

import { description as paymentDescription } from '../../../../../nodes/Ccv/actions/payment';
import { useSandbox } from '../sandboxRun';

const t = useSandbox();

const RETURN_URL = 'https://shop.example/return?order=123';

function pay(parameters: IDataObject) {
	return t.run({
		resource: 'payment',
		operation: 'create',
		amount: '5.00',
		currency: 'eur',
		method: 'card',
		returnUrl: RETURN_URL,
		options: {},
		...parameters,
		additionalFields: { merchantOrderReference: 'ORDER-1', ...((parameters.additionalFields as IDataObject) ?? {}) },
	});
}

const posts = (path = '/api/v1/payment') => t.sb.log.filter((e) => e.method === 'POST' && e.path === path);

async function storedCard(): Promise<{ vaultAccessToken: string; initialTransactionId: string }> {
	const first = await pay({ additionalFields: { storeInVault: true, merchantOrderReference: 'STORE-1' } });
	t.sb.settle(first.items[0].json.reference as string, 'success');
	const stored = t.sb.state.transactions().find((tx) => tx.reference === first.items[0].json.reference);
	t.sb.clearLog();
	return stored?.details as { vaultAccessToken: string; initialTransactionId: string };
}

describe('sequenceInfo (seed 001)', () => {
	it('a mandate charge can carry sequenceInfo', async () => {
		const first = await pay({ additionalFields: { obtainMandate: true, merchantOrderReference: 'SIGNUP' } });
		t.sb.settle(first.items[0].json.reference as string, 'success');
		const mandateId = (first.items[0].json.details as IDataObject).mandateId as string;
		t.sb.clearLog();
		const { error } = await pay({ paymentFlow: 'mandate', mandateId, returnUrl: '', sequenceType: 'RECURRING', sequenceSource: 'MIT', additionalFields: { merchantOrderReference: 'SUB-2026-03' } });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ mandateId, sequenceInfo: { type: 'RECURRING', mode: 'SUBSEQUENT', source: 'MIT' } });
	});

	// Issue 28 #2: no page shows mode INITIAL or source CIT on a first payment; seed 001's obtainMandate
	// example (../shared/seeds/001_f85e87fe5418878a.txt:41-55) sends none, nor do CCV's plugins (PLUGINS.md).
	it('a first payment that obtains a mandate sends no sequenceInfo, as seed 001:41-55 shows (issue 28 #2)', async () => {
		const { error } = await pay({ additionalFields: { obtainMandate: true, storeInVault: true, firstSequenceType: 'RECURRING' } });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ obtainMandate: 'yes', storeInVault: 'yes' });
		expect(posts()[0].body).not.toHaveProperty('sequenceInfo');
	});

	it('Payment > Create offers no "Sequence Type (First Payment)" field and sends mode only as SUBSEQUENT (001:237, 282, 314, 325)', () => {
		expect(JSON.stringify(paymentDescription)).not.toContain('firstSequenceType');
		expect(JSON.stringify(paymentDescription)).not.toContain('INITIAL');
	});

	// Issue 28 #1: both request examples (001:231-234, 276-279) and every answer put it in details.
	it('a stored-card charge passes initialTransactionId in details, as both request examples do (001:231-234, 276-279; issue 28 #1)', async () => {
		const { vaultAccessToken, initialTransactionId } = await storedCard();
		const { error } = await pay({ paymentFlow: 'vault', vaultAccessToken, initialTransactionId, sequenceType: 'RECURRING', sequenceSource: 'MIT', returnUrl: '' });
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(posts()[0].body).toMatchObject({
			details: { vaultAccessToken, initialTransactionId },
			sequenceInfo: { type: 'RECURRING', mode: 'SUBSEQUENT', source: 'MIT' },
		});
		expect((posts()[0].body as { sequenceInfo: IDataObject }).sequenceInfo).not.toHaveProperty('initialTransactionId');
	});

	it('a customer-initiated stored-card charge without Return URL is refused (the customer confirms on the payUrl, 001:258)', async () => {
		const { error } = await pay({ paymentFlow: 'vault', vaultAccessToken: 'TOKEN', initialTransactionId: 'ITX', sequenceSource: 'CIT', returnUrl: '' });
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Return URL" is required/);
		expect(t.sb.log).toHaveLength(0);
	});

	// Issue 28 #8: a mandate payment runs "immediately without user interaction" (001:86).
	it('a mandate charge Initiated By Customer needs no Return URL and is paid at once (001:86; issue 28 #8)', async () => {
		const first = await pay({ additionalFields: { obtainMandate: true, merchantOrderReference: 'SIGNUP-CIT' } });
		t.sb.settle(first.items[0].json.reference as string, 'success');
		const mandateId = (first.items[0].json.details as IDataObject).mandateId as string;
		t.sb.clearLog();
		const { items, error } = await pay({ paymentFlow: 'mandate', mandateId, returnUrl: '', sequenceType: 'UNSCHEDULED', sequenceSource: 'CIT', additionalFields: { merchantOrderReference: 'TOPUP-1' } });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ mandateId, sequenceInfo: { type: 'UNSCHEDULED', mode: 'SUBSEQUENT', source: 'CIT' } });
		expect(posts()[0].body).not.toHaveProperty('returnUrl');
		expect(items[0].json).toMatchObject({ status: 'success' });
	});

	it('the mandate flow\'s texts no longer say the customer may have to confirm (001:86; issue 28 #8)', () => {
		const mandateFields = paymentDescription.filter((p) => JSON.stringify(p.displayOptions ?? {}).includes('"mandate"'));
		const texts = JSON.stringify(mandateFields.filter((p) => p.name === 'sequenceSource'));
		expect(texts).not.toMatch(/confirm|Return URL/);
		const returnUrl = paymentDescription.find((p) => p.name === 'returnUrl' && JSON.stringify(p.displayOptions).includes('"mandate"'));
		expect(returnUrl?.description).not.toMatch(/Required when Initiated By is Customer;/);
	});
});

describe('URLs, Klarna, Dry Run, choices', () => {
	it('a Webhook URL with http:// is refused', async () => {
		const { error } = await pay({ additionalFields: { webhookUrl: 'http://shop.example/hook' } });
		expect(error?.message).toBe('Item 1 (index 0): "Webhook URL" must be a web address starting with https:// (CCV calls HTTPS only)');
		expect(t.sb.log).toHaveLength(0);
	});

	// Issue 28 #2: no page requires order lines for a Klarna payment.
	it('a Klarna payment without Order Lines is sent (no page requires them; issue 28 #2), and Order Lines go as given', async () => {
		const missing = await pay({ method: 'klarna', additionalFields: { merchantOrderReference: 'KLARNA-0' } });
		expect(missing.error).toBeUndefined();
		expect(posts()[0].body).not.toHaveProperty('orderLines');
		t.sb.clearLog();
		const orderLines = [{ type: 'PHYSICAL', name: 'Lamp', quantity: 1, unitPrice: '5.00', totalAmount: '5.00' }];
		const { error } = await pay({ method: 'klarna', additionalFields: { orderLines: JSON.stringify(orderLines) } });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ method: 'klarna', orderLines });
	});

	it('a capture can carry Order Lines', async () => {
		const auth = t.sb.addPayment({ type: 'authorise', amount: '30.00', method: 'klarna' });
		const orderLines = [{ name: 'Lamp', quantity: 1, totalAmount: '30.00' }];
		const { error } = await t.run({ resource: 'payment', operation: 'capture', paymentReference: auth.reference, amountToCapture: 'full', additionalFields: { orderLines: JSON.stringify(orderLines) }, options: {} });
		expect(error).toBeUndefined();
		expect(posts('/api/v1/capture')[0].body).toEqual({ reference: auth.reference, orderLines });
	});

	it('Dry Run masks the Vault Access Token', async () => {
		const storedCardToken = ['5C810B0AD0B1', 'BC0926EBEA53'].join('');
		const { items } = await pay({ paymentFlow: 'vault', vaultAccessToken: storedCardToken, initialTransactionId: 'ITX', returnUrl: '', options: { dryRun: true } });
		expect(t.sb.log).toHaveLength(0);
		expect(JSON.stringify(items[0].json)).not.toContain(storedCardToken);
		expect((items[0].json.request as { body: { details: IDataObject } }).body.details.vaultAccessToken).toBe('****EA53');
	});

	it('Method, Brand and Issuer are dropdowns loaded from CCV (Payment Method resource), with the n8n names for it', () => {
		const create = paymentDescription.filter((p) => JSON.stringify(p.displayOptions).includes('"create"'));
		const method = create.find((p) => p.name === 'method');
		expect(method).toMatchObject({ displayName: 'Method Name or ID', type: 'options', default: 'card', typeOptions: { loadOptionsMethod: 'getPaymentMethods' } });
		const extra = create.find((p) => p.name === 'additionalFields')?.options as Array<{ name: string }> | undefined;
		expect(extra?.find((o) => o.name === 'brand')).toMatchObject({ displayName: 'Brand Name or ID', type: 'options', typeOptions: { loadOptionsMethod: 'getCardBrands' } });
		expect(extra?.find((o) => o.name === 'issuer')).toMatchObject({ displayName: 'Issuer Name or ID', type: 'options', typeOptions: { loadOptionsMethod: 'getIdealIssuers' } });
	});

	it('a method CCV lists that the node has no fixed name for is sent as chosen; an expression\'s case does not matter', async () => {
		const listed = await pay({ method: 'terminal', additionalFields: { merchantOrderReference: 'ORDER-TERMINAL' } });
		expect(listed.error).toBeUndefined();
		const typed = await pay({ method: '={{ " iDEAL " }}', additionalFields: { merchantOrderReference: 'ORDER-IDEAL' } });
		expect(typed.error).toBeUndefined();
		expect(posts().map((p) => (p.body as IDataObject).method)).toEqual(['terminal', 'ideal']);
	});

	it('a misspelt method CCV does not offer reaches CCV, whose refusal names the field; nothing is created', async () => {
		const { error } = await pay({ method: '={{ "idael" }}' });
		expect(error?.message).toMatch(/^CCV refused the payment/);
		expect(JSON.stringify(error?.context?.ccvError)).toContain('method');
		expect(t.sb.state.transactions().filter((x) => x.method === 'idael')).toHaveLength(0);
	});

	it('a Method from an expression that is no method name is refused before sending', async () => {
		const { error } = await pay({ method: '={{ "card; visa" }}' });
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Method Name or ID" must be a payment method name such as card, ideal or landingpage/);
		expect(t.sb.log).toHaveLength(0);
	});

	it('Payment Create\'s Idempotency Key tooltip talks about payments, not refunds', () => {
		const options = paymentDescription.find((p) => p.name === 'options' && JSON.stringify(p.displayOptions).includes('"create"'));
		const key = options?.options?.find((o) => o.name === 'idempotencyKey') as { description?: string } | undefined;
		expect(key?.description).toContain('payment');
		expect(key?.description).not.toMatch(/refund/i);
	});
});
