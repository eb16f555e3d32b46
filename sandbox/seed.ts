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
/** Java's Long.MAX_VALUE: "the maximum value" that keeps linking open (seed 000:580); above 2^53-1. */
export const LONG_MAX = 9223372036854775807n;
/** Seed 001's example vault access token: test data, not a secret. */
const VAULT_EXAMPLE_REF = '5C810B0AD0B1BC0926EBEA53';

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
		/** registrationExpiration null (optional, seed 000:618 / 000:1095), one card. */
		'crm-1007': 'c5e1d000-0000-4000-8000-000000001007',
		/** registrationExpiration 9223372036854775807 (the maximum long, seed 000:580), two cards. */
		'crm-1008': 'c5e1d000-0000-4000-8000-000000001008',
	},
	/** externalIds of customers whose registrationExpiration has passed. */
	expiredExternalIds: ['crm-1003', 'crm-1004'],
	cards: {
		anna1: 'ca4d0000-0000-4000-8000-000000000001',
		anna2: 'ca4d0000-0000-4000-8000-000000000002',
		bram: 'ca4d0000-0000-4000-8000-000000000003',
		chris: 'ca4d0000-0000-4000-8000-000000000004',
		eva: 'ca4d0000-0000-4000-8000-000000000005',
		fleur: 'ca4d0000-0000-4000-8000-000000000006',
		gijs1: 'ca4d0000-0000-4000-8000-000000000007',
		gijs2: 'ca4d0000-0000-4000-8000-000000000008',
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
		/** €20.05 payconiq sale, success; the payconiq balance (seed 002:503) is too low to refund it: unsufficient_balance. */
		lowBalance: 'SEEDPAY0006',
		/** €12.50 card sale, failed: failureCode cancelled, cancelledBy customer (seed 002:545). */
		cancelled: 'SEEDPAY0007',
		/** €60.00 card sale in manualintervention (REFERENCE §7). */
		manualIntervention: 'SEEDPAY0008',
		/** €30.00 landing-page payment (not refundable, seed 004) whose child is a card sale. */
		landingPage: 'SEEDLP0001',
		/** The landing page's child: €30.00 card sale, success, refundable. */
		landingPageChild: 'SEEDLPCHILD0001',
	},
	/** A vault transaction (type token, method vault, seed 001:137-160) and its token, usable for MIT/CIT payments. */
	vault: { reference: 'SEEDVAULT0001', accessToken: VAULT_EXAMPLE_REF, initialTransactionId: 'ABC23456282' },
	/** The payconiq balance: seed 002's example numbers. */
	balance: { method: 'payconiq', creditAmount: 0.35, debitAmount: 1.7, total: 1.35 },
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
	{
		externalId: 'crm-1007',
		customerReference: 'LOY-1007',
		registrationExpiration: null,
		linkReferences: ['LOY-1007'],
		cards: [{ key: 'fleur', maskedPan: '4111XXXXXXXX7007' }],
	},
	{
		externalId: 'crm-1008',
		customerReference: 'LOY-1008',
		registrationExpiration: LONG_MAX,
		linkReferences: ['LOY-1008', '31687654321'],
		cards: [
			{ key: 'gijs1', maskedPan: '5222XXXXXXXX8001' },
			{ key: 'gijs2', maskedPan: '4000XXXXXXXX8002' },
		],
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
	addPayment(core, {
		reference: p.lowBalance,
		amount: '20.05',
		method: 'payconiq',
		merchantOrderReference: 'ORDER-1007',
		description: 'Order 1007',
		created: at(9),
	});
	const { method: balanceMethod, ...balance } = SEED.balance;
	store.balances.set(balanceMethod, balance);
	addPayment(core, {
		reference: p.cancelled,
		amount: '12.50',
		status: 'failed',
		failureCode: 'cancelled',
		cancelledBy: 'customer',
		merchantOrderReference: 'ORDER-1008',
		description: 'Order 1008',
		created: at(10),
	});
	addPayment(core, {
		reference: p.manualIntervention,
		amount: '60.00',
		status: 'manualintervention',
		merchantOrderReference: 'ORDER-1009',
		description: 'Order 1009',
		created: at(11),
	});
	addPayment(core, {
		reference: SEED.vault.reference,
		type: 'token',
		method: 'vault',
		amount: '0.01',
		merchantOrderReference: 'VAULT-1001',
		description: 'Enter card details for use in MyService',
		returnUrl: 'https://shop.example/return?order=VAULT-1001',
		details: {
			dataType: 'card',
			expirationDuration: 'P0Y2M1DT0H0M0.000S',
			expirationTimestamp: FAR_FUTURE,
			vaultAccessToken: SEED.vault.accessToken,
			brand: 'mastercard',
			maskedPan: 'XXXXXXXXXXXXX4227',
			initialTransactionId: SEED.vault.initialTransactionId,
		},
		created: at(12),
	});
	store.vaultTokens.set(SEED.vault.accessToken, {
		token: SEED.vault.accessToken,
		initialTransactionId: SEED.vault.initialTransactionId,
		maskedPan: '5222XXXXXXXX4227',
		expires: FAR_FUTURE,
	});
	// How a landing page names its child is undocumented: details.childReference / parentReference (our choice).
	addPayment(core, {
		reference: p.landingPage,
		amount: '30.00',
		method: 'landingpage',
		merchantOrderReference: 'ORDER-1010',
		description: 'Order 1010',
		details: { childReference: p.landingPageChild },
		created: at(13),
	});
	addPayment(core, {
		reference: p.landingPageChild,
		amount: '30.00',
		merchantOrderReference: 'ORDER-1010',
		description: 'Order 1010',
		details: { parentReference: p.landingPage },
		created: at(13) + 60_000,
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
