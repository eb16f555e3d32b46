// Catalogue of bad inputs for Refund > Create, Payment > Create, Capture and Reversal: each is
// refused before anything is sent (the sandbox sees no request), with a message that names the item
// and the field as the editor shows it. One row per input; add rows, not tests.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useSandbox } from '../actions/sandboxRun';

const t = useSandbox();

type Operation = 'refund' | 'payment' | 'capture' | 'reversal';

const BASE: Record<Operation, IDataObject> = {
	refund: {
		resource: 'refund',
		operation: 'create',
		paymentReference: 'C250324145223810CB87E194.Y',
		amountToRefund: 'partial',
		amount: '5.00',
		methodDetails: 'none',
	},
	payment: {
		resource: 'payment',
		operation: 'create',
		amount: '19.99',
		currency: 'eur',
		method: 'card',
		paymentFlow: 'checkout',
		returnUrl: 'https://shop.example/return',
	},
	capture: {
		resource: 'payment',
		operation: 'capture',
		paymentReference: 'A250324145223810CB87E194.Y',
		amountToCapture: 'partial',
		amount: '10.00',
	},
	reversal: { resource: 'payment', operation: 'reversal', paymentReference: 'A250324145223810CB87E194.Y' },
};

const ORDER = { merchantOrderReference: 'ORDER-1' };
const TERMINAL = { methodDetails: 'terminal', terminalId: 'T1', managementSystemId: 'M1', accessProtocol: 'OPI_NL' };
const VAULT = { paymentFlow: 'vault', vaultAccessToken: 'TOKEN123', initialTransactionId: 'ITX1', returnUrl: '' };
const big = (n: number) => JSON.stringify({ url: `https://shop.example/${'x'.repeat(n)}` });

