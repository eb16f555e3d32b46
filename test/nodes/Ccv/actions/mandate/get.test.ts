// Mandate > Get: CCV's mandate plus a plain answer to "can I charge it now?".
import type { IDataObject } from 'n8n-workflow';
import { useSandbox } from '../sandboxRun';


const t = useSandbox();
let orders = 0;

const get = (mandateId: string) =>
	t.run({ resource: 'mandate', operation: 'get', mandateId, options: {} });

/** A first payment that asks for a mandate (seed 001); the mandate follows the payment's status. */
async function mandateFromPayment(): Promise<{ mandateId: string; payment: string }> {
	const { items } = await t.run({
		resource: 'payment',
		operation: 'create',
		amount: '1.00',
		currency: 'eur',
		method: 'card',
		returnUrl: 'https://shop.example/return',
		additionalFields: { obtainMandate: true, merchantOrderReference: `order-${++orders}` },
		options: {},
	});
	return { mandateId: (items[0].json.details as IDataObject).mandateId as string, payment: items[0].json.reference as string };
}

it('an active mandate: GET /api/v1/mandate/{id}, CCV\'s fields, usable: true', async () => {
	const { mandateId, payment } = await mandateFromPayment();
	t.sb.settle(payment, 'success');
	t.sb.clearLog();
	const { items, error } = await get(mandateId);
	expect(error).toBeUndefined();
	expect(t.sb.log.map((e) => [e.method, e.path])).toEqual([['GET', `/api/v1/mandate/${mandateId}`]]);
	expect(items[0].json).toEqual({
		...t.sb.state.mandates().find((m) => m.mandateId === mandateId),
		usable: true,
		usableReason: 'Active: payments with this mandate ID can run without the customer.',
	});
	expect(items[0].json.status).toBe('active');
});

it('a mandate the customer has not signed yet is not usable, and says so', async () => {
	const { mandateId } = await mandateFromPayment();
	const { items } = await get(mandateId);
	expect(items[0].json).toMatchObject({ status: 'pending', usable: false, usableReason: expect.stringContaining('pending') });
});

it('an inactive mandate is not usable and never will be', async () => {
	const { mandateId, payment } = await mandateFromPayment();
	t.sb.settle(payment, 'failed');
	const { items } = await get(mandateId);
	expect(items[0].json).toMatchObject({
		status: 'inactive',
		usable: false,
		usableReason: 'Not usable: the mandate is inactive and never becomes active again. Ask the customer for a new mandate.',
	});
});

it('an unknown mandate fails with CCV\'s error, explained', async () => {
	const { error } = await get('MAN000000000000000DEADBEEF.0');
	expect(t.sb.log.map((e) => e.path)).toEqual(['/api/v1/mandate/MAN000000000000000DEADBEEF.0']);
	expect(`${error?.message} ${error?.description}`).toContain('CCV does not know this reference');
});

it('a mandate ID with a slash cannot reach another path: nothing is sent', async () => {
	const { error } = await get('MAN1/../../customer');
	expect(error?.message).toBe('Item 1 (index 0): "Mandate ID" cannot contain "/": it would change which address at CCV is called');
	expect(t.sb.log).toHaveLength(0);
});
