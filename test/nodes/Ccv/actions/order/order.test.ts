// Order > Submit and Get Status on the Boarding API: its own base URL from the credential, the
// exact body, never sent twice automatically, and `final` for the end states.
import type { IDataObject } from 'n8n-workflow';

import { ORDER_STATUSES } from '../../../../../sandbox';
import type { OrderStatus } from '../../../../../sandbox';
import type { CcvCredentialData, RunNodeOptions } from '../../../../helpers/engine';
import { useSandbox } from '../sandboxRun';

// CCV does not document Submit's answer; these tests take the reading where it carries orderId.
const t = useSandbox({ submitOrderAnswer: 'with-orderId' });

const ORDER = { salesPackages: [{ id: 'PSP-STANDALONE', products: [{ id: 'ideal' }] }], orderDate: '2025-05-01' };

/** The Payment API base URL points nowhere: Order operations must use the Boarding one. */
const boardingCredentials = (): CcvCredentialData => ({ apiKey: t.sb.apiKey, baseUrl: 'http://127.0.0.1:9', boardingBaseUrl: t.sb.url });

function submit(parameters: IDataObject, extra: Partial<RunNodeOptions> = {}) {
	const { items, ...rest } = extra;
	return t.run(
		{
			resource: 'order',
			operation: 'submit',
			notifyCustomerByEmail: true,
			order: JSON.stringify(ORDER),
			additionalFields: {},
			options: {},
			...parameters,
		},
		items,
		{ credentials: boardingCredentials(), ...rest },
	);
}

const getStatus = (orderId: string) =>
	t.run({ resource: 'order', operation: 'getStatus', orderId, options: {} }, undefined, { credentials: boardingCredentials() });

describe('Order > Submit', () => {
	it('POSTs the order to the Boarding API with exactly the fields given and outputs CCV\'s whole answer', async () => {
		const { items, error } = await submit({
			additionalFields: {
				externalReference: 'crm-123456',
				notificationUrl: 'https://integrator.example/orderstatus',
				notifyOnStatus: ['Completed', 'Closed', 'Canceled', 'Failed'],
			},
		});
		expect(error).toBeUndefined();
		expect(t.sb.log).toHaveLength(1);
		const [sent] = t.sb.log;
		expect([sent.method, sent.path]).toEqual(['POST', '/api/ordercompletion/reseller/order']);
		expect(sent.headers['idempotency-reference']).toBeUndefined();
		expect(sent.body).toEqual({
			notifyCustomerByEmail: true,
			externalReference: 'crm-123456',
			statusNotificationInformation: {
				notificationUrl: 'https://integrator.example/orderstatus',
				notifyOnStatus: ['Completed', 'Closed', 'Canceled', 'Failed'],
			},
			order: ORDER,
		});
		const [order] = t.sb.state.orders();
		expect(items[0].json).toEqual({ orderId: order.orderId, externalReference: 'crm-123456', orderStatus: 'New' });
		expect(order.order).toEqual(ORDER);
	});

	it('takes the order object from an expression and sends false for no e-mail', async () => {
		const { error } = await submit({ notifyCustomerByEmail: false, order: '={{ $json.order }}' }, { items: [{ order: ORDER }] });
		expect(error).toBeUndefined();
		expect(t.sb.log[0].body).toEqual({ notifyCustomerByEmail: false, order: ORDER });
	});

	it('is never sent twice automatically: a 502 fails the item after one request', async () => {
		t.sb.faults.add({ match: { method: 'POST', path: '^/api/ordercompletion/reseller/order$' }, count: 1, kind: 'status', status: 502 });
		const { error } = await submit({});
		expect(t.sb.log).toHaveLength(1);
		expect(error?.message).toBe('CCV could not be reached (bad gateway)');
		expect(error?.description).toContain('This request was not sent again automatically, because CCV may already have applied it');
	});

	it('without a Boarding API Base URL it says where to set it, and sends nothing', async () => {
		const { error } = await submit({}, { credentials: { apiKey: t.sb.apiKey, baseUrl: t.sb.url } });
		expect(error?.message).toBe('The CCV credential has no Boarding API Base URL');
		expect(t.sb.log).toHaveLength(0);
	});

	const bad: Array<[string, IDataObject, string]> = [
		// "{}" is seed 003:459's own example and is sent (issue 28 #9, wireFidelity.test.ts); an empty field is not.
		['an empty order', { order: '' }, '"Order" is required: paste the order object built with the order configurator'],
		['an order that is not JSON', { order: '{ salesPackages: [] }' }, '"Order" is not valid JSON'],
		['an order that is a list', { order: '[1]' }, '"Order" must be a JSON object ({...})'],
		[
			'statuses to notify on without a URL',
			{ additionalFields: { notifyOnStatus: ['Completed'] } },
			'"Notify On Statuses" needs a Status Notification URL: CCV only notifies when one is given',
		],
		[
			'a notification URL without https',
			{ additionalFields: { notificationUrl: 'integrator.example/status' } },
			'"Status Notification URL" must be a web address starting with https://',
		],
	];
	it.each(bad)('refuses %s before sending', async (_name, parameters, problem) => {
		const { error } = await submit(parameters);
		expect(error?.message).toContain(`Item 1 (index 0): ${problem}`);
		expect(t.sb.log).toHaveLength(0);
	});
});

