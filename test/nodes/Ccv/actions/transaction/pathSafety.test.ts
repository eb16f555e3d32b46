// Issue 15 #4 for Order > Get Status and the transaction reads: no order id or reference from an
// item can change which URL is called. Asserted at the wire (the sandbox's request log).
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../sandboxRun';

const t = useSandbox();
const credentials = () => ({ apiKey: t.sb.apiKey, baseUrl: t.sb.url, boardingBaseUrl: t.sb.url });

describe('Order > Get Status: the order id cannot alter the path', () => {
	const bad: Array<[string, string]> = [
		['.', 'a dot'],
		['..', 'two dots'],
		['%2e', 'an encoded dot'],
		['%2e%2e', 'encoded dots'],
		['a/b', 'a slash'],
		['../../api/v1/customer', 'a climb to another route'],
		['a?b=c', 'a question mark'],
		['a#b', 'a hash'],
		['a\\b', 'a backslash'],
		['a b', 'a space'],
		['a\u0000b', 'a NUL'],
		['a\nb', 'a newline'],
	];
	it.each(bad)('refuses %j (%s) before anything is sent', async (orderId) => {
		const { error } = await t.run({ resource: 'order', operation: 'getStatus', orderId: '={{ $json.id }}', options: {} }, [{ id: orderId }], {
			credentials: credentials(),
		});
		expect(t.sb.log).toEqual([]);
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Order ID" (cannot|must)/);
	});

	it('a good id is one path segment', async () => {
		const id = 'b0a7d000-0000-4000-8000-000000000001';
		await t.run({ resource: 'order', operation: 'getStatus', orderId: id, options: {} }, [{}], { credentials: credentials() });
		expect(t.sb.log.map((e) => [e.method, e.path, e.query])).toEqual([['GET', `/api/ordercompletion/reseller/order/${id}/status`, {}]]);
	});
});

describe('Transaction reads: references travel encoded in the query string', () => {
	it('Get: a reference holding &, = and # stays one query value', async () => {
		const reference = 'A1&status=success#x';
		await t.run({ resource: 'transaction', operation: 'get', transactionReference: reference, options: {} }, [{}], { continueOnFail: true });
		expect(t.sb.log.map((e) => [e.method, e.path, e.query])).toEqual([['GET', '/api/v1/transaction', { reference }]]);
	});

	it('Get: a reference with a space or a control character is refused, nothing sent', async () => {
		for (const reference of ['A1 B', 'A1\u0000', 'A1\r\nX-Injected: 1']) {
			const { error } = await t.run({ resource: 'transaction', operation: 'get', transactionReference: '={{ $json.r }}', options: {} }, [{ r: reference }]);
			expect(error?.message).toMatch(/^Item 1 \(index 0\): "Transaction Reference" must (be a CCV transaction reference|not contain control characters)/);
		}
		expect(t.sb.log).toEqual([]);
	});

	it('Get Many: listed references stay inside the references query value', async () => {
		const { error } = await t.run(
			{ resource: 'transaction', operation: 'getAll', returnAll: false, limit: 5, filters: { references: 'A1&type=refund, B2#c' }, options: {} },
			[{}],
		);
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => [e.path, e.query] as [string, IDataObject])).toEqual([['/api/v1/transaction', { references: 'A1&type=refund,B2#c' }]]);
	});

	it('Get Many: a listed reference with a control character is refused, naming it', async () => {
		const { error } = await t.run(
			{ resource: 'transaction', operation: 'getAll', returnAll: true, filters: { originalReferences: '={{ ["A1", "B2\\u0007"] }}' }, options: {} },
			[{}],
		);
		expect(error?.message).toMatch(/^Item 1 \(index 0\): "Original Payment References" has "B2\\u0007", which must (be a CCV transaction reference|not contain control characters)/);
		expect(t.sb.log).toEqual([]);
	});
});
