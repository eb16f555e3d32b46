// POST /api/v1/payment (REFERENCE §8, seed 001): ordinary payments answer `pending` with a payUrl;
// payments with an active mandate or a vault token + sequenceInfo source MIT run at once.
import { json, type ApiRequest, type ApiResponse, type Core } from '../core';
import { processError } from '../errors';
import { changeStatus, emit, toTransaction } from '../lifecycle';
import { CARD_BRANDS, CURRENCIES, METHOD_NAMES } from '../methods';
import { readCallbackUrl, readNotificationRequests } from '../notifications';
import type { TxRecord } from '../store';
import { Fields, type Body } from '../validate';
import { requireBody } from './customers';

export function payUrl(core: Core, reference: string): string {
	return `${core.baseUrl}/_sandbox/pay?reference=${encodeURIComponent(reference)}`;
}

export function readCurrency(f: Fields, required: boolean): string | undefined {
	const value = f.body.currency;
	if (value === undefined || value === null) {
		if (required) f.add('currency', 'A ISO 4217 currency code is required');
		return undefined;
	}
	if (typeof value !== 'string' || !/^[a-z]{3}$/.test(value)) {
		f.add('currency', 'A ISO 4217 currency code is required');
		return undefined;
	}
	return value;
}

/** `payoutInstructions`: [{externalReference?, amount}], amounts in cents. */
export function readPayoutInstructions(f: Fields): TxRecord['payoutInstructions'] {
	const value = f.body.payoutInstructions;
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) {
		f.add('payoutInstructions', 'must be an array');
		return undefined;
	}
	return value.map((entry: unknown, i) => {
		const sub = new Fields(typeof entry === 'object' && entry !== null ? (entry as Body) : {});
		const amountCents = sub.amount('amount', { required: true });
		const externalReference = sub.string('externalReference', { max: 255 });
		for (const e of sub.errors) f.add(`payoutInstructions[${i}].${e.field}`, e.message);
		return { ...(externalReference !== undefined ? { externalReference } : {}), amountCents: amountCents ?? 0 };
	});
}

function readSequenceInfo(f: Fields): Body | undefined {
	const info = f.object('sequenceInfo');
	if (!info) return undefined;
	const sub = new Fields(info);
	sub.string('type', { required: true, oneOf: ['RECURRING', 'UNSCHEDULED'] });
	// Every example reads SUBSEQUENT (seed 001:237, 282, 314, 325; REFERENCE §10); no page shows another.
	sub.string('mode', { required: true, oneOf: ['SUBSEQUENT'] });
	sub.string('source', { required: true, oneOf: ['MIT', 'CIT'] });
	sub.string('initialTransactionId', { max: 255 });
	for (const e of sub.errors) f.add(`sequenceInfo.${e.field}`, e.message);
	return info;
}

/**
 * A vault payment's initialTransactionId: both request examples (seed 001:231-234, 276-279) put it in
 * details, the FAQ (001:330) in sequenceInfo. Each reading requires its place; a copy in the other
 * place as well is accepted (either reading would accept such a request), one only there is refused.
 */
function readInitialTransactionId(
	f: Fields,
	details: Body,
	sequenceInfo: Body | undefined,
	reading: 'sequenceInfo' | 'details',
): void {
	const place = reading === 'sequenceInfo' ? 'sequenceInfo.initialTransactionId' : 'details.initialTransactionId';
	const value = reading === 'sequenceInfo' ? sequenceInfo?.initialTransactionId : details.initialTransactionId;
	if (typeof value !== 'string' || value.length === 0) f.add(place, 'may not be null');
	else if (value.length > 255) f.add(place, 'size must be between 0 and 255');
}

function createPayment(core: Core, req: ApiRequest): ApiResponse {
	const f = new Fields(requireBody(req.body));
	const amountCents = f.amount('amount', { required: true });
	const currency = readCurrency(f, true);
	const method = f.string('method', { required: true, max: 50 });
	if (method !== undefined && !METHOD_NAMES.includes(method)) f.add('method', 'A supported method is required');
	const mandateId = f.string('mandateId', { max: 255 });
	const details = f.object('details') ?? {};
	const sequenceInfo = readSequenceInfo(f);
	const vaultAccessToken = typeof details.vaultAccessToken === 'string' ? details.vaultAccessToken : undefined;
	const merchantInitiated = mandateId !== undefined || sequenceInfo?.source === 'MIT';
	const returnUrl = f.string('returnUrl', { required: !merchantInitiated, max: 2000 });
	const webhookUrl = readCallbackUrl(f, 'webhookUrl', f.body.webhookUrl, core.readings);
	const merchantOrderReference = f.string('merchantOrderReference', { max: 255 });
	const description = f.string('description', { max: 255 });
	const language = f.string('language', { max: 3 });
	if (language !== undefined && !/^[a-zA-Z]{3}$/.test(language)) f.add('language', 'must be an ISO 639-2 code');
	const transactionType = f.string('transactionType', { oneOf: ['sale', 'authorise'] }) ?? 'sale';
	const obtainMandate = f.yesNo('obtainMandate');
	const storeInVault = f.yesNo('storeInVault');
	const metadata = f.string('metadata', { max: 255 });
	const brand = f.string('brand', { max: 50 });
	if (brand !== undefined && method === 'card' && !CARD_BRANDS.includes(brand)) {
		f.add('brand', `must be one of: ${CARD_BRANDS.join(', ')}`);
	}
	const issuer = f.string('issuer', { max: 64 });
	const notificationRequests = readNotificationRequests(f, core.readings);
	const payoutInstructions = readPayoutInstructions(f);
	if (vaultAccessToken !== undefined) {
		if (!sequenceInfo) f.add('sequenceInfo', 'may not be null');
		readInitialTransactionId(f, details, sequenceInfo, core.readings.initialTransactionId);
	}
	f.check();
	if (payoutInstructions && amountCents !== undefined) {
		const sum = payoutInstructions.reduce((total, p) => total + p.amountCents, 0);
		if (sum !== amountCents) {
			f.add('payoutInstructions', 'the sum of the payout instructions must match the amount');
			f.check();
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

export const paymentRoutes = [
	{ method: 'POST' as const, path: '/api/v1/payment', handler: createPayment, idempotent: true, transactions: 'yes' as const },
];
