import type { INode } from 'n8n-workflow';

import { ccvApiError } from '../../../../nodes/Ccv/transport/ccvError';
import { seeFix } from '../../../../nodes/Ccv/helpers/fixLinks';

const node = { name: 'CCV', type: 'ccv', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' } as INode;

/** n8n shows the description on one line: every part must end, so none runs into the next. */
function expectWholeSentences(description: string | null | undefined) {
	expect(description).toBeTruthy();
	expect(description).toMatch(/[.!?]$/);
	// A lower-case or capital word straight after a word without a full stop = two parts run together.
	expect(description).not.toMatch(/[a-z0-9)"] (Failure code|Check the|CCV support|The outcome|Balance at)/);
}

describe('ccvApiError', () => {
	it('keeps CCV\'s error object intact and names the failing fields', () => {
		const body = {
			type: 'input_error',
			message: 'customerReference is invalid',
			reference: '718ee617',
			field: 'customerReference',
			fields: [{ field: 'customerReference', message: 'size must be between 1 and 64' }],
		};
		const error = ccvApiError(node, 400, body);
		expect(error.message).toBe('CCV refused the request: field "customerReference" is not valid');
		expect(error.description).toContain('Field "customerReference": size must be between 1 and 64.');
		expect(error.description).toContain('CCV support reference: 718ee617.');
		expect(error.context.ccvError).toEqual(body);
		expect(error.httpCode).toBe('400');
		expectWholeSentences(error.description);
	});

	it('explains failure codes and shows the balance figures', () => {
		const body = {
			type: 'process_error',
			message: 'Refund request DENIED',
			reference: '5c0a0487',
			failureCode: 'unsufficient_balance',
			balance: { creditAmount: 0.35, debitAmount: 1.7, total: 1.35 },
		};
		const error = ccvApiError(node, 400, body, { method: 'POST', path: '/api/v1/refund' });
		expect(error.message).toBe('CCV refused the refund: your balance at CCV is too low');
		expect(error.description).toContain('your balance at CCV for this payment method is too low');
		expect(error.description).toContain('credit 0.35, debit 1.7, total 1.35');
		expect(error.context.ccvError).toEqual(body);
		expectWholeSentences(error.description);
	});

	it('says the outcome is unknown on a timeout and which transaction to look up', () => {
		const error = ccvApiError(node, 504, { type: 'process_error', message: 'timeout', transactionReference: 'C123' });
		expect(error.description).toContain('The outcome is unknown');
		expect(error.description).toContain('Look up transaction C123');
		expectWholeSentences(error.description);
	});

	it('turns a 401 into "API key is invalid or expired"', () => {
		expect(ccvApiError(node, 401, {}).message).toBe('API key is invalid or expired');
	});
});

describe('error texts an ops user reads (issue 19 #9)', () => {
	it('the headline says in words what CCV refused, never a bare code', () => {
		const body = { type: 'process_error', message: 'Refund limit reached for this transaction', failureCode: 'refund_limit', reference: 'r1' };
		const error = ccvApiError(node, 400, body, { method: 'POST', path: '/api/v1/refund' });
		expect(error.message).toBe('CCV refused the refund: it would exceed the refund limit');
		expect(error.message).not.toContain('refund_limit');
		expect(error.description).toBe(
			'Refund limit reached for this transaction. Failure code refund_limit: The refund limit for this payment is reached (by default 120% of the original amount): no further refunds are allowed. CCV support reference: r1.',
		);
	});

	it.each([
		['payment', 'card_refused', 'CCV refused the payment: the card issuer refused it'],
		['capture', 'duplicate_request', 'CCV refused the capture: it was already done'],
		['reversal', 'original_transaction_archived', 'CCV refused the reversal: the original transaction is archived'],
		['refund', 'something_new', 'CCV refused the refund (failure code something_new)'],
	])('POST /api/v1/%s with %s reads "%s"', (path, failureCode, headline) => {
		expect(ccvApiError(node, 400, { type: 'process_error', failureCode }, { method: 'POST', path: `/api/v1/${path}` }).message).toBe(headline);
	});

	it('CCV\'s message without a full stop does not run into the next sentence', () => {
		const error = ccvApiError(node, 401, { type: 'input_error', message: 'The API key is missing or invalid' });
		expect(error.description).toBe(
			`The API key is missing or invalid. Check the API key in the CCV credential (test keys start with t_, live keys with l_). ${seeFix('credential')}`,
		);
	});

	it('explains a failure code written in upper case, as seed 004 writes UNSUFFICIENT_BALANCE', () => {
		const error = ccvApiError(node, 400, { type: 'process_error', failureCode: 'UNSUFFICIENT_BALANCE' }, { method: 'POST', path: '/api/v1/refund' });
		expect(error.message).toBe('CCV refused the refund: your balance at CCV is too low');
		expect(error.description).toContain('your balance at CCV for this payment method is too low');
		expect(error.context.ccvError).toEqual({ type: 'process_error', failureCode: 'UNSUFFICIENT_BALANCE' });
	});
});
