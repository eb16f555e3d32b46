// The sandbox's whole state, in memory, behind one small interface. Maps keep insertion order,
// which is creation order: listings rely on it.
import type { Customer, LinkedCard, Mandate, MethodBalance, Order, Transaction, TransactionType } from './types';
import type { NotificationRequest } from './notifications';

/** A transaction as held: CCV's view (`toTransaction` makes it) but with amounts in integer cents. */
export interface TxRecord extends Omit<Transaction, 'amount' | 'details' | 'payoutInstructions'> {
	amountCents: number;
	details: Record<string, unknown>;
	payoutInstructions?: Array<{ externalReference?: string; amountCents: number }>;
	notificationRequests?: NotificationRequest[];
	/** Set on payments that asked for obtainMandate / storeInVault. */
	mandateId?: string;
	storeInVault?: boolean;
}

export interface MandateRecord extends Mandate {
	maskedPan: string;
}

export interface VaultToken {
	token: string;
	initialTransactionId: string;
	maskedPan: string;
	expires: number;
}

export interface IdempotencyRecord {
	bodyKey: string;
	status: number;
	body: unknown;
	headers: Record<string, string>;
	createdReference?: string;
	/** Epoch ms when it was remembered (for the idempotencyRetention reading). */
	at: number;
}

export interface Store {
	/** Read-only: write customers through putCustomer/removeCustomer, which keep the indexes. */
	readonly customers: ReadonlyMap<string, Customer>;
	readonly cards: Map<string, LinkedCard>;
	readonly transactions: Map<string, TxRecord>;
	readonly mandates: Map<string, MandateRecord>;
	readonly orders: Map<string, Order>;
	readonly vaultTokens: Map<string, VaultToken>;
	readonly idempotency: Map<string, IdempotencyRecord>;
	/** Merchant balance per method (unset = unlimited). */
	readonly balances: Map<string, MethodBalance>;
	/** Adds or replaces a customer (same id) and re-indexes its externalId and link references. */
	putCustomer(customer: Customer): void;
	customerByExternalId(externalId: string): Customer | undefined;
	customerByLinkReference(linkReference: string): Customer | undefined;
	cardsOf(customerId: string): LinkedCard[];
	removeCustomer(customerId: string): void;
	removeCardsOf(customerId: string): void;
	/** Transactions that reference `reference` as their original (refunds, captures, reversals). */
	followUps(reference: string, type?: TransactionType): TxRecord[];
	clear(): void;
}

export function createMemoryStore(): Store {
	const customers = new Map<string, Customer>();
	const cards = new Map<string, LinkedCard>();
	const transactions = new Map<string, TxRecord>();
	const mandates = new Map<string, MandateRecord>();
	const orders = new Map<string, Order>();
	const vaultTokens = new Map<string, VaultToken>();
	const idempotency = new Map<string, IdempotencyRecord>();
	const balances = new Map<string, MethodBalance>();
	// Indexes: externalId -> customer id, link reference -> customer id (both unique per merchant).
	const byExternalId = new Map<string, string>();
	const byLinkReference = new Map<string, string>();
	const unindex = (customer: Customer | undefined) => {
		if (!customer) return;
		if (customer.externalId !== null) byExternalId.delete(customer.externalId);
		for (const link of customer.linkReferences ?? []) byLinkReference.delete(link);
	};
	const lookup = (index: Map<string, string>, key: string) => {
		const id = index.get(key);
		return id === undefined ? undefined : customers.get(id);
	};
	const store: Store = {
		customers,
		cards,
		transactions,
		mandates,
		orders,
		vaultTokens,
		idempotency,
		balances,
		putCustomer(customer) {
			unindex(customers.get(customer.id));
			customers.set(customer.id, customer);
			if (customer.externalId !== null) byExternalId.set(customer.externalId, customer.id);
			for (const link of customer.linkReferences ?? []) byLinkReference.set(link, customer.id);
		},
		customerByExternalId: (externalId) => lookup(byExternalId, externalId),
		customerByLinkReference: (ref) => lookup(byLinkReference, ref),
		cardsOf: (customerId) => [...cards.values()].filter((card) => card.customerId === customerId),
		removeCardsOf(customerId) {
			for (const card of store.cardsOf(customerId)) cards.delete(card.id);
		},
		removeCustomer(customerId) {
			store.removeCardsOf(customerId);
			unindex(customers.get(customerId));
			customers.delete(customerId);
		},
		followUps: (reference, type) =>
			[...transactions.values()].filter(
				(tx) => tx.originalReference === reference && (type === undefined || tx.type === type),
			),
		clear() {
			for (const map of [customers, byExternalId, byLinkReference, cards, transactions, mandates, orders, vaultTokens, idempotency, balances]) {
				map.clear();
			}
		},
	};
	return store;
}
