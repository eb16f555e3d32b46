// Order > Submit and Get Status against every reading of SubmitOrder's undocumented answer
// (REFERENCE §12): no body (default: the sandbox invents nothing), without orderId, or with it. The order's id is then found
// through the sandbox by externalReference, as an integrator finds it from CCV's notification URL.
import { useMatrixSandbox, type ReadingCase } from './matrix';

const t = useMatrixSandbox();
const ORDER = { salesPackages: [{ id: 'PSP-STANDALONE' }] };
const boarding = () => ({ credentials: { apiKey: t.sb.apiKey, baseUrl: 'http://127.0.0.1:9', boardingBaseUrl: t.sb.url } });

describe.each<ReadingCase>([
	['empty', { submitOrderAnswer: 'empty' }],
	['without-orderId', { submitOrderAnswer: 'without-orderId' }],
	['with-orderId', { submitOrderAnswer: 'with-orderId' }],
])('SubmitOrder answer %s', (_label, readings) => {
	beforeEach(() => t.sb.readings.set(readings));

	it('Order > Submit succeeds once, and Get Status of the submitted order says New, not final', async () => {
		const submitted = await t.run(
			{
				resource: 'order',
				operation: 'submit',
				notifyCustomerByEmail: false,
				order: JSON.stringify(ORDER),
				additionalFields: { externalReference: 'MATRIX-ORDER-1' },
				options: {},
			},
			[{}],
			boarding(),
		);
		expect(submitted.error).toBeUndefined();
		const orders = t.sb.ordersByExternalReference('MATRIX-ORDER-1');
		expect(orders).toHaveLength(1);
		const status = await t.run({ resource: 'order', operation: 'getStatus', orderId: orders[0].orderId, options: {} }, [{}], boarding());
		expect(status.error).toBeUndefined();
		expect(status.items[0].json).toMatchObject({ orderStatus: 'New', externalReference: 'MATRIX-ORDER-1', final: false });
	});
});
