import { z } from 'zod/v4';

import { MAX_IDEMPOTENCY_LENGTH } from '../helpers/idempotency';
import { amount, jsonValue, optionalText, text } from './common';
import { httpsUrl, webUrl } from './urls';

// Payment, capture and reversal bodies (REFERENCE §8, seed 001), and the rules every money
// request shares (refund.ts uses them too).

export const currency = z
	.string({ error: 'is required' })
	.trim()
	.regex(/^[A-Za-z]{3}$/, { error: 'must be a 3-letter ISO 4217 currency code such as eur' })
	.transform((code) => code.toLowerCase());

export const language = z
	.string({ error: 'must be text' })
	.trim()
	.regex(/^[A-Za-z]{3}$/, { error: 'must be a 3-letter ISO 639-2 language code such as eng, nld, deu or fra' });

/** A CCV transaction reference (ASCII, at most 255). A plain string schema, so others can add .regex(). */
export const transactionReference = z
	.string({ error: 'must be text' })
	.trim()
	.min(1, { error: 'is required' })
	.regex(/^\P{Cc}*$/u, {
		error: 'must not contain control characters (line breaks, tabs or invisible codes)',
	})
	.max(255, { error: (issue) => `must be at most 255 characters (it has ${String(issue.input ?? '').length})` });

export const idempotencyKey = z
	.string({ error: 'must be text' })
	.trim()
	.min(1, { error: 'is empty' })
	.max(MAX_IDEMPOTENCY_LENGTH, {
		error: (issue) =>
			`must be at most ${MAX_IDEMPOTENCY_LENGTH} characters (it has ${String(issue.input ?? '').length})`,
	})
	// It travels as an HTTP header: plain printable characters only.
	.regex(/^[\x20-\x7E]+$/, { error: 'may only hold letters, digits, spaces and common punctuation (no accents)' });

/** Notification Requests: CCV does not publish their fields; a real set is a few hundred characters. */
export const MAX_NOTIFICATION_JSON = 10_000;
/** Klarna order lines: one line is about 300 characters of JSON. */
export const MAX_ORDER_LINES_JSON = 100_000;

/** Fields every money request may carry. */
export const followUpFields = {
	description: optionalText(255),
	webhookUrl: httpsUrl.optional(),
	// "An object" (seed 004's refund request table).
	notificationRequests: jsonValue('object', MAX_NOTIFICATION_JSON),
};

/**
 * A method as CCV names them (card, ideal, landingpage, ...): the dropdown lists what CCV offers the
 * account, which may hold methods no fixed list has, so any well-formed name is accepted and CCV
 * refuses one it does not offer. Lower case, so " iDEAL " from an expression is the same payment.
 */
export const paymentMethod = z
	.string({ error: 'is required' })
	.trim()
	.min(1, { error: 'is required' })
	.toLowerCase()
	.regex(/^[a-z][a-z0-9_-]{0,49}$/, {
		error: 'must be a payment method name such as card, ideal or landingpage (Payment Method > Get Many lists those your account offers)',
	});

export const SEQUENCE_TYPES = ['RECURRING', 'UNSCHEDULED'] as const;
export const SEQUENCE_SOURCES = ['CIT', 'MIT'] as const;
export const TRANSACTION_TYPES = ['sale', 'authorise'] as const;

export type PaymentFlow = 'checkout' | 'mandate' | 'vault';

const orderLines = jsonValue('objectOrList', MAX_ORDER_LINES_JSON);

/** The body of one payment; `flow` decides what is required (not the fields, which may be invalid). */
export function paymentCreate(flow: PaymentFlow) {
	return z
		.object({
			amount,
			currency,
			method: paymentMethod,
			brand: optionalText(50),
			issuer: optionalText(50),
			returnUrl: webUrl.optional(),
			merchantOrderReference: optionalText(255),
			language: language.transform((code) => code.toLowerCase()).optional(),
			metadata: optionalText(255),
			transactionType: z.enum(TRANSACTION_TYPES, { error: 'must be sale or authorise' }).optional(),
			obtainMandate: z.literal('yes').optional(),
			storeInVault: z.literal('yes').optional(),
			mandateId: text(255).optional(),
			// Both request examples put initialTransactionId in details (seed 001:231-234, 276-279).
			details: z.object({ vaultAccessToken: text(255), initialTransactionId: text(255).optional() }).optional(),
			// Every example's mode is SUBSEQUENT (001:237, 282, 314, 325): no other value is sent.
			sequenceInfo: z
				.object({
					type: z.enum(SEQUENCE_TYPES, { error: 'must be RECURRING or UNSCHEDULED' }),
					mode: z.literal('SUBSEQUENT'),
					source: z.enum(SEQUENCE_SOURCES, { error: 'must be MIT or CIT' }),
				})
				.optional(),
			orderLines,
			...followUpFields,
		})
		.superRefine((payment, ctx) => {
			// CCV needs a return address when the customer pays or authenticates on the payUrl: checkout,
			// and a customer-initiated stored-card charge (001:258). A mandate charge runs "immediately
			// without user interaction" (001:86), whoever initiates it. No page requires Klarna order lines.
			const customerAuthenticates = flow === 'vault' && payment.sequenceInfo?.source === 'CIT';
			if (!payment.returnUrl && (flow === 'checkout' || customerAuthenticates)) {
				ctx.addIssue({
					code: 'custom',
					path: ['returnUrl'],
					message: customerAuthenticates
						? 'is required when the customer starts the charge (Initiated By: Customer): they may have to authenticate on the payUrl'
						: 'is required',
				});
			}
			if (flow === 'vault' && !payment.details?.initialTransactionId) {
				ctx.addIssue({ code: 'custom', path: ['details', 'initialTransactionId'], message: 'is required' });
			}
			// An expression that gives nothing must never turn a mandate charge into a payment without one.
			if (flow === 'mandate' && payment.mandateId === undefined) {
				ctx.addIssue({ code: 'custom', path: ['mandateId'], message: 'is required: it names the mandate to charge (it is empty)' });
			}
		});
}

export const capture = z.object({ reference: transactionReference, amount: amount.optional(), orderLines, ...followUpFields });

export const reversal = z.object({ reference: transactionReference, ...followUpFields });

export const paymentLabels = {
	amount: 'Amount',
	currency: 'Currency',
	method: 'Method Name or ID',
	brand: 'Brand Name or ID',
	issuer: 'Issuer Name or ID',
	returnUrl: 'Return URL',
	merchantOrderReference: 'Merchant Order Reference',
	language: 'Language',
	metadata: 'Metadata',
	transactionType: 'Transaction Type',
	mandateId: 'Mandate ID',
	'details.vaultAccessToken': 'Vault Access Token',
	'details.initialTransactionId': 'Initial Transaction ID',
	'sequenceInfo.type': 'Sequence Type',
	'sequenceInfo.mode': 'Sequence Type',
	'sequenceInfo.source': 'Initiated By',
	orderLines: 'Order Lines',
	description: 'Description',
	webhookUrl: 'Webhook URL',
	notificationRequests: 'Notification Requests',
	reference: 'Payment Reference',
};
