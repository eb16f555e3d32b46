// Refund > Create against the CCV sandbox in n8n's engine: exact requests, outputs, CCV's errors
// and input checks that name the item and the field.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunNodeOptions } from '../../../../helpers/engine';
import { useSandbox } from '../sandboxRun';


const t = useSandbox();

const DERIVED_REFUND_KEY = /^n8n-refund-[0-9a-f]{39}$/;

// A partial refund needs its own reference (issue 24): these tests give each item a ticket key
// unless they set a Merchant Order Reference or key themselves.
function withOwnReference(parameters: IDataObject): IDataObject {
	const fields = (parameters.additionalFields ?? {}) as IDataObject;
	const options = (parameters.options ?? {}) as IDataObject;
	if (parameters.amountToRefund === 'full' || fields.merchantOrderReference !== undefined || options.idempotencyKey !== undefined) return parameters;
	return { ...parameters, options: { ...options, idempotencyKey: '={{ "ticket-" + $itemIndex }}' } };
}

function refund(parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) {
	const { items, ...rest } = extra;
	return t.run(withOwnReference({ resource: 'refund', operation: 'create', additionalFields: {}, options: {}, ...parameters }) as INodeParameters, items, rest);
}

const refunds = () => t.sb.state.transactions().filter((tx) => tx.type === 'refund');
const posts = () => t.sb.log.filter((e) => e.method === 'POST');

