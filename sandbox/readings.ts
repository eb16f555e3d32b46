// The switches ("readings"): where CCV's docs are ambiguous or silent, each reading the sandbox can
// take. Defaults are the strict readings (README "Readings"); tests run the node against the others.

export interface Readings {
	/** Body of the 404 for an invalid URL (seed 002:466); 002:453, 002:455-459: every error body is JSON. */
	invalidUrlBody: 'json' | 'html' | 'empty';
	/** A method CCV does not have on a known path: the 404 "Invalid URL" (seed 002:463-469 list no 405), or 405 + Allow. */
	wrongMethod: 'invalid-url' | 'method-not-allowed';
	/** Paths with `.`/`..` segments (also %2e): refused as invalid URLs, or resolved first. */
	dotSegments: 'reject' | 'normalize';
	/** `notificationRequests`: "An object" (seed 004:470), or the sandbox's former array reading. */
	notificationRequests: 'object' | 'array';
	/** SubmitOrder's answer (undocumented, REFERENCE §12): no body (invents nothing), without orderId, or with it. */
	submitOrderAnswer: 'empty' | 'without-orderId' | 'with-orderId';
	/** Call http:// webhook / notification URLs (for tests with a local receiver). */
	allowHttpWebhooks: boolean;
	/** When http is not allowed: a transaction's http:// webhookUrl is accepted and never called, or refused. */
	httpWebhookUrl: 'not-called' | 'refused';
	/** SoftPOS `cardPresent`: the string of seed 004:527, or the JSON boolean of its prose (004:518). */
	cardPresent: 'string' | 'boolean';
	/** Where a vault payment's initialTransactionId goes: details (both request examples 001:231-234, 276-279) or sequenceInfo (FAQ 001:330). */
	initialTransactionId: 'details' | 'sequenceInfo';
	/** notificationRequests replace the webhook when present (REFERENCE §6 "Subscribing"), or only when they include StatusChanged (§6's event table). */
	notificationsReplaceWebhook: 'when-present' | 'status-changed';
	/** A new refund's status: pending, or success at once (REFERENCE §8: "may already be success (iDEAL example)"). */
	refundAnswer: 'pending' | 'success';
	/** Case of statuses and failure codes: lower, upper, or as documented (refund answer PENDING, 004:564). */
	statusCase: 'lower' | 'upper' | 'as-documented';
	/** How long an Idempotency-Reference is remembered: 'forever', 'off', or a number of seconds. */
	idempotencyRetention: 'forever' | 'off' | number;
	/** Transaction list envelope: a plain array, {data}, or {data, page}. */
	listEnvelope: 'array' | 'data' | 'data-page';
	/** Transaction list order by creation. */
	listOrder: 'asc' | 'desc';
	/** Transactions per list answer. */
	listPageSize: number;
	/** Unit of createdBefore / createdAfter. */
	listTimeUnit: 'ms' | 's';
	/**
	 * How text lengths are counted: UTF-16 units as Java's String.length() (CCV answers with Bean
	 * Validation's "size must be between 1 and 64", seed 000:736; an emoji is 2), or code points (an emoji is 1).
	 */
	textLength: 'utf16' | 'codepoints';
}

export const DEFAULT_READINGS: Readings = {
	invalidUrlBody: 'json',
	wrongMethod: 'invalid-url',
	dotSegments: 'reject',
	notificationRequests: 'object',
	submitOrderAnswer: 'empty',
	allowHttpWebhooks: false,
	httpWebhookUrl: 'not-called',
	cardPresent: 'string',
	initialTransactionId: 'details',
	notificationsReplaceWebhook: 'when-present',
	refundAnswer: 'pending',
	statusCase: 'as-documented',
	// Finite by default (issue 28 #15, the strict reading): CCV does not say how long it keeps a
	// reference, so the node may not rely on it; 'forever' stays a switch.
	idempotencyRetention: 86_400,
	listEnvelope: 'array',
	listOrder: 'asc',
	listPageSize: 25,
	listTimeUnit: 'ms',
	textLength: 'utf16',
};

