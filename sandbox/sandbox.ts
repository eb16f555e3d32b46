// startSandbox(): wires store, routes, faults, capacity, webhooks and the HTTP server into the
// in-process handle tests use.
import { Capacity } from './capacity';
import { controlHandler } from './control';
import type { Core } from './core';
import { Faults } from './faults';
import { addPayment, linkCard, notify, setBalance, setOrderStatus, settle, type PaymentFixture } from './fixtures';
import { Ids } from './ids';
import { toMandate, toTransaction } from './lifecycle';
import type { EventType } from './notifications';
import { DEFAULT_READINGS, parseReadings, readingsFrom, type Readings } from './readings';
import { Router } from './router';
import { ALL_ROUTES } from './routes';
import { applySeed } from './seed';
import { SandboxServer } from './server';
import { createMemoryStore } from './store';
import type {
	Card,
	CapacitySettings,
	Customer,
	Delivery,
	FaultSpec,
	LinkedCard,
	Mandate,
	MethodBalance,
	Order,
	OrderStatus,
	RequestLogEntry,
	SandboxOptions,
	Transaction,
	TransactionStatus,
} from './types';
import { Deliverer } from './webhooks';

export interface Sandbox {
	/** 'http://127.0.0.1:PORT'; CCV's paths are served at its root. */
	url: string;
	apiKey: string;
	/** Closes every socket (keep-alive ones too) and every outgoing webhook call. */
	close(): Promise<void>;
	log: RequestLogEntry[];
	clearLog(): void;
	/** Empty state, log, deliveries and faults; capacity and latency back to the start options; re-seeds if seeded. */
	reset(): void;
	state: {
		customers(): Customer[];
		cards(): LinkedCard[];
		transactions(): Transaction[];
		mandates(): Mandate[];
		orders(): Order[];
	};
	faults: { add(f: FaultSpec): void; clear(): void; list(): FaultSpec[] };
	capacity: { set(c: CapacitySettings): void; get(): CapacitySettings };
	setLatency(ms: number): void;
	/** Moves a transaction to a new status; the webhook or notifications follow. */
	settle(reference: string, status: TransactionStatus, opts?: { failureCode?: string; cancelledBy?: string }): Transaction;
	/** Sends a notification event to the transaction's subscribers of it; returns how many were sent. */
	notify(reference: string, eventType: EventType, data?: Record<string, unknown>): number;
	/** The merchant's balance for a method (null removes it): refunds above `total` get unsufficient_balance. */
	setBalance(method: string, balance: MethodBalance | null): void;
	/** Orders submitted with this externalReference (SubmitOrder's answer may not name the orderId). */
	ordersByExternalReference(externalReference: string): Order[];
	/** The switches in force (README "Readings"); `set` checks values; reset() restores the start options. */
	readings: { get(): Readings; set(r: Partial<Readings>): void };
	/** Moves an order; notifies its notificationUrl when the status is in notifyOnStatus. */
	setOrderStatus(orderId: string, status: OrderStatus): Order;
	/** The in-store step: links a (new, or by id an existing) card to the customer holding `linkReference`. */
	linkCard(linkReference: string, card?: Partial<Card>): LinkedCard;
	/** A ready-made transaction (default: successful €10.00 card sale). */
	addPayment(p?: PaymentFixture): Transaction;
	deliveries: Delivery[];
	waitForDeliveries(n: number, timeoutMs?: number): Promise<Delivery[]>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const host = opts.host ?? '127.0.0.1';
	const apiKey = opts.apiKey ?? 't_sandbox';
	let latencyMs = opts.latencyMs ?? 0;
	const store = createMemoryStore();
	const startReadings: Readings = { ...DEFAULT_READINGS, ...readingsFrom(opts as Record<string, unknown>) };
	const readings: Readings = { ...startReadings };
	const deliverer = new Deliverer(() => readings.allowHttpWebhooks);
	const core: Core = { store, ids: new Ids(), deliverer, now: () => Date.now(), baseUrl: '', readings };
	const faults = new Faults(opts.randomSeed ?? 1);
	const capacity = new Capacity();
	const startCapacity = { maxInFlight: opts.maxInFlight ?? null, ratePerSecond: opts.ratePerSecond ?? null };
	capacity.set(startCapacity);
	const log: RequestLogEntry[] = [];
	const router = new Router(ALL_ROUTES);

	const sandbox: Sandbox = {
		url: '',
		apiKey,
		close: () => server.close().then(() => deliverer.close()),
		log,
		clearLog: () => {
			log.length = 0;
		},
		reset: () => {
			store.clear();
			log.length = 0;
			deliverer.clear();
			faults.clear();
			capacity.reset();
			capacity.set(startCapacity);
			latencyMs = opts.latencyMs ?? 0;
			Object.assign(readings, startReadings);
			if (opts.seed) applySeed(core);
		},
		state: {
			customers: () => [...store.customers.values()].map((c) => structuredClone(c)),
			cards: () => [...store.cards.values()].map((c) => ({ ...c })),
			transactions: () => [...store.transactions.values()].map(toTransaction),
			mandates: () => [...store.mandates.values()].map(toMandate),
			orders: () => [...store.orders.values()].map((o) => structuredClone(o)),
		},
		faults: {
			add: (f) => faults.add(f),
			clear: () => faults.clear(),
			list: () => faults.list(),
		},
		capacity: {
			set: (c) => capacity.set(c),
			get: () => capacity.settings(),
		},
		setLatency: (ms) => {
			latencyMs = ms;
		},
		settle: (reference, status, settleOpts) => settle(core, reference, status, settleOpts),
		notify: (reference, eventType, data) => notify(core, reference, eventType, data),
		setBalance: (method, balance) => setBalance(core, method, balance),
		ordersByExternalReference: (externalReference) =>
			[...store.orders.values()].filter((o) => o.externalReference === externalReference).map((o) => structuredClone(o)),
		readings: {
			get: () => ({ ...readings }),
			set: (r) => {
				Object.assign(readings, parseReadings(r as Record<string, unknown>));
			},
		},
		setOrderStatus: (orderId, status) => setOrderStatus(core, orderId, status),
		linkCard: (linkReference, card) => linkCard(core, linkReference, card),
		addPayment: (p) => addPayment(core, p),
		deliveries: deliverer.deliveries,
		waitForDeliveries: (n, timeoutMs) => deliverer.waitFor(n, timeoutMs),
	};

	const server = new SandboxServer({
		core,
		router,
		faults,
		capacity,
		log,
		apiKey: () => apiKey,
		latencyMs: () => latencyMs,
		control: controlHandler(sandbox, core),
	});
	const port = await server.listen(opts.port ?? 0, host);
	const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	sandbox.url = `http://${urlHost}:${port}`;
	core.baseUrl = sandbox.url;
	if (opts.seed) applySeed(core);
	return sandbox;
}