/** [operation, what is wrong, parameters over BASE (additionalFields/options merged), field label, the rest of the message]. */
const CASES: Array<[Operation, string, IDataObject, string, string]> = [
	// Refund > Create
	['refund', 'empty payment reference', { paymentReference: '={{ "" }}' }, 'Payment Reference', 'is required'],
	['refund', 'payment reference of 256 characters', { paymentReference: 'P'.repeat(256) }, 'Payment Reference', 'must be at most 255 characters'],
	['refund', 'payment reference with a line break', { paymentReference: '={{ "C1\\nX" }}' }, 'Payment Reference', 'must not contain control characters'],
	['refund', 'partial amount missing from the item', { amount: '={{ $json.nothing }}' }, 'Amount', 'is required when "Amount to Refund" is Partial Amount'],
	['refund', 'partial amount null', { amount: '={{ null }}' }, 'Amount', 'is required when "Amount to Refund" is Partial Amount'],
	['refund', 'partial amount blank', { amount: '={{ "   " }}' }, 'Amount', 'is required when "Amount to Refund" is Partial Amount'],
	['refund', 'three decimals', { amount: '19.999' }, 'Amount', '"19.999" has more than 2 decimals'],
	['refund', 'decimal comma', { amount: '19,99' }, 'Amount', '"19,99" uses a comma'],
	['refund', 'negative amount', { amount: '-5' }, 'Amount', 'is not an amount such as 19.99'],
	['refund', 'zero', { amount: '0.00' }, 'Amount', 'must be more than 0'],
	['refund', '13 digits', { amount: '12345678901.23' }, 'Amount', 'has more than 12 digits'],
	['refund', 'a float from an expression', { amount: '={{ 0.1 + 0.2 }}' }, 'Amount', 'has more than 2 decimals'],
	['refund', 'amount with a currency sign', { amount: '€5' }, 'Amount', 'is not an amount such as 19.99'],
	['refund', 'amount as an object', { amount: '={{ { value: 5 } }}' }, 'Amount', 'must be an amount such as 19.99'],
	['refund', 'Amount to Refund neither choice', { amountToRefund: '={{ "all" }}' }, 'Amount to Refund', 'must be one of: full, partial (it is "all")'],
	['refund', 'Amount to Refund as true', { amountToRefund: '={{ true }}' }, 'Amount to Refund', 'must be one of: full, partial (it is true)'],
	['refund', 'method details misspelt', { methodDetails: 'termnal' }, 'Payment Method Details', 'must be one of: none, softpos, terminal (it is "termnal")'],
	['refund', 'terminal without terminal ID', { ...TERMINAL, terminalId: '={{ "" }}' }, 'Terminal ID', 'is required'],
	['refund', 'terminal ID of 51', { ...TERMINAL, terminalId: 'T'.repeat(51) }, 'Terminal ID', 'must be at most 50 characters'],
	['refund', 'management system ID of 51', { ...TERMINAL, managementSystemId: 'M'.repeat(51) }, 'Management System ID', 'must be at most 50 characters'],
	['refund', 'terminal without access protocol', { ...TERMINAL, accessProtocol: '={{ "" }}' }, 'Access Protocol', 'is required'],
	['refund', 'access protocol of 21', { ...TERMINAL, accessProtocol: 'P'.repeat(21) }, 'Access Protocol', 'must be at most 20 characters'],
	['refund', 'operating environment lower case', { ...TERMINAL, operatingEnvironment: 'attended' }, 'Operating Environment', 'must be one of: ATTENDED, default, SEMI_UNATTENDED (it is "attended")'],
	['refund', 'attended without merchant language', { ...TERMINAL, operatingEnvironment: 'ATTENDED', merchantLanguage: '={{ "" }}' }, 'Merchant Language', 'is required when the Operating Environment is Attended'],
	['refund', 'merchant language of 2 letters', { ...TERMINAL, operatingEnvironment: 'ATTENDED', merchantLanguage: 'NL' }, 'Merchant Language', 'must be a 3-letter ISO 639-2 language code'],
	['refund', 'card present true', { methodDetails: 'softpos', cardPresent: '={{ true }}' }, 'Card Present', 'must be one of: default, no, yes (it is true)'],
	['refund', 'card present "Yes"', { methodDetails: 'softpos', cardPresent: 'Yes' }, 'Card Present', 'must be one of: default, no, yes (it is "Yes")'],
	['refund', 'card present "false"', { methodDetails: 'softpos', cardPresent: 'false' }, 'Card Present', 'must be one of: default, no, yes (it is "false")'],
	['refund', 'SoftPOS terminal ID of 21', { methodDetails: 'softpos', softposTerminalId: 'S'.repeat(21) }, 'Terminal ID', 'must be at most 20 characters'],
	['refund', 'description of 256', { additionalFields: { description: 'd'.repeat(256) } }, 'Description', 'must be at most 255 characters'],
	['refund', 'merchant order reference of 256', { additionalFields: { merchantOrderReference: 'o'.repeat(256) } }, 'Merchant Order Reference', 'must be at most 255 characters'],
	['refund', 'webhook with http://', { additionalFields: { webhookUrl: 'http://shop.example/hook' } }, 'Webhook URL', 'must be a web address starting with https:// (CCV calls HTTPS only)'],
	['refund', 'webhook without scheme', { additionalFields: { webhookUrl: 'shop.example/hook' } }, 'Webhook URL', 'must be a web address starting with https://'],
	['refund', 'webhook of 2001', { additionalFields: { webhookUrl: `https://x.example/${'w'.repeat(1990)}` } }, 'Webhook URL', 'must be at most 2000 characters'],
	['refund', 'return URL without scheme', { ...TERMINAL, additionalFields: { returnUrl: 'done' } }, 'Return URL (Terminal Only)', 'must be an address with a scheme'],
	['refund', 'return URL javascript:', { ...TERMINAL, additionalFields: { returnUrl: 'javascript:alert(1)' } }, 'Return URL (Terminal Only)', 'must not be a javascript:'],
	['refund', 'notification requests not JSON', { additionalFields: { notificationRequests: '{url: x}' } }, 'Notification Requests', 'is not valid JSON'],
	['refund', 'notification requests a list', { additionalFields: { notificationRequests: '[{"url":"https://x.example"}]' } }, 'Notification Requests', 'must be a JSON object'],
	['refund', 'notification requests a number', { additionalFields: { notificationRequests: '42' } }, 'Notification Requests', 'must be a JSON object'],
	['refund', 'notification requests of 10 kB', { additionalFields: { notificationRequests: big(10_000) } }, 'Notification Requests', 'is too large'],
	['refund', 'payout instructions not adding up', { amount: '10.00', additionalFields: { payoutInstructions: { instruction: [{ externalReference: 'a', amount: '6.00' }, { externalReference: 'b', amount: '3.99' }] } } }, 'Payout Instructions', 'add up to 9.99'],
	['refund', 'payout instruction without amount', { amount: '10.00', additionalFields: { payoutInstructions: { instruction: [{ externalReference: 'a', amount: '' }] } } }, 'Payout Instructions (entry 1) Amount', 'must be an amount such as 19.99'],
	['refund', 'payout instruction reference of 256', { amount: '10.00', additionalFields: { payoutInstructions: { instruction: [{ externalReference: 'r'.repeat(256), amount: '10.00' }] } } }, 'Payout Instructions (entry 1) External Reference', 'must be at most 255 characters'],
	['refund', 'idempotency key of 51', { options: { idempotencyKey: 'k'.repeat(51) } }, 'Idempotency Key', 'must be at most 50 characters (it has 51)'],
	['refund', 'idempotency key with accents', { options: { idempotencyKey: 'ticket-é' } }, 'Idempotency Key', 'may only hold letters, digits, spaces and common punctuation'],
	['refund', 'Dry Run as the text "true"', { options: { dryRun: '={{ "true" }}' } }, 'Dry Run', 'must be true or false (it is "true")'],
	['refund', 'idempotency key with a line break', { options: { idempotencyKey: '={{ "a\\nb" }}' } }, 'Idempotency Key', 'may only hold letters, digits, spaces and common punctuation'],

	// Payment > Create
	['payment', 'no order reference and no key', { additionalFields: { merchantOrderReference: '' } }, 'Merchant Order Reference', 'is required (or set an Idempotency Key)'],
	['payment', 'a mandate charge without order reference', { paymentFlow: 'mandate', mandateId: 'MAN1', returnUrl: '', additionalFields: { merchantOrderReference: '={{ $json.period }}', description: 'Monthly subscription' } }, 'Merchant Order Reference', 'is required (or set an Idempotency Key)'],
	['payment', 'empty amount', { amount: '={{ "" }}' }, 'Amount', 'is empty'],
	['payment', 'three decimals', { amount: '0.001' }, 'Amount', 'has more than 2 decimals'],
	['payment', 'currency of 4 letters', { currency: 'euro' }, 'Currency', 'must be a 3-letter ISO 4217 currency code'],
	['payment', 'currency with a digit', { currency: 'eu1' }, 'Currency', 'must be a 3-letter ISO 4217 currency code'],
	['payment', 'method that is no name', { method: '={{ "card visa" }}' }, 'Method Name or ID', 'must be a payment method name such as card, ideal or landingpage'],
	['payment', 'method empty', { method: '={{ "" }}' }, 'Method Name or ID', 'is required'],
	['payment', 'payment flow misspelt', { paymentFlow: '={{ "mandat" }}', mandateId: 'MAN1', vaultAccessToken: 'T', initialTransactionId: 'I' }, 'Payment Flow', 'must be one of: checkout, mandate, vault (it is "mandat")'],
	['payment', 'checkout without return URL', { returnUrl: '={{ "" }}' }, 'Return URL', 'is required'],
	['payment', 'return URL without scheme', { returnUrl: 'shop.example/return' }, 'Return URL', 'must be a web address starting with https://'],
	['payment', 'webhook with http://', { additionalFields: { webhookUrl: 'http://shop.example/hook' } }, 'Webhook URL', 'must be a web address starting with https:// (CCV calls HTTPS only)'],
	['payment', 'language of 2 letters', { additionalFields: { language: 'nl' } }, 'Language', 'must be a 3-letter ISO 639-2 language code'],
	['payment', 'transaction type misspelt', { additionalFields: { transactionType: 'authorize' } }, 'Transaction Type', 'must be sale or authorise'],
	['payment', 'metadata of 256', { additionalFields: { metadata: 'm'.repeat(256) } }, 'Metadata', 'must be at most 255 characters'],
	['payment', 'brand of 51', { additionalFields: { brand: 'b'.repeat(51) } }, 'Brand Name or ID', 'must be at most 50 characters'],
	['payment', 'order reference of 256', { additionalFields: { merchantOrderReference: 'o'.repeat(256) } }, 'Merchant Order Reference', 'must be at most 255 characters'],
	['payment', 'order lines not JSON', { method: 'klarna', additionalFields: { orderLines: '[{name: lamp}]' } }, 'Order Lines', 'is not valid JSON'],
	['payment', 'order lines a number', { additionalFields: { orderLines: '7' } }, 'Order Lines', 'must be a JSON object or list'],
	['payment', 'notification requests not JSON', { additionalFields: { notificationRequests: '{' } }, 'Notification Requests', 'is not valid JSON'],
	['payment', 'mandate charge without mandate ID', { paymentFlow: 'mandate', mandateId: '={{ "" }}', returnUrl: '' }, 'Mandate ID', 'is required'],
	['payment', 'mandate sequence type misspelt', { paymentFlow: 'mandate', mandateId: 'MAN1', returnUrl: '', sequenceType: 'recurring' }, 'Sequence Type', 'must be one of: none, RECURRING, UNSCHEDULED (it is "recurring")'],
	['payment', 'vault charge without token', { ...VAULT, vaultAccessToken: '={{ "" }}' }, 'Vault Access Token', 'is required'],
	['payment', 'vault charge without initial transaction ID', { ...VAULT, initialTransactionId: '={{ "" }}' }, 'Initial Transaction ID', 'is required'],
	['payment', 'vault charge by the customer without return URL', { ...VAULT, sequenceSource: 'CIT' }, 'Return URL', 'is required when the customer starts the charge'],
	['refund', 'return URL on a refund that is not a terminal refund (004:469)', { additionalFields: { returnUrl: 'https://pos.example/done' } }, 'Return URL (Terminal Only)', 'is only for refunds of terminal payments'],
	['payment', 'vault sequence type "none"', { ...VAULT, sequenceType: 'none' }, 'Sequence Type', 'must be one of: RECURRING, UNSCHEDULED (it is "none")'],
	['payment', 'initiated by misspelt', { ...VAULT, sequenceSource: 'merchant' }, 'Initiated By', 'must be one of: CIT, MIT (it is "merchant")'],
	['payment', 'idempotency key of 51', { additionalFields: {}, options: { idempotencyKey: 'k'.repeat(51) } }, 'Idempotency Key', 'must be at most 50 characters'],

	// Payment > Capture
	['capture', 'empty authorisation reference', { paymentReference: '={{ "" }}' }, 'Payment Reference', 'is required'],
	['capture', 'partial amount missing from the item', { amount: '={{ $json.captureAmount }}' }, 'Amount', 'is required when "Amount to Capture" is Partial Amount'],
	['capture', 'Amount to Capture neither choice', { amountToCapture: 'half' }, 'Amount to Capture', 'must be one of: full, partial (it is "half")'],
	['capture', 'three decimals', { amount: '1.005' }, 'Amount', 'has more than 2 decimals'],
	['capture', 'decimal comma', { amount: '1,50' }, 'Amount', 'uses a comma'],
	['capture', 'description of 256', { additionalFields: { description: 'd'.repeat(256) } }, 'Description', 'must be at most 255 characters'],
	['capture', 'webhook with http://', { additionalFields: { webhookUrl: 'http://shop.example/hook' } }, 'Webhook URL', 'CCV calls HTTPS only'],
	['capture', 'order lines not JSON', { additionalFields: { orderLines: 'lamp x1' } }, 'Order Lines', 'is not valid JSON'],
	['capture', 'notification requests of 10 kB', { additionalFields: { notificationRequests: big(10_000) } }, 'Notification Requests', 'is too large'],
	['capture', 'idempotency key with accents', { options: { idempotencyKey: 'zending-ë' } }, 'Idempotency Key', 'may only hold letters'],

	// Payment > Reversal
	['reversal', 'empty payment reference', { paymentReference: '={{ "" }}' }, 'Payment Reference', 'is required'],
	['reversal', 'payment reference of 256', { paymentReference: 'R'.repeat(256) }, 'Payment Reference', 'must be at most 255 characters'],
	['reversal', 'webhook with http://', { additionalFields: { webhookUrl: 'http://shop.example/hook' } }, 'Webhook URL', 'CCV calls HTTPS only'],
	['reversal', 'description of 256', { additionalFields: { description: 'd'.repeat(256) } }, 'Description', 'must be at most 255 characters'],
	['reversal', 'notification requests not JSON', { additionalFields: { notificationRequests: '[]x' } }, 'Notification Requests', 'is not valid JSON'],
	['reversal', 'Dry Run as "yes"', { options: { dryRun: '={{ "yes" }}' } }, 'Dry Run', 'must be true or false (it is "yes")'],
	['reversal', 'idempotency key of 51', { options: { idempotencyKey: 'k'.repeat(51) } }, 'Idempotency Key', 'must be at most 50 characters'],
	// Issue 24 and 23 #8, #11: what identifies the transaction, refused before sending
	['refund', 'partial refund without own reference or key', {}, 'Merchant Order Reference', 'is required for a partial refund (or set an Idempotency Key)'],
	['refund', 'payout instructions on a Full Amount refund', { amountToRefund: 'full', additionalFields: { merchantOrderReference: 'RMA-1', payoutInstructions: { instruction: [{ externalReference: 'SUB-A', amount: '5.00' }] } } }, 'Payout Instructions', 'cannot be sent with a Full Amount refund'],
	['capture', 'partial capture without its own key', {}, 'Idempotency Key', 'is required for a partial capture (under Options)'],
	['payment', 'a Mandate ID an expression leaves empty', { paymentFlow: 'mandate', mandateId: '={{ $json.mandate }}', returnUrl: '' }, 'Mandate ID', 'is required'],
];

