// Payment > Create: customer checkout (payUrl), mandate and vault charges (seed 001), idempotency,
// money and input rules, CCV's errors.
import type { IDataObject } from 'n8n-workflow';
import type { RunNodeOptions } from '../../../../helpers/engine';
import { useSandbox } from '../sandboxRun';


const t = useSandbox();

const RETURN_URL = 'https://shop.example/return?order=123';

function pay(parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) {
	const { items, ...rest } = extra;
	return t.run(
		{
			resource: 'payment',
			operation: 'create',
			amount: '19.99',
			currency: 'eur',
			method: 'card',
			returnUrl: RETURN_URL,
			options: {},
			...parameters,
			// Every payment needs an order reference or an own key (its identity); 'ORDER-DEFAULT' unless the test says.
			additionalFields: { merchantOrderReference: 'ORDER-DEFAULT', ...((parameters.additionalFields as IDataObject) ?? {}) },
		},
		items,
		rest,
	);
}

const posts = () => t.sb.log.filter((e) => e.method === 'POST');
const payments = () => t.sb.state.transactions().filter((tx) => tx.type === 'sale' || tx.type === 'authorise');

/** A successful first payment that obtained a mandate, as seed 001 describes. */
async function activeMandate(): Promise<string> {
	const first = await pay({ additionalFields: { obtainMandate: true, merchantOrderReference: 'SIGNUP' } });
	t.sb.settle(first.items[0].json.reference as string, 'success');
	return (first.items[0].json.details as IDataObject).mandateId as string;
}

describe('Payment > Create: customer pays on CCV\'s page', () => {
	it('sends exactly the fields given, lower-cases the currency, and outputs the payUrl', async () => {
		const { items, error } = await pay({
			currency: 'EUR',
			additionalFields: {
				description: 'Order 123',
				merchantOrderReference: '123',
				language: 'nld',
				webhookUrl: 'https://shop.example/hook',
				transactionType: 'authorise',
				metadata: 'shop:1',
				brand: 'visa',
			},
		});
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const [sent] = posts();
		expect(sent.path).toBe('/api/v1/payment');
		expect(sent.body).toEqual({
			amount: '19.99',
			currency: 'eur',
			method: 'card',
			returnUrl: RETURN_URL,
			description: 'Order 123',
			merchantOrderReference: '123',
			language: 'nld',
			webhookUrl: 'https://shop.example/hook',
			transactionType: 'authorise',
			metadata: 'shop:1',
			brand: 'visa',
		});
		expect(sent.headers['idempotency-reference']).toMatch(/^n8n-payment-[0-9a-f]{38}$/);
		expect(items[0].json).toMatchObject({
			idempotencyReference: sent.headers['idempotency-reference'],
			replayed: false,
			status: expect.stringMatching(/^pending$/i),
			type: 'authorise',
			amount: 19.99,
			payUrl: expect.stringContaining('/_sandbox/pay?reference='),
		});
	});

	it('Obtain Mandate and Store In Vault are sent as CCV\'s "yes"', async () => {
		const { items } = await pay({ method: 'card', additionalFields: { obtainMandate: true, storeInVault: true } });
		expect(posts()[0].body).toMatchObject({ obtainMandate: 'yes', storeInVault: 'yes' });
		const mandateId = (items[0].json.details as IDataObject).mandateId;
		expect(mandateId).toMatch(/^MAN/);
		t.sb.settle(items[0].json.reference as string, 'success');
		const stored = t.sb.state.transactions().find((tx) => tx.reference === items[0].json.reference);
		expect(stored?.details).toMatchObject({ vaultAccessToken: expect.any(String), initialTransactionId: expect.any(String) });
	});

	it('re-running the same item creates no second payment', async () => {
		const first = await pay({ additionalFields: { merchantOrderReference: 'A-1' } });
		const second = await pay({ additionalFields: { merchantOrderReference: 'A-1' } });
		expect(payments()).toHaveLength(1);
		expect(second.items[0].json.reference).toBe(first.items[0].json.reference);
	});

	it('an own Idempotency Key is sent as given', async () => {
		const ticket = 'ticket-123';
		await pay({ options: { idempotencyKey: ticket } });
		expect(posts()[0].headers['idempotency-reference']).toBe(ticket);
	});
});

