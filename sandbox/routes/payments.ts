// POST /api/v1/payment (REFERENCE §8, seed 001): ordinary payments answer `pending` with a payUrl;
// payments with an active mandate or a vault token + sequenceInfo source MIT run at once.
import { json, type ApiRequest, type ApiResponse, type Core } from '../core';
import { inputError, processError } from '../errors';
import type { RouteInput } from '../input';
import { changeStatus, emit, toTransaction } from '../lifecycle';
import { CARD_BRANDS, CURRENCIES, METHOD_NAMES } from '../methods';
import type { TxRecord } from '../store';
import type { Route } from '../router';
import type { Fields, Body } from '../validate';

export function payUrl(core: Core, reference: string): string {
	return `${core.baseUrl}/_sandbox/pay?reference=${encodeURIComponent(reference)}`;
}

const P = '001_f85e87fe5418878a.txt';
const E = '002_817c28fb71dbd6fd.txt';
const OUR_LIMIT = 'the limit is silent: our choice';

/**
 * A vault payment's initialTransactionId: both request examples (seed 001:231-234, 276-279) put it in
 * details, the FAQ (001:330) in sequenceInfo. Each reading requires its place; a copy in the other
 * place as well is accepted (either reading would accept such a request), one only there is refused.
 */
function checkVaultPayment(f: Fields, values: Body, core: Core): void {
	const details = (values.details ?? {}) as Body;
	if (typeof details.vaultAccessToken !== 'string') return;
	const sequenceInfo = values.sequenceInfo as Body | undefined;
	if (!sequenceInfo) f.add('sequenceInfo', 'may not be null');
	const reading = core.readings.initialTransactionId;
	const place = reading === 'sequenceInfo' ? 'sequenceInfo.initialTransactionId' : 'details.initialTransactionId';
	const value = reading === 'sequenceInfo' ? sequenceInfo?.initialTransactionId : details.initialTransactionId;
	if (typeof value !== 'string' || value.length === 0) f.add(place, 'may not be null');
	else if (value.length > 255) f.add(place, 'size must be between 0 and 255');
}

const merchantInitiated = (values: Body) => values.mandateId !== undefined || (values.sequenceInfo as Body | undefined)?.source === 'MIT';

const PAYMENT_INPUT: RouteInput = {
	from: 'body',
	fields: [
		{ name: 'amount', kind: 'amount', required: true, source: `REF §8; ${P}:46; ${E}:487-494, ${E}:514` },
		{
			name: 'currency',
			required: true,
			check: { test: (v) => (/^[a-z]{3}$/.test(v as string) ? undefined : 'not ISO 4217'), says: '3 lowercase letters' },
			message: 'A ISO 4217 currency code is required',
			source: `REF §8; ${P}:47; ${E}:531-532`,
		},
		{
			name: 'method',
			required: true,
			max: 50,
			check: { test: (v) => (METHOD_NAMES.includes(v as string) ? undefined : 'A supported method is required'), says: 'a supported method' },
			source: `REF §8; ${E}:523-524; ${OUR_LIMIT}`,
		},
		{ name: 'mandateId', max: 255, source: `${P}:86-126; ${OUR_LIMIT}` },
		{ name: 'details', kind: 'object', source: `REF §8; ${P}:231-234` },
		{
			name: 'sequenceInfo',
			kind: 'object',
			fields: [
				{ name: 'type', required: true, oneOf: ['RECURRING', 'UNSCHEDULED'], source: `${P}:236, ${P}:321` },
				// Every example reads SUBSEQUENT (seed 001:237, 282, 314, 325; REFERENCE §10); no page shows another.
				{ name: 'mode', required: true, oneOf: ['SUBSEQUENT'], source: `${P}:237, ${P}:282, ${P}:314, ${P}:325; REF §10` },
				{ name: 'source', required: true, oneOf: ['MIT', 'CIT'], source: `${P}:238, ${P}:310, ${P}:321` },
				{ name: 'initialTransactionId', max: 255, source: `${P}:330; ${OUR_LIMIT}` },
			],
			source: `${P}:219-306`,
		},
		{
			name: 'returnUrl',
			required: { when: (values) => !merchantInitiated(values), says: 'unless merchant-initiated (mandateId, or sequenceInfo source MIT)' },
			max: 2000,
			source: `silent: our choice (every example sends one, e.g. ${P}:49; no page says required)`,
		},
		{ name: 'webhookUrl', kind: 'callbackUrl', max: 2000, source: `REF §5; ${P}:50` },
		{ name: 'merchantOrderReference', max: 255, source: `${P}:51; ${OUR_LIMIT}` },
		{ name: 'description', max: 255, source: `${P}:52; ${OUR_LIMIT}` },
		{
			name: 'language',
			max: 3,
			check: { test: (v) => (/^[a-zA-Z]{3}$/.test(v as string) ? undefined : 'must be an ISO 639-2 code'), says: 'ISO 639-2 (three letters)' },
			source: `${P}:53`,
		},
		{ name: 'transactionType', oneOf: ['sale', 'authorise'], source: `REF §8; ${P}:54` },
		{ name: 'obtainMandate', kind: 'yesNo', source: `${P}:40, ${P}:55, ${P}:81` },
		{ name: 'storeInVault', kind: 'yesNo', source: `${P}:163-208` },
		{ name: 'metadata', max: 255, source: `REF §8; ${OUR_LIMIT}` },
		{
			name: 'brand',
			max: 50,
			check: {
				test: (v, values) => (values.method === 'card' && !CARD_BRANDS.includes(v as string) ? `must be one of: ${CARD_BRANDS.join(', ')}` : undefined),
				says: 'a card brand when method is card',
			},
			source: `REF §8; ${OUR_LIMIT}`,
		},
		{ name: 'issuer', max: 64, source: `REF §8; ${OUR_LIMIT}` },
		{ name: 'notificationRequests', kind: 'notificationRequests', source: 'REF §6 (reading `notificationRequests`)' },
		{ name: 'payoutInstructions', kind: 'payoutInstructions', source: '004_64a4b0c63fd70d0d.txt:535-541' },
	],
	across: {
		test: checkVaultPayment,
		says: 'a vault token (`details.vaultAccessToken`) needs `sequenceInfo` and an `initialTransactionId` in the place the `initialTransactionId` reading names',
		source: `${P}:219-306, ${P}:231-234, ${P}:276-279 vs ${P}:330`,
	},
};