function parametersOf(operation: Operation, over: IDataObject): INodeParameters {
	const additionalFields = { ...(operation === 'payment' ? ORDER : {}), ...((over.additionalFields as IDataObject) ?? {}) };
	return { ...BASE[operation], ...over, additionalFields, options: (over.options as IDataObject) ?? {} } as INodeParameters;
}

it('holds at least 60 bad inputs across the four money operations', () => {
	expect(CASES.length).toBeGreaterThanOrEqual(60);
	expect(new Set(CASES.map(([op]) => op))).toEqual(new Set(['refund', 'payment', 'capture', 'reversal']));
});

it.each(CASES)('%s: %s', async (operation, _what, over, label, problem) => {
	const { error } = await t.run(parametersOf(operation, over), [{}]);
	expect(error?.message).toMatch(new RegExp(`^Item 1 \\(index 0\\): "${label.replace(/[()]/g, '\\$&')}" `));
	expect(error?.message).toContain(problem);
	expect(error?.description).toContain('Nothing was sent to CCV');
	expect(t.sb.log).toHaveLength(0);
});

it('the bad item of three is named by its number, and nothing at all is sent', async () => {
	const { error } = await t.run(parametersOf('refund', { amount: '={{ $json.amount }}', additionalFields: { merchantOrderReference: '={{ "RMA-" + $itemIndex }}' } }), [{ amount: '1.00' }, { amount: '2.345' }, { amount: '3.00' }]);
	expect(error?.message).toBe('Item 2 (index 1): "Amount" "2.345" has more than 2 decimals');
	expect(t.sb.log).toHaveLength(0);
});