describe('Payment > Create: merchant-initiated charges', () => {
	it('charges an active mandate: mandateId only, no return URL needed, paid at once', async () => {
		const mandateId = await activeMandate();
		t.sb.clearLog();
		const { items, error } = await pay({ paymentFlow: 'mandate', mandateId, amount: '250.00', returnUrl: '' });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({ amount: '250.00', currency: 'eur', method: 'card', mandateId, merchantOrderReference: 'ORDER-DEFAULT' });
		expect(items[0].json).toMatchObject({ status: expect.stringMatching(/^success$/i), amount: 250, details: { mandateId } });
	});

	it('charges a stored card with vault token, initial transaction ID and sequence info', async () => {
		const first = await pay({ additionalFields: { storeInVault: true, merchantOrderReference: 'STORE' } });
		t.sb.settle(first.items[0].json.reference as string, 'success');
		const stored = t.sb.state.transactions().find((tx) => tx.reference === first.items[0].json.reference);
		const { vaultAccessToken, initialTransactionId } = stored?.details as { vaultAccessToken: string; initialTransactionId: string };
		t.sb.clearLog();

		const { items, error } = await pay({
			paymentFlow: 'vault',
			amount: '5.00',
			vaultAccessToken,
			initialTransactionId,
			sequenceType: 'RECURRING',
			sequenceSource: 'MIT',
			returnUrl: '',
		});
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			merchantOrderReference: 'ORDER-DEFAULT',
			details: { vaultAccessToken, initialTransactionId },
			sequenceInfo: { type: 'RECURRING', mode: 'SUBSEQUENT', source: 'MIT' },
		});
		expect(items[0].json).toMatchObject({ status: expect.stringMatching(/^success$/i), amount: 5 });
	});

	it('a customer-initiated vault charge returns a payUrl for the customer to confirm', async () => {
		const first = await pay({ additionalFields: { storeInVault: true, merchantOrderReference: 'STORE' } });
		t.sb.settle(first.items[0].json.reference as string, 'success');
		const stored = t.sb.state.transactions().find((tx) => tx.reference === first.items[0].json.reference);
		const { vaultAccessToken, initialTransactionId } = stored?.details as { vaultAccessToken: string; initialTransactionId: string };
		const { items } = await pay({ paymentFlow: 'vault', vaultAccessToken, initialTransactionId, sequenceSource: 'CIT' });
		expect(items[0].json).toMatchObject({ status: expect.stringMatching(/^pending$/i), payUrl: expect.any(String) });
	});

	it('a mandate that is not active is refused by CCV, and the user reads why', async () => {
		const first = await pay({ additionalFields: { obtainMandate: true, merchantOrderReference: 'SIGNUP' } });
		const mandateId = (first.items[0].json.details as IDataObject).mandateId as string;
		const { error } = await pay({ paymentFlow: 'mandate', mandateId });
		expect(error?.message).toMatch(/^CCV refused the payment/);
		expect(error?.description).toContain(`Mandate ${mandateId} is not active`);
	});
});

describe('Payment > Create: CCV\'s errors', () => {
	it('unsupported_currency', async () => {
		const { error } = await pay({ currency: 'jpy' });
		expect(error?.message).toMatch(/^CCV refused the payment/);
		expect(error?.context?.ccvError).toMatchObject({ failureCode: expect.stringMatching(/^unsupported_currency$/i) });
	});

	it('unknown_reference for a mandate CCV does not know', async () => {
		const { error } = await pay({ paymentFlow: 'mandate', mandateId: 'MAN000000000000000DEADBEEF.0' });
		expect(error?.message).toMatch(/^CCV refused the payment/);
		expect(error?.context?.ccvError).toMatchObject({ failureCode: expect.stringMatching(/^unknown_reference$/i) });
	});
});

describe('Payment > Create: bad input is refused before sending', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['a currency that is not ISO 4217', { currency: 'euro' }, '"Currency" must be a 3-letter ISO 4217 currency code such as eur'],
		['a 2-letter language', { additionalFields: { language: 'nl' } }, '"Language" must be a 3-letter ISO 639-2 language code'],
		['three decimals', { amount: '0.001' }, '"Amount" "0.001" has more than 2 decimals'],
		['a float from an expression', { amount: '={{ 0.1 + 0.2 }}' }, '"Amount" "0.30000000000000004" has more than 2 decimals'],
		['a checkout without return URL', { returnUrl: '={{ "" }}' }, '"Return URL" is required'],
		['a mandate charge without mandate ID', { paymentFlow: 'mandate', mandateId: '={{ "" }}' }, '"Mandate ID" is required'],
		[
			'a vault charge without initial transaction ID',
			{ paymentFlow: 'vault', vaultAccessToken: 'TOKEN', initialTransactionId: '={{ "" }}', returnUrl: '' },
			'"Initial Transaction ID" is required',
		],
	];

	it.each(cases)('%s', async (_name, parameters, problem) => {
		const { error } = await pay(parameters);
		expect(error?.message).toContain(`Item 1 (index 0): ${problem}`);
		expect(t.sb.log).toHaveLength(0);
	});
});
