// Issue 28 #9 at the wire: seed 003's own SubmitOrder example is sent and CCV judges it; an unknown
// order on Get Status is "order not found" (REFERENCE §12 lists 404 for the status call), and only
// evidence of a wrong address (a page that is not JSON, or CCV's "Invalid URL") says "check the URL".
import { useSandbox } from '../sandboxRun';

const t = useSandbox();
const boarding = () => ({ credentials: { apiKey: t.sb.apiKey, baseUrl: 'http://127.0.0.1:9', boardingBaseUrl: t.sb.url } });
const STATUS = '^/api/ordercompletion/reseller/order/[^/]+/status$';
const UNKNOWN = '7b0c2f1e-0000-4000-8000-000000000000';
const getStatus = () => t.run({ resource: 'order', operation: 'getStatus', orderId: UNKNOWN, options: {} }, [{}], boarding());

it('Order > Submit sends seed 003:459\'s "order": {} as it is', async () => {
	const { error } = await t.run({ resource: 'order', operation: 'submit', notifyCustomerByEmail: true, order: '{}', options: {} }, [{}], boarding());
	expect(error).toBeUndefined();
	expect(t.sb.log.map((e) => [e.method, e.path, e.body])).toEqual([['POST', '/api/ordercompletion/reseller/order', { notifyCustomerByEmail: true, order: {} }]]);
	expect(t.sb.state.orders()).toHaveLength(1);
});

it('Order > Submit still refuses an empty Order field before sending', async () => {
	const { error } = await t.run({ resource: 'order', operation: 'submit', notifyCustomerByEmail: true, order: '', options: {} }, [{}], boarding());
	expect(error?.message).toMatch(/"Order" is required/);
	expect(t.sb.log).toEqual([]);
});

describe('Get Status of an order CCV does not know', () => {
	it.each([
		['CCV\'s not-found object', undefined],
		['an error object without a field', { type: 'input_error', message: 'Order not found', reference: 'a1b2c3d4' }],
		['no body', null],
	])('404 with %s: "order not found", not "the URL looks wrong"', async (_name, body) => {
		if (body !== undefined) t.sb.faults.add({ kind: 'respond', status: 404, ...(body ? { body } : {}), match: { method: 'GET', path: STATUS } });
		const { error } = await getStatus();
		expect(error?.message).toBe(`Order not found: CCV has no order with ID ${UNKNOWN}`);
		expect(error?.message).not.toMatch(/URL looks wrong/);
	});

	it('a 404 that is CCV\'s "Invalid URL" or a web page still says the URL looks wrong', async () => {
		t.sb.faults.add({ kind: 'respond', status: 404, body: { type: 'input_error', message: 'Invalid URL', reference: 'a1b2c3d4' }, match: { method: 'GET', path: STATUS }, count: 1 });
		expect((await getStatus()).error?.message).toMatch(/^The URL looks wrong/);
		t.sb.readings.set({ invalidUrlBody: 'html' });
		const wrongBase = await t.run({ resource: 'order', operation: 'getStatus', orderId: UNKNOWN, options: {} }, [{}], {
			credentials: { apiKey: t.sb.apiKey, baseUrl: 'http://127.0.0.1:9', boardingBaseUrl: `${t.sb.url}/typo` },
		});
		expect(wrongBase.error?.message).toMatch(/^The URL looks wrong/);
	});
});