function createPayment(core: Core, req: ApiRequest): ApiResponse {
	const input = req.input as Body;
	const amountCents = input.amount as number;
	const currency = input.currency as string;
	const method = input.method as string;
	const mandateId = input.mandateId as string | undefined;
	const sequenceInfo = input.sequenceInfo as Body | undefined;
	const details = (input.details ?? {}) as Body;
	const vaultAccessToken = typeof details.vaultAccessToken === 'string' ? details.vaultAccessToken : undefined;
	const returnUrl = input.returnUrl as string | undefined;
	const webhookUrl = input.webhookUrl as string | undefined;
	const merchantOrderReference = input.merchantOrderReference as string | undefined;
	const description = input.description as string | undefined;
	const language = input.language as string | undefined;
	const transactionType = (input.transactionType as string | undefined) ?? 'sale';
	const obtainMandate = input.obtainMandate as boolean | undefined;
	const storeInVault = input.storeInVault as boolean | undefined;
	const metadata = input.metadata as string | undefined;
	const brand = input.brand as string | undefined;
	const issuer = input.issuer as string | undefined;
	const notificationRequests = input.notificationRequests as TxRecord['notificationRequests'];
	const payoutInstructions = input.payoutInstructions as TxRecord['payoutInstructions'];
	if (payoutInstructions) {
		const sum = payoutInstructions.reduce((total, p) => total + p.amountCents, 0);
		if (sum !== amountCents) {
			throw inputError([{ field: 'payoutInstructions', message: 'the sum of the payout instructions must match the amount' }]);
		}
	}
	if (currency && !CURRENCIES.includes(currency)) {
		throw processError('unsupported_currency', `Currency ${currency} is not supported`);
	}

	const now = core.now();
	const tx: TxRecord = {
		reference: core.ids.transactionReference(method as string, now),
		type: transactionType as TxRecord['type'],
		status: 'pending',
		amountCents: amountCents as number,
		currency: currency as string,
		method: method as string,
		brand: brand ?? (method === 'card' ? 'visa' : undefined),
		issuer,
		language: language ?? 'eng',
		description,
		merchantOrderReference,
		metadata,
		entryMode: method === 'card' ? 'ecom' : undefined,
		created: now,
		lastUpdate: now,
		returnUrl,
		webhookUrl,
		details: {},
		payoutInstructions,
		notificationRequests,
		storeInVault,
	};

	if (mandateId !== undefined) {
		const mandate = core.store.mandates.get(mandateId);
		if (!mandate) throw processError('unknown_reference', `Mandate ${mandateId} is not known`);
		if (mandate.status !== 'active') throw processError('processing_error', `Mandate ${mandateId} is not active`);
		Object.assign(tx.details, { mandateId, maskedPan: mandate.maskedPan });
		core.store.transactions.set(tx.reference, tx);
		emit(core, tx, 'MandateUsed', { mandateId });
		changeStatus(core, tx, 'success');
		return { ...json(toTransaction(tx)), createdReference: tx.reference };
	}

	if (vaultAccessToken !== undefined) {
		const token = core.store.vaultTokens.get(vaultAccessToken);
		if (!token || token.expires <= now) {
			throw processError('vault_token_expired', 'The vault access token is unknown or expired');
		}
		Object.assign(tx.details, { maskedPan: token.maskedPan, initialTransactionId: token.initialTransactionId });
		core.store.transactions.set(tx.reference, tx);
		if (sequenceInfo?.source === 'MIT') changeStatus(core, tx, 'success');
		else tx.payUrl = payUrl(core, tx.reference);
		return { ...json(toTransaction(tx)), createdReference: tx.reference };
	}

	tx.payUrl = payUrl(core, tx.reference);
	if (obtainMandate) {
		const id = core.ids.mandateId(now);
		core.store.mandates.set(id, {
			mandateId: id,
			type: method as string,
			externalMandateReference: id,
			created: now,
			modified: now,
			signed: null,
			status: 'pending',
			merchantOrderReference,
			signUrl: tx.payUrl,
			returnUrl,
			childReferenceId: tx.reference,
			details: {},
			maskedPan: '4111XXXXXXXX1111',
		});
		tx.mandateId = id;
		tx.details.mandateId = id;
	}
	core.store.transactions.set(tx.reference, tx);
	return { ...json(toTransaction(tx)), createdReference: tx.reference };
}

export const paymentRoutes: Route[] = [
	{
		method: 'POST',
		path: '/api/v1/payment',
		answers: '→ 200 pending + payUrl (REF §8: "status (usually pending) and a payUrl"); an active `mandateId` → success at once',
		sources: ['REF §8', `${P}:45-55`, `${P}:86-126`],
		input: PAYMENT_INPUT,
		handler: createPayment,
		idempotent: true,
		transactions: 'yes',
	},
];
