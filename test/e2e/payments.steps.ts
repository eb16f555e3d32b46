// The payment, refund, transaction, mandate and order steps of payments.test.ts.
import { SEED } from '../../sandbox';
import type { Step } from './harness';

/** A successful authorisation payments.test.ts adds before the run, for Reversal (the seeded one gets captured). */
export const AUTHORISATION_TO_REVERSE = 'E2EAUTH00002';

export const paymentSteps: Step[] = [
	{
		name: 'Create payment',
		items: [{ order: 'ORDER-E2E-1', total: '19.99' }],
		parameters: {
			resource: 'payment',
			operation: 'create',
			amount: '={{ $json.total }}',
			currency: 'eur',
			method: 'ideal',
			paymentFlow: 'checkout',
			returnUrl: 'https://shop.example/return',
			additionalFields: { merchantOrderReference: '={{ $json.order }}', description: 'E2E order' },
		},
	},
	{
		name: 'Charge a mandate',
		parameters: {
			resource: 'payment',
			operation: 'create',
			amount: '5.00',
			currency: 'eur',
			method: 'card',
			paymentFlow: 'mandate',
			mandateId: SEED.mandate,
			additionalFields: { merchantOrderReference: 'ORDER-E2E-MANDATE' },
		},
	},
	{
		name: 'Capture part of an authorisation',
		parameters: { resource: 'payment', operation: 'capture', paymentReference: SEED.authorisation, amountToCapture: 'partial', amount: '50.00', options: { idempotencyKey: 'SHIP-E2E-1' } },
	},
	{
		name: 'Reverse an authorisation',
		parameters: { resource: 'payment', operation: 'reversal', paymentReference: AUTHORISATION_TO_REVERSE },
	},
	{
		name: 'Refund in full',
		parameters: { resource: 'refund', operation: 'create', paymentReference: SEED.payments.idealSale, amountToRefund: 'full' },
	},
	{
		name: 'Refund (dry run)',
		parameters: {
			resource: 'refund',
			operation: 'create',
			paymentReference: SEED.payments.cardSale,
			amountToRefund: 'partial',
			amount: '5.00',
			additionalFields: { merchantOrderReference: 'RMA-E2E-1' },
			options: { dryRun: true },
		},
	},
	{
		name: 'Refund above the limit',
		parameters: { resource: 'refund', operation: 'create', paymentReference: SEED.payments.partlyRefunded, amountToRefund: 'partial', amount: '100.00', additionalFields: { merchantOrderReference: 'RMA-E2E-2' }, options: { allowAboveRemaining: true } },
	},
	{
		name: 'Get refund',
		parameters: { resource: 'refund', operation: 'get', refundReference: SEED.refund },
	},
	{
		name: 'Get transaction',
		parameters: { resource: 'transaction', operation: 'get', transactionReference: SEED.payments.cardSale },
	},
	{
		name: 'Get many transactions',
		parameters: {
			resource: 'transaction',
			operation: 'getAll',
			returnAll: true,
			filters: { originalReferences: SEED.payments.partlyRefunded },
		},
	},
	{
		name: 'Get mandate',
		parameters: { resource: 'mandate', operation: 'get', mandateId: SEED.mandate },
	},
	{
		name: 'Get payment methods',
		parameters: { resource: 'paymentMethod', operation: 'getAll' },
	},
	{
		name: 'Submit order',
		parameters: {
			resource: 'order',
			operation: 'submit',
			notifyCustomerByEmail: false,
			order: '{"storeInformation":{"cocNumber":"12345678","cocRegistry":"Kvk"}}',
			additionalFields: { externalReference: 'BOARD-E2E-1' },
		},
	},
	{
		name: 'Get order status',
		parameters: { resource: 'order', operation: 'getStatus', orderId: SEED.order.orderId },
	},
];
