// A money operation's declared idempotency identity (`idempotency` in its operation file) must be what
// its prepare really derives the Idempotency-Reference from: the declared kind, and no identity field
// the declaration leaves out.
import type { IDataObject } from 'n8n-workflow';

import { resources } from '../../../../nodes/Ccv/actions/resources';
import * as idempotency from '../../../../nodes/Ccv/helpers/idempotency';
import { prepareItem } from '../actions/payment/prepareHarness';

const PAYMENT = 'C250324145223810CB87E194.Y';

/** Items that derive a reference (no own Idempotency Key), covering each operation's identity variants. */
const ITEMS: Record<string, IDataObject[]> = {
	'payment.create': [
		{ amount: '9.99', currency: 'eur', method: 'card', returnUrl: 'https://shop.example/return', paymentFlow: 'checkout', additionalFields: { merchantOrderReference: 'O-1' }, options: {} },
	],
	'payment.capture': [{ paymentReference: PAYMENT, amountToCapture: 'full', amount: '', additionalFields: {}, options: {} }],
	'payment.reversal': [{ paymentReference: PAYMENT, additionalFields: {}, options: {} }],
	'refund.create': [
		{ paymentReference: PAYMENT, amountToRefund: 'partial', amount: '5.00', additionalFields: { merchantOrderReference: 'RMA-1' }, options: {} },
		{ paymentReference: PAYMENT, amountToRefund: 'full', amount: '', additionalFields: {}, options: {} },
	],
};

const money = Object.entries(resources).flatMap(([resource, operations]) =>
	Object.entries(operations)
		.filter(([, op]) => op.guard.kind === 'money')
		.map(([operation, op]) => ({ name: `${resource}.${operation}`, op })),
);

afterEach(() => jest.restoreAllMocks());

it('every money operation has items here to check it with', () => {
	expect(money.map(({ name }) => name).sort()).toEqual(Object.keys(ITEMS).sort());
});

it.each(money)('$name derives its reference from its declared identity', ({ name, op }) => {
	const derive = jest.spyOn(idempotency, 'deriveIdempotencyReference');
	for (const item of ITEMS[name]) prepareItem(op, item);
	expect(derive).toHaveBeenCalledTimes(ITEMS[name].length);
	for (const [kind, identity] of derive.mock.calls) {
		expect(kind).toBe(op.idempotency?.operation);
		const used = Object.entries(identity as IDataObject).filter(([, value]) => value !== undefined).map(([key]) => key);
		expect(used.filter((key) => !op.idempotency?.identity.includes(key))).toEqual([]);
	}
});
