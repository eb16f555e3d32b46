import { checkAmount } from '../../../../nodes/Ccv/helpers/money';

describe('checkAmount', () => {
	it.each([
		['19.99', '19.99'],
		[19.99, '19.99'],
		['10', '10'],
		['0.01', '0.01'],
		[' 5.5 ', '5.5'],
		['9999999999.99', '9999999999.99'],
	])('keeps %p exactly as %p', (input, expected) => {
		expect(checkAmount(input)).toEqual({ ok: true, value: expected });
	});

	it.each([
		['19.999', 'has more than 2 decimals'],
		[0.1 + 0.2, 'has more than 2 decimals'],
		['19,99', 'uses a comma: write the decimals with a dot, e.g. 19.99'],
		['-5', 'is not an amount such as 19.99'],
		['0', 'must be more than 0'],
		['0.00', 'must be more than 0'],
		['abc', 'is not an amount such as 19.99'],
		['', 'is empty'],
		[1e21, 'is not a plain amount'],
		['99999999999.99', 'has more than 12 digits'],
		[Number.NaN, 'must be a number'],
		[null, 'must be an amount such as 19.99'],
	])('rejects %p', (input, reason) => {
		const result = checkAmount(input);
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toContain(reason);
	});
});
