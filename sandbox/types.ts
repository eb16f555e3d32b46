// Public shapes of the CCV sandbox: what CCV answers (customers, cards, transactions, mandates,
// orders) and what the sandbox exposes for tests (log, deliveries, faults).
import type { Readings } from './readings';

export interface Customer {
	id: string;
	externalId: string | null;
	customerReference: string;
	/** A Java long: bigint beyond 2^53-1 (e.g. 9223372036854775807n, "the maximum value"), written as its exact digits. */
	registrationExpiration: number | bigint | null;
	linkReferences: string[] | null;
	created: number;
	lastUpdated: number;
	registered: number | null;
}

export interface Card {
	id: string;
	maskedPan: string;
	created: number;
	lastUpdated: number;
}

/** A card as the sandbox state holds it: the CCV card object plus the customer it is linked to. */
export interface LinkedCard extends Card {
	customerId: string;
}

export type TransactionStatus = 'pending' | 'success' | 'failed' | 'manualintervention';
export type TransactionType = 'sale' | 'authorise' | 'capture' | 'refund' | 'reversal' | 'token';

export interface PayoutInstruction {
	externalReference?: string;
	amount: number;
}

/** A transaction exactly as `GET /api/v1/transaction?reference=` answers it. */
export interface Transaction {
	reference: string;
	type: TransactionType;
	status: TransactionStatus;
	amount: number;
	currency: string;
	method: string;
	brand?: string;
	issuer?: string;
	language?: string;
	description?: string;
	merchantOrderReference?: string;
	metadata?: string;
	originalReference?: string;
	entryMode?: string;
	created: number;
	lastUpdate: number;
	statusFinalDate?: number;
	payUrl?: string;
	returnUrl?: string;
	webhookUrl?: string;
	failureCode?: string;
	/** With failureCode `cancelled`: who cancelled (seed 002:545). */
	cancelledBy?: string;
	details?: Record<string, unknown>;
	payoutInstructions?: PayoutInstruction[];
}

export type MandateStatus = 'pending' | 'active' | 'inactive';

export interface Mandate {
	mandateId: string;
	type: string;
	externalMandateReference: string;
	created: number;
	modified: number;
	signed: number | null;
	status: MandateStatus;
	merchantOrderReference?: string;
	signUrl?: string;
	returnUrl?: string;
	childReferenceId: string;
	details: Record<string, unknown>;
}

export const ORDER_STATUSES = [
	'Processing',
	'Incomplete',
	'AwaitingPayment',
	'Screening',
	'New',
	'ErpInProgress',
	'FulfillmentInProgress',
	'FulfillmentDone',
	'Completed',
	'Closed',
	'Canceled',
	'Failed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Order {
	orderId: string;
	externalReference: string | null;
	orderStatus: OrderStatus;
	notifyCustomerByEmail: boolean;
	statusNotificationInformation: { notificationUrl?: string; notifyOnStatus?: OrderStatus[] } | null;
	order: Record<string, unknown>;
	created: number;
	lastUpdate: number;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-cased request headers, `authorization` removed. */
	headers: Record<string, string>;
	/** Parsed JSON, or the raw text when it was not JSON, or undefined when there was none. */
	body: unknown;
	/** 0 when the connection was dropped without an answer. */
	status: number;
	responseBody: unknown;
	startedAt: number;
	durationMs: number;
	outcome: 'answered' | 'dropped' | 'rejected-capacity';
}

export interface Delivery {
	kind: 'webhook' | 'notification' | 'order';
	url: string;
	/** The JSON body sent; '' for the empty-bodied order notification. */
	body: unknown;
	status?: number;
	error?: string;
	/** Epoch ms when it was sent. */
	at: number;
}

export interface FaultMatch {
	method?: string;
	/** A RegExp, or a string holding a RegExp source; tested against the path without query. */
	path?: string | RegExp;
}

interface FaultBase {
	match?: FaultMatch;
	/** How many matching requests it applies to; default unlimited. */
	count?: number;
	/** Share (0..1) of matching requests it applies to; default 1. */
	fraction?: number;
}

export type FaultSpec = FaultBase &
	(
		| { kind: 'latency'; ms: number }
		| { kind: 'status'; status: 429 | 500 | 502 | 503 | 504; retryAfter?: string }
		| { kind: 'drop-after-apply' }
		| { kind: 'drop-before-apply' }
		| { kind: 'slow-body'; ms: number }
		/** Answers exactly this (JSON body), applying nothing: for answers CCV's state cannot produce. */
		| { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
	);

export interface CapacitySettings {
	maxInFlight?: number | null;
	ratePerSecond?: number | null;
	/** Token-bucket size for ratePerSecond; default one second's worth (= ratePerSecond). */
	burst?: number | null;
	retryAfterSeconds?: number;
}

/** The merchant's balance for one method (seed 002:485, 002:503): refunds above `total` get unsufficient_balance. */
export interface MethodBalance {
	creditAmount: number;
	debitAmount: number;
	total: number;
}

/** Start options; the readings (switches, see readings.ts and the README) sit here flat. */
export interface SandboxOptions extends Partial<Readings> {
	/** 0 = a free port (default). */
	port?: number;
	host?: string;
	apiKey?: string;
	/** Load the demo data (default false). */
	seed?: boolean;
	latencyMs?: number;
	maxInFlight?: number;
	ratePerSecond?: number;
	/** Seed of the pseudo-random source behind fault `fraction` (default 1). */
	randomSeed?: number;
}
