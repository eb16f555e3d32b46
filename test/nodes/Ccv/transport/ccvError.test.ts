import type { INode } from 'n8n-workflow';

import { ccvApiError } from '../../../../nodes/Ccv/transport/ccvError';

const node = { name: 'CCV', type: 'ccv', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' } as INode;

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
		expect(error.message).toBe('CCV rejected the request (field "customerReference")');
		expect(error.description).toContain('Field "customerReference": size must be between 1 and 64.');
		expect(error.description).toContain('CCV support reference: 718ee617.');
		expect(error.context.ccvError).toEqual(body);
		expect(error.httpCode).toBe('400');
	});

	it('explains failure codes and shows the balance figures', () => {
		const body = {
			type: 'process_error',
			message: 'Refund request DENIED',
			reference: '5c0a0487',
			failureCode: 'unsufficient_balance',
			balance: { creditAmount: 0.35, debitAmount: 1.7, total: 1.35 },
		};
		const error = ccvApiError(node, 400, body);
		expect(error.message).toBe('CCV rejected the request: unsufficient_balance');
		expect(error.description).toContain('your balance at CCV for this payment method is too low');
		expect(error.description).toContain('credit 0.35, debit 1.7, total 1.35');
	});

	it('says the outcome is unknown on a timeout and which transaction to look up', () => {
		const error = ccvApiError(node, 504, { type: 'process_error', message: 'timeout', transactionReference: 'C123' });
		expect(error.description).toContain('The outcome is unknown');
		expect(error.description).toContain('Look up transaction C123');
	});

	it('turns a 401 into "API key is invalid or expired"', () => {
		expect(ccvApiError(node, 401, {}).message).toBe('API key is invalid or expired');
	});
});
