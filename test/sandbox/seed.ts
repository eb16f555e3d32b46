// Demo data (`seed: true`, on by default in `npm run sandbox`). Every id and reference is fixed so
// demo workflows and docs can name them.
import type { Core } from './core';
import { addPayment } from './fixtures';
import type { Customer } from './types';

const DAY = 24 * 3600 * 1000;
/** 2025-03-01T10:00:00Z: all seed timestamps count from here. */
const BASE = Date.UTC(2025, 2, 1, 10, 0, 0);
/** 2100-01-01: linking open. */
const FAR_FUTURE = Date.UTC(2100, 0, 1);

export const SEED = {
	customers: {
		/** Two cards, linking open. */
		'crm-1001': 'c5e1d000-0000-4000-8000-000000001001',
		/** One card, linking open. */
		'crm-1002': 'c5e1d000-0000-4000-8000-000000001002',
		/** registrationExpiration in the past, one card: for the clean-up demo. */
		'crm-1003': 'c5e1d000-0000-4000-8000-000000001003',
		/** registrationExpiration in the past, no cards. */
		'crm-1004': 'c5e1d000-0000-4000-8000-000000001004',
		/** registrationExpiration 0 (linking disabled), one card. */
		'crm-1005': 'c5e1d000-0000-4000-8000-000000001005',
		/** Shares customerReference LOY-1001 with crm-1001 (a household): paging demo. */
		'crm-1006': 'c5e1d000-0000-4000-8000-000000001006',
	},
	/** externalIds of customers whose registrationExpiration has passed. */
	expiredExternalIds: ['crm-1003', 'crm-1004'],
	cards: {
		anna1: 'ca4d0000-0000-4000-8000-000000000001',
		anna2: 'ca4d0000-0000-4000-8000-000000000002',
		bram: 'ca4d0000-0000-4000-8000-000000000003',
		chris: 'ca4d0000-0000-4000-8000-000000000004',
		eva: 'ca4d0000-0000-4000-8000-000000000005',
	},
	payments: {
		/** €25.00 card sale, success, nothing refunded. */
		cardSale: 'SEEDPAY0001',
		/** €49.95 iDEAL sale, success. */
		idealSale: 'SEEDPAY0002',
		/** €100.00 card sale, success, €30.00 already refunded (SEEDREFUND0001). */
		partlyRefunded: 'SEEDPAY0003',
		/** €10.00 card sale that obtained the active mandate below. */
		mandatePayment: 'SEEDPAY0004',
		/** €15.00 card sale still pending: settle it through the control API. */
		pending: 'SEEDPAY0005',
	},
	refund: 'SEEDREFUND0001',
	/** €75.00 card authorisation, success: capture or reverse it. */
	authorisation: 'SEEDAUTH0001',
	mandate: 'MANSEED0001.0',
	order: { orderId: 'b0a7d000-0000-4000-8000-000000000001', externalReference: 'BOARD-1001' },
} as const;

type SeedCustomer = Pick<Customer, 'customerReference' | 'registrationExpiration' | 'linkReferences'> & {
	externalId: keyof typeof SEED.customers;
	cards: Array<{ key: keyof typeof SEED.cards; maskedPan: string }>;
};

const CUSTOMERS: SeedCustomer[] = [
	{
		externalId: 'crm-1001',
		customerReference: 'LOY-1001',
		registrationExpiration: FAR_FUTURE,
		linkReferences: ['LOY-1001', '31612345678'],
		cards: [
			{ key: 'anna1', maskedPan: '4111XXXXXXXX1111' },
			{ key: 'anna2', maskedPan: '5222XXXXXXXX2222' },
		],
	},
	{
		externalId: 'crm-1002',
		customerReference: 'LOY-1002',
		registrationExpiration: FAR_FUTURE,
		linkReferences: ['LOY-1002'],
		cards: [{ key: 'bram', maskedPan: '4000XXXXXXXX0028' }],
	},
	{
		externalId: 'crm-1003',
		customerReference: 'LOY-1003',
		registrationExpiration: Date.UTC(2025, 0, 1),
		linkReferences: ['LOY-1003'],
		cards: [{ key: 'chris', maskedPan: '6703XXXXXXXX0003' }],
	},
	{
		externalId: 'crm-1004',
		customerReference: 'LOY-1004',
		registrationExpiration: Date.UTC(2025, 1, 1),
		linkReferences: ['LOY-1004'],
		cards: [],
	},
	{
		externalId: 'crm-1005',
		customerReference: 'LOY-1005',
		registrationExpiration: 0,
		linkReferences: ['LOY-1005'],
		cards: [{ key: 'eva', maskedPan: '5222XXXXXXXX5005' }],
	},
	{
		externalId: 'crm-1006',
		customerReference: 'LOY-1001',
		registrationExpiration: FAR_FUTURE,
		linkReferences: ['LOY-1001-B'],
		cards: [],
	},
];

