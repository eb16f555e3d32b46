// What tests and the control API do that CCV's API cannot: settle a transaction, move an order,
// link a card in store, add a ready-made payment.
import type { Core } from './core';
import { ControlError } from './errors';
import { changeStatus, emit, FINAL_STATUSES, toTransaction } from './lifecycle';
import { EVENT_TYPES, type EventType } from './notifications';
import { parseAmount } from './money';
import { moveOrder } from './routes/boarding';
import { payUrl } from './routes/payments';
import type { TxRecord } from './store';
import {
	ORDER_STATUSES,
	type Card,
	type LinkedCard,
	type MethodBalance,
	type Order,
	type OrderStatus,
	type Transaction,
	type TransactionStatus,
} from './types';

const SETTLE_STATUSES: TransactionStatus[] = ['success', 'failed', 'manualintervention'];
const MASKED_PAN = /^\d{4}X{5,11}\d{4}$/;
const PAN_PREFIXES = ['4111', '5222', '4000', '6703'];

export type PaymentFixture = Partial<Omit<Transaction, 'amount'>> & { amount?: number | string };

export function settle(
	core: Core,
	reference: string,
	status: TransactionStatus,
	opts: { failureCode?: string; cancelledBy?: string } = {},
): Transaction {
	const tx = core.store.transactions.get(reference);
	if (!tx) throw new ControlError(404, `No transaction with reference ${reference}`);
	if (!SETTLE_STATUSES.includes(status)) {
		throw new ControlError(400, `status must be one of: ${SETTLE_STATUSES.join(', ')}`);
	}
	if (tx.status !== status && FINAL_STATUSES.includes(tx.status)) {
		throw new ControlError(409, `Transaction ${reference} is already final (${tx.status})`);
	}
	if (opts.cancelledBy !== undefined && opts.failureCode !== 'cancelled') {
		throw new ControlError(400, 'cancelledBy goes with failureCode "cancelled" only (seed 002:545)');
	}
	changeStatus(core, tx, status, opts.failureCode, opts.cancelledBy);
	return toTransaction(tx);
}

/** Sends a notification event (any of REFERENCE §6) to the transaction's subscribers; returns how many. */
export function notify(core: Core, reference: string, eventType: EventType, data: Record<string, unknown> = {}): number {
	const tx = core.store.transactions.get(reference);
	if (!tx) throw new ControlError(404, `No transaction with reference ${reference}`);
	if (!EVENT_TYPES.includes(eventType)) throw new ControlError(400, `eventType must be one of: ${EVENT_TYPES.join(', ')}`);
	return emit(core, tx, eventType, data);
}

/** Sets (or with null removes) the merchant's balance for a method; refunds above its total fail. */
export function setBalance(core: Core, method: string, balance: MethodBalance | null): void {
	if (balance === null) {
		core.store.balances.delete(method);
		return;
	}
	for (const key of ['creditAmount', 'debitAmount', 'total'] as const) {
		if (typeof balance[key] !== 'number' || !Number.isFinite(balance[key])) throw new ControlError(400, `${key} must be a number`);
	}
	core.store.balances.set(method, { creditAmount: balance.creditAmount, debitAmount: balance.debitAmount, total: balance.total });
}

export function setOrderStatus(core: Core, orderId: string, status: OrderStatus): Order {
	const order = core.store.orders.get(orderId);
	if (!order) throw new ControlError(404, `No order with id ${orderId}`);
	if (!ORDER_STATUSES.includes(status)) {
		throw new ControlError(400, `status must be one of: ${ORDER_STATUSES.join(', ')}`);
	}
	moveOrder(core, order, status);
	return structuredClone(order);
}

/**
 * The in-store step: the customer holding `linkReference` gets a card. Passing the id of an
 * existing card moves that card (CCV: linking a card to B removes its link to A).
 */