describe('Order > Get Status', () => {
	async function submitted(): Promise<string> {
		const { items } = await submit({ additionalFields: { externalReference: 'crm-9' } });
		t.sb.clearLog();
		return items[0].json.orderId as string;
	}

	it('GET .../order/{orderId}/status outputs orderStatus, externalReference and final: false while it can change', async () => {
		const orderId = await submitted();
		const { items, error } = await getStatus(orderId);
		expect(error).toBeUndefined();
		expect(t.sb.log.map((e) => [e.method, e.path])).toEqual([['GET', `/api/ordercompletion/reseller/order/${orderId}/status`]]);
		expect(items[0].json).toEqual({ orderId, orderStatus: 'New', externalReference: 'crm-9', final: false });
	});

	const finals: OrderStatus[] = ['Completed', 'Closed', 'Canceled', 'Failed'];
	it.each(ORDER_STATUSES.map((s) => [s, finals.includes(s)] as const))('%s: final %s', async (status, final) => {
		const orderId = await submitted();
		t.sb.setOrderStatus(orderId, status);
		const { items } = await getStatus(orderId);
		expect(items[0].json).toMatchObject({ orderStatus: status, final });
	});

	it('an unknown order fails as "order not found" (REFERENCE §12 lists 404 for the status call)', async () => {
		const { error } = await getStatus('7b0c2f1e-0000-4000-8000-000000000000');
		expect(error?.message).toBe('Order not found: CCV has no order with ID 7b0c2f1e-0000-4000-8000-000000000000');
		expect(error?.description).toContain('Check the Order ID');
	});
});

describe('Order > Submit panel (issue 19 #10)', () => {
	it('says who gets the e-mail, and where the statuses are', async () => {
		const { description } = await import('../../../../../nodes/Ccv/actions/order/submit.operation');
		const email = description.find((p) => p.name === 'notifyCustomerByEmail');
		expect(email?.displayName).toBe('Email the Merchant Being Boarded');
		expect(email?.description).toContain('Shoppers are never e-mailed');
		const fields = description.find((p) => p.name === 'additionalFields')?.options as Array<{ name: string; description?: string }>;
		const url = fields.find((f) => f.name === 'notificationUrl');
		expect(url?.description).toContain('Notify On Statuses');
		expect(url?.description).not.toContain('below');
		expect(description.find((p) => p.name === 'order')?.hint).toContain('salesPackages');
	});
});
