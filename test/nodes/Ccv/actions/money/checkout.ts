// The checkout both money scenario files run: Payment > Create, card, 25.00 EUR, for one order.
import type { IDataObject } from 'n8n-workflow';

export const checkoutParameters = (order: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'payment',
	operation: 'create',
	amount: '25.00',
	currency: 'eur',
	method: 'card',
	returnUrl: 'https://shop.example/return',
	additionalFields: { merchantOrderReference: order },
	...extra,
});