export function linkCard(core: Core, linkReference: string, card: Partial<Card> = {}): LinkedCard {
	const customer = core.store.customerByLinkReference(linkReference);
	if (!customer) throw new ControlError(404, `No customer holds link reference ${linkReference}`);
	const now = core.now();
	// null = no expiration set (PUT by external id may omit it): linking stays open.
	if (customer.registrationExpiration !== null && customer.registrationExpiration <= now) {
		throw new ControlError(409, `Card linking is closed for customer ${customer.id} (registrationExpiration passed)`);
	}
	if (card.maskedPan !== undefined && !MASKED_PAN.test(card.maskedPan)) {
		throw new ControlError(400, 'maskedPan must look like 4111XXXXXXXX1111');
	}
	const existing = card.id ? core.store.cards.get(card.id) : undefined;
	let linked: LinkedCard;
	if (existing) {
		Object.assign(existing, { customerId: customer.id, lastUpdated: now }, card.maskedPan ? { maskedPan: card.maskedPan } : {});
		linked = existing;
	} else {
		const serial = core.ids.serial();
		linked = {
			id: card.id ?? core.ids.uuid(),
			maskedPan: card.maskedPan ?? `${PAN_PREFIXES[serial % PAN_PREFIXES.length]}XXXXXXXX${String(serial % 10000).padStart(4, '0')}`,
			created: card.created ?? now,
			lastUpdated: card.lastUpdated ?? now,
			customerId: customer.id,
		};
		core.store.cards.set(linked.id, linked);
	}
	customer.registered ??= now;
	return { ...linked };
}

/** A ready-made transaction (default: a successful €10.00 card sale), no webhook sent. */
export function addPayment(core: Core, p: PaymentFixture = {}): Transaction {
	const parsed = parseAmount(p.amount ?? 10);
	if ('error' in parsed) throw new ControlError(400, `amount: ${parsed.error}`);
	const now = core.now();
	const method = p.method ?? 'card';
	const reference = p.reference ?? core.ids.transactionReference(method, now);
	if (core.store.transactions.has(reference)) throw new ControlError(409, `Transaction ${reference} already exists`);
	const status = p.status ?? 'success';
	const created = p.created ?? now;
	const type = p.type ?? 'sale';
	const awaitsCustomer = status === 'pending' && (type === 'sale' || type === 'authorise');
	const payouts = p.payoutInstructions?.map((pi) => {
		const cents = parseAmount(pi.amount);
		if ('error' in cents) throw new ControlError(400, `payoutInstructions amount: ${cents.error}`);
		return { ...(pi.externalReference !== undefined ? { externalReference: pi.externalReference } : {}), amountCents: cents.cents };
	});
	const tx: TxRecord = {
		reference,
		type,
		status,
		amountCents: parsed.cents,
		currency: p.currency ?? 'eur',
		method,
		brand: p.brand ?? (method === 'card' ? 'visa' : undefined),
		issuer: p.issuer,
		language: p.language ?? 'eng',
		description: p.description,
		merchantOrderReference: p.merchantOrderReference,
		metadata: p.metadata,
		originalReference: p.originalReference,
		entryMode: p.entryMode ?? (method === 'card' ? 'ecom' : undefined),
		created,
		lastUpdate: p.lastUpdate ?? created,
		statusFinalDate: p.statusFinalDate ?? (FINAL_STATUSES.includes(status) ? (p.lastUpdate ?? created) : undefined),
		payUrl: p.payUrl ?? (awaitsCustomer ? payUrl(core, reference) : undefined),
		returnUrl: p.returnUrl,
		webhookUrl: p.webhookUrl,
		failureCode: p.failureCode,
		cancelledBy: p.cancelledBy,
		details: structuredClone(p.details ?? {}),
		payoutInstructions: payouts,
	};
	if (method === 'card' && status === 'success' && (tx.type === 'sale' || tx.type === 'authorise')) {
		tx.details.maskedPan ??= '4111XXXXXXXX1111';
		tx.details.authorisedAmount ??= parsed.cents / 100;
	}
	core.store.transactions.set(reference, tx);
	return toTransaction(tx);
}