describe('Refund > Create: the request', () => {
	it('sends the partial amount exactly as typed, with a derived Idempotency-Reference, and outputs the refund', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const { items, error } = await refund({
			paymentReference: payment.reference,
			amount: '19.90',
			additionalFields: {
				description: 'Ticket 4821: broken lamp',
				merchantOrderReference: 'ORDER-77',
				webhookUrl: 'https://shop.example/ccv-hook',
			},
		});
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const [sent] = posts();
		expect(sent.path).toBe('/api/v1/refund');
		expect(sent.body).toEqual({
			reference: payment.reference,
			amount: '19.90',
			description: 'Ticket 4821: broken lamp',
			merchantOrderReference: 'ORDER-77',
			webhookUrl: 'https://shop.example/ccv-hook',
		});
		expect(sent.headers['idempotency-reference']).toMatch(DERIVED_REFUND_KEY);
		expect(sent.headers['content-type']).toBe('application/json');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			type: 'refund',
			status: expect.stringMatching(/^pending$/i),
			amount: 19.9,
			currency: 'eur',
			originalReference: payment.reference,
			description: 'Ticket 4821: broken lamp',
		});
		expect(items[0].json.reference).toBe(refunds()[0].reference);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('refunds the full payment with Amount to Refund "Full Amount": no amount is sent', async () => {
		const payment = t.sb.addPayment({ amount: '42.15' });
		const { items, error } = await refund({ paymentReference: payment.reference, amountToRefund: 'full' });
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({ reference: payment.reference });
		expect(items[0].json).toMatchObject({ type: 'refund', amount: 42.15 });
	});

	it('takes amounts from expressions, as numbers or text, without changing a digit', async () => {
		const payment = t.sb.addPayment({ amount: '500.00' });
		const { items, error } = await refund({
			paymentReference: payment.reference,
			amount: '={{ $json.amount }}',
			additionalFields: {},
		}, { items: [{ amount: 19.99 }, { amount: '0.10' }, { amount: 100 }] });
		expect(error).toBeUndefined();
		expect(posts().map((e) => (e.body as IDataObject).amount)).toEqual(['19.99', '0.10', '100']);
		expect(items.map((i) => i.json.amount)).toEqual([19.99, 0.1, 100]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('sends terminal details, upper-casing the merchant language, and the return URL', async () => {
		const payment = t.sb.addPayment({ amount: '30.00', method: 'terminal' });
		const { items, error } = await refund({
			paymentReference: payment.reference,
			amount: '30.00',
			methodDetails: 'terminal',
			terminalId: '1234536',
			managementSystemId: '000103030',
			accessProtocol: 'OPI_NL',
			operatingEnvironment: 'ATTENDED',
			merchantLanguage: 'nld',
			additionalFields: { returnUrl: 'https://pos.example/done' },
		});
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({
			reference: payment.reference,
			amount: '30.00',
			// A partial refund's own key doubles as its Merchant Order Reference (issue 24 row 13).
			merchantOrderReference: 'ticket-0',
			returnUrl: 'https://pos.example/done',
			details: {
				terminalId: '1234536',
				managementSystemId: '000103030',
				accessProtocol: 'OPI_NL',
				operatingEnvironment: 'ATTENDED',
				merchantLanguage: 'NLD',
			},
		});
		expect(items[0].json).toMatchObject({ type: 'refund', method: 'terminal', payUrl: expect.any(String) });
	});

	it('leaves the operating environment out when CCV\'s default is chosen', async () => {
		const payment = t.sb.addPayment({ method: 'terminal' });
		await refund({
			paymentReference: payment.reference,
			amountToRefund: 'full',
			methodDetails: 'terminal',
			terminalId: 'T1',
			managementSystemId: 'M1',
			accessProtocol: 'OPI_NL',
			operatingEnvironment: 'default',
		});
		expect((posts()[0].body as IDataObject).details).toEqual({ terminalId: 'T1', managementSystemId: 'M1', accessProtocol: 'OPI_NL' });
	});

	it('sends SoftPOS details always (004:514), their fields only when set: card present as "true"/"false" (seed 004\'s example)', async () => {
		const first = t.sb.addPayment({ method: 'softpos' });
		const second = t.sb.addPayment({ method: 'softpos' });
		const a = await refund({ paymentReference: first.reference, amountToRefund: 'full', methodDetails: 'softpos', softposTerminalId: 'SP01', cardPresent: 'no' });
		const b = await refund({ paymentReference: second.reference, amountToRefund: 'full', methodDetails: 'softpos', cardPresent: 'default' });
		expect(a.error).toBeUndefined();
		expect(b.error).toBeUndefined();
		expect(posts().map((e) => (e.body as IDataObject).details)).toEqual([{ terminalId: 'SP01', cardPresent: 'false' }, {}]);
	});

	it('sends payout instructions with exact amounts, and raw notification requests', async () => {
		const payment = t.sb.addPayment({
			amount: '10.00',
			payoutInstructions: [
				{ externalReference: 'sub-1', amount: 6 },
				{ externalReference: 'sub-2', amount: 4 },
			],
		});
		const notificationRequests = { url: 'https://shop.example/notify', events: ['StatusChanged'] };
		const { items, error } = await refund({
			paymentReference: payment.reference,
			amount: '7.50',
			additionalFields: {
				payoutInstructions: {
					instruction: [
						{ externalReference: 'sub-1', amount: '5.25' },
						{ externalReference: 'sub-2', amount: '2.25' },
					],
				},
				notificationRequests: JSON.stringify(notificationRequests),
			},
		});
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({
			reference: payment.reference,
			amount: '7.50',
			merchantOrderReference: 'ticket-0',
			payoutInstructions: [
				{ externalReference: 'sub-1', amount: '5.25' },
				{ externalReference: 'sub-2', amount: '2.25' },
			],
			notificationRequests,
		});
		expect(items[0].json.payoutInstructions).toEqual([
			{ externalReference: 'sub-1', amount: 5.25 },
			{ externalReference: 'sub-2', amount: 2.25 },
		]);
	});

	it('Dry Run shows the request with its Idempotency-Reference and sends nothing', async () => {
		const payment = t.sb.addPayment();
		const { items } = await refund({ paymentReference: payment.reference, amount: '1.00', additionalFields: { merchantOrderReference: 'RMA-1' }, options: { dryRun: true } });
		expect(t.sb.log).toHaveLength(0);
		expect(items[0].json).toEqual({
			action: 'refund',
			dryRun: true,
			request: {
				method: 'POST',
				path: '/api/v1/refund',
				body: { reference: payment.reference, amount: '1.00', merchantOrderReference: 'RMA-1' },
				headers: { 'Idempotency-Reference': expect.stringMatching(DERIVED_REFUND_KEY) },
			},
			idempotencyReference: expect.stringMatching(DERIVED_REFUND_KEY),
		});
	});
});

describe('Refund > Create: CCV\'s errors reach the user intact and explained', () => {
	it('refund_limit: more than 120% of the payment', async () => {
		const payment = t.sb.addPayment({ amount: '10.00' });
		// The node's own check (what is left of the payment) is switched off, so CCV's answer shows.
		const { error, items } = await refund({ paymentReference: payment.reference, amount: '12.01', options: { idempotencyKey: 'ticket-0', allowAboveRemaining: true } });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/^CCV refused the refund/);
		expect(error?.context?.ccvError).toMatchObject({ failureCode: expect.stringMatching(/^refund_limit$/i) });
		expect(error?.description).toContain('DENIED for originalReferenceId');
		expect(error?.description).toContain('Failure code refund_limit: The refund limit for this payment is reached');
		expect(error?.description).toMatch(/CCV support reference: [0-9a-f]{8}\./);
		expect(refunds()).toHaveLength(0);
	});

	it('unknown_reference: a payment CCV does not know', async () => {
		const { error } = await refund({ paymentReference: 'C000000000000000DEADBEEF.X', amountToRefund: 'full' });
		// The node reads the payment before refunding (issue 24, 28 #11/#12): CCV's refusal of that read.
		expect(error?.message).toMatch(/^CCV refused the request: the reference is not known at CCV/);
		expect(t.sb.log.filter((e) => e.method === 'POST')).toHaveLength(0);
		expect(error?.description).toContain('Failure code unknown_reference: CCV does not know this reference');
	});

	it('with Continue On Fail the item outputs CCV\'s whole error object next to the explanation', async () => {
		const payment = t.sb.addPayment({ amount: '10.00' });
		const { items, error } = await refund(
			{ paymentReference: '={{ $json.ref }}', amount: '={{ $json.amount }}', options: { idempotencyKey: '={{ "ticket-" + $itemIndex }}', allowAboveRemaining: true } },
			{ items: [{ ref: payment.reference, amount: '4.00' }, { ref: payment.reference, amount: '9.00' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ type: 'refund', amount: 4 });
		expect(items[1].json).toMatchObject({
			error: expect.stringMatching(/^CCV refused the refund/),
			httpCode: '400',
			ccvError: { type: 'process_error', failureCode: expect.stringMatching(/^refund_limit$/i), reference: expect.any(String) },
		});
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	it('CCV\'s input errors name CCV\'s field (the original payment needs payout instructions)', async () => {
		const payment = t.sb.addPayment({ amount: '10.00', payoutInstructions: [{ externalReference: 'sub-1', amount: 10 }] });
		const { error } = await refund({ paymentReference: payment.reference, amount: '5.00' });
		expect(error?.message).toMatch(/field "payoutInstructions"/);
		expect(error?.description).toContain('Field "payoutInstructions": required: the original payment has payout instructions.');
	});
});

describe('Refund > Create: bad input is refused before sending, naming item and field', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['three decimals', { amount: '19.999' }, '"Amount" "19.999" has more than 2 decimals'],
		['a decimal comma', { amount: '19,99' }, '"Amount" "19,99" uses a comma: write the decimals with a dot, e.g. 19.99'],
		['a negative amount', { amount: '-5' }, '"Amount" "-5" is not an amount such as 19.99'],
		['zero', { amount: '0.00' }, '"Amount" must be more than 0'],
		['13 digits', { amount: '12345678901.23' }, '"Amount" "12345678901.23" has more than 12 digits'],
		['an empty payment reference from an expression', { paymentReference: '={{ $json.missing ?? "" }}' }, '"Payment Reference" is required'],
		['a webhook without https', { additionalFields: { webhookUrl: 'shop.example/hook' } }, '"Webhook URL" must be a web address starting with https://'],
		['a webhook with http://', { additionalFields: { webhookUrl: 'http://shop.example/hook' } }, '"Webhook URL" must be a web address starting with https:// (CCV calls HTTPS only)'],
		['notification requests that are not JSON', { additionalFields: { notificationRequests: '{url: x}' } }, '"Notification Requests" is not valid JSON'],
		[
			'an attended terminal without merchant language',
			{ methodDetails: 'terminal', terminalId: 'T', managementSystemId: 'M', accessProtocol: 'P', operatingEnvironment: 'ATTENDED', merchantLanguage: '={{ $json.missing ?? "" }}' },
			'"Merchant Language" is required when the Operating Environment is Attended',
		],
		[
			'a terminal ID longer than 50',
			{ methodDetails: 'terminal', terminalId: 'T'.repeat(51), managementSystemId: 'M', accessProtocol: 'P' },
			'"Terminal ID" must be at most 50 characters',
		],
		[
			'payout instructions that do not add up',
			{ amount: '10.00', additionalFields: { payoutInstructions: { instruction: [{ externalReference: 'a', amount: '6.00' }, { externalReference: 'b', amount: '3.99' }] } } },
			'"Payout Instructions" add up to 9.99, but the refund Amount is 10.00: CCV requires them to match',
		],
		[
			'a payout instruction without amount',
			{ amount: '10.00', additionalFields: { payoutInstructions: { instruction: [{ externalReference: 'a', amount: '' }] } } },
			'"Payout Instructions (entry 1) Amount" must be an amount such as 19.99',
		],
		['an idempotency key over 50 characters', { options: { idempotencyKey: 'k'.repeat(51) } }, '"Idempotency Key" must be at most 50 characters (it has 51)'],
		['an idempotency key with accents', { options: { idempotencyKey: 'ticket-é' } }, '"Idempotency Key" may only hold letters, digits, spaces and common punctuation'],
	];

	it.each(cases)('%s', async (_name, parameters, problem) => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const { error } = await refund({ paymentReference: payment.reference, amount: '1.00', ...parameters });
		expect(error?.message).toContain(`Item 1 (index 0): ${problem}`);
		expect(error?.description).toMatch(/^Nothing was sent to CCV/);
		expect(t.sb.log).toHaveLength(0);
	});

	it('names the failing item; with Continue On Fail the good items are still refunded', async () => {
		const payment = t.sb.addPayment({ amount: '50.00' });
		const { items } = await refund(
			{ paymentReference: payment.reference, amount: '={{ $json.amount }}' },
			{ items: [{ amount: '1.00' }, { amount: '2.345' }, { amount: '3.00' }], continueOnFail: true },
		);
		expect(items.map((i) => i.json.amount ?? i.json.error)).toEqual([1, 'Item 2 (index 1): "Amount" "2.345" has more than 2 decimals', 3]);
		expect(posts()).toHaveLength(2);
		expect(refunds()).toHaveLength(2);
	});
});