export function applySeed(core: Core): void {
	const { store } = core;
	CUSTOMERS.forEach((c, i) => {
		const created = BASE + i * 60_000;
		const id = SEED.customers[c.externalId];
		store.putCustomer({
			id,
			externalId: c.externalId,
			customerReference: c.customerReference,
			registrationExpiration: c.registrationExpiration,
			linkReferences: c.linkReferences ? [...c.linkReferences] : null,
			created,
			lastUpdated: created,
			registered: c.cards.length > 0 ? created + DAY : null,
		});
		for (const card of c.cards) {
			const cardId = SEED.cards[card.key];
			store.cards.set(cardId, {
				id: cardId,
				maskedPan: card.maskedPan,
				created: created + DAY,
				lastUpdated: created + DAY,
				customerId: id,
			});
		}
	});

	const at = (day: number) => BASE + day * DAY;
	const p = SEED.payments;
	addPayment(core, { reference: p.cardSale, amount: '25.00', merchantOrderReference: 'ORDER-1001', description: 'Order 1001', created: at(1) });
	addPayment(core, {
		reference: p.idealSale,
		amount: '49.95',
		method: 'ideal',
		issuer: 'INGBNL2A',
		merchantOrderReference: 'ORDER-1002',
		description: 'Order 1002',
		created: at(2),
	});
	addPayment(core, {
		reference: p.partlyRefunded,
		amount: '100.00',
		brand: 'mastercard',
		merchantOrderReference: 'ORDER-1003',
		description: 'Order 1003',
		created: at(3),
	});
	addPayment(core, {
		reference: SEED.refund,
		type: 'refund',
		amount: '30.00',
		brand: 'mastercard',
		originalReference: p.partlyRefunded,
		merchantOrderReference: 'ORDER-1003',
		description: 'Order 1003 - damaged item',
		created: at(4),
	});
	addPayment(core, {
		reference: SEED.authorisation,
		type: 'authorise',
		amount: '75.00',
		merchantOrderReference: 'ORDER-1004',
		description: 'Order 1004',
		created: at(5),
	});
	addPayment(core, {
		reference: p.mandatePayment,
		amount: '10.00',
		merchantOrderReference: 'ORDER-1005',
		description: 'Subscription, first month',
		details: { mandateId: SEED.mandate, maskedPan: '4242XXXXXXXX4242' },
		created: at(6),
	});
	addPayment(core, {
		reference: p.pending,
		amount: '15.00',
		status: 'pending',
		merchantOrderReference: 'ORDER-1006',
		description: 'Order 1006',
		created: at(7),
	});
	store.mandates.set(SEED.mandate, {
		mandateId: SEED.mandate,
		type: 'card',
		externalMandateReference: SEED.mandate,
		created: at(6),
		modified: at(6) + 30_000,
		signed: at(6) + 30_000,
		status: 'active',
		merchantOrderReference: 'ORDER-1005',
		childReferenceId: p.mandatePayment,
		details: {},
		maskedPan: '4242XXXXXXXX4242',
	});
	store.orders.set(SEED.order.orderId, {
		orderId: SEED.order.orderId,
		externalReference: SEED.order.externalReference,
		orderStatus: 'New',
		notifyCustomerByEmail: false,
		statusNotificationInformation: null,
		order: {},
		created: at(8),
		lastUpdate: at(8),
	});
}