/** Every allowed value per reading (numbers: see parseReading). */
export const READING_VALUES: { [K in keyof Readings]: readonly string[] } = {
	invalidUrlBody: ['json', 'html', 'empty'],
	wrongMethod: ['invalid-url', 'method-not-allowed'],
	dotSegments: ['reject', 'normalize'],
	notificationRequests: ['object', 'array'],
	submitOrderAnswer: ['empty', 'without-orderId', 'with-orderId'],
	allowHttpWebhooks: ['true', 'false'],
	httpWebhookUrl: ['not-called', 'refused'],
	cardPresent: ['string', 'boolean'],
	initialTransactionId: ['details', 'sequenceInfo'],
	notificationsReplaceWebhook: ['when-present', 'status-changed'],
	refundAnswer: ['pending', 'success'],
	statusCase: ['lower', 'upper', 'as-documented'],
	idempotencyRetention: ['forever', 'off', '<seconds>'],
	listEnvelope: ['array', 'data', 'data-page'],
	listOrder: ['asc', 'desc'],
	listPageSize: ['<1..1000>'],
	listTimeUnit: ['ms', 's'],
	textLength: ['utf16', 'codepoints'],
};

export const READING_NAMES = Object.keys(DEFAULT_READINGS) as Array<keyof Readings>;

/** Checks one reading's value (a string from the CLI, or the JSON value); throws a plain Error. */
export function parseReading<K extends keyof Readings>(name: K, value: unknown): Readings[K] {
	const fail = () => new Error(`${name} must be one of: ${READING_VALUES[name].join(', ')} (got ${JSON.stringify(value)})`);
	if (!READING_NAMES.includes(name)) throw new Error(`unknown reading ${String(name)}; known: ${READING_NAMES.join(', ')}`);
	if (name === 'allowHttpWebhooks') {
		if (value === true || value === 'true') return true as Readings[K];
		if (value === false || value === 'false') return false as Readings[K];
		throw fail();
	}
	if (name === 'idempotencyRetention' || name === 'listPageSize') {
		if (name === 'idempotencyRetention' && (value === 'forever' || value === 'off')) return value as Readings[K];
		const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
		const min = name === 'listPageSize' ? 1 : 0;
		if (!Number.isInteger(n) || n < min || (name === 'listPageSize' && n > 1000)) throw fail();
		return n as Readings[K];
	}
	if (typeof value !== 'string' || !READING_VALUES[name].includes(value)) throw fail();
	return value as Readings[K];
}

/** Checks a partial set of readings (unknown names refused). */
export function parseReadings(input: Record<string, unknown>): Partial<Readings> {
	const out: Partial<Record<keyof Readings, unknown>> = {};
	for (const [name, value] of Object.entries(input)) {
		if (value === undefined) continue;
		out[name as keyof Readings] = parseReading(name as keyof Readings, value);
	}
	return out as Partial<Readings>;
}

/** The readings in `opts` (SandboxOptions carries them flat). */
export function readingsFrom(opts: Record<string, unknown>): Partial<Readings> {
	const picked: Record<string, unknown> = {};
	for (const name of READING_NAMES) if (opts[name] !== undefined) picked[name] = opts[name];
	return parseReadings(picked);
}

/** Status or failure code in the case the reading asks for. */
export function cased(value: string, readings: Readings, documentedUpper = false): string {
	if (readings.statusCase === 'upper' || (readings.statusCase === 'as-documented' && documentedUpper)) return value.toUpperCase();
	return value.toLowerCase();
}

/** Applies the case reading to a transaction view (status, failureCode, related transactions). */
export function caseTransaction(view: Record<string, unknown>, readings: Readings, documentedUpper = false): Record<string, unknown> {
	const out = { ...view };
	if (typeof out.status === 'string') out.status = cased(out.status, readings, documentedUpper);
	if (typeof out.failureCode === 'string') out.failureCode = cased(out.failureCode, readings);
	if (Array.isArray(out.relatedTransactions)) {
		out.relatedTransactions = out.relatedTransactions.map((t) => caseTransaction(t as Record<string, unknown>, readings));
	}
	return out;
}
