import { z } from 'zod/v4';

import { MAX_IDEMPOTENCY_LENGTH } from '../helpers/idempotency';
import { amount, httpUrl, jsonValue, optionalText, text } from './common';

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

export const transactionReference = text(255);

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

/** Fields every money request may carry. */
export const followUpFields = {
	description: optionalText(255),
	webhookUrl: httpUrl.optional(),
	notificationRequests: jsonValue('objectOrList'),
};

export const SEQUENCE_TYPES = ['RECURRING', 'UNSCHEDULED'] as const;
export const SEQUENCE_SOURCES = ['MIT', 'CIT'] as const;
export const TRANSACTION_TYPES = ['sale', 'authorise'] as const;

export const paymentCreate = z
	.object({
		amount,
		currency,
		method: text(50),
		brand: optionalText(50),
		issuer: optionalText(50),
		returnUrl: httpUrl.optional(),
		merchantOrderReference: optionalText(255),
		language: language.transform((code) => code.toLowerCase()).optional(),
		metadata: optionalText(255),
		transactionType: z.enum(TRANSACTION_TYPES, { error: 'must be sale or authorise' }).optional(),
		obtainMandate: z.literal('yes').optional(),
		storeInVault: z.literal('yes').optional(),
		mandateId: text(255).optional(),
		details: z.object({ vaultAccessToken: text(255), initialTransactionId: text(255) }).optional(),
		sequenceInfo: z
			.object({
				type: z.enum(SEQUENCE_TYPES, { error: 'must be RECURRING or UNSCHEDULED' }),
				mode: z.string().trim().regex(/^[A-Z_]{1,30}$/, { error: 'must be a CCV sequence mode such as SUBSEQUENT' }),
				source: z.enum(SEQUENCE_SOURCES, { error: 'must be MIT or CIT' }),
			})
			.optional(),
		...followUpFields,
	})
	.superRefine((payment, ctx) => {
		// CCV needs a return address unless the payment runs without the customer.
		if (!payment.returnUrl && !payment.mandateId && !payment.details?.vaultAccessToken) {
			ctx.addIssue({ code: 'custom', path: ['returnUrl'], message: 'is required' });
		}
	});

export const capture = z.object({ reference: transactionReference, amount: amount.optional(), ...followUpFields });

export const reversal = z.object({ reference: transactionReference, ...followUpFields });

export const paymentLabels = {
	amount: 'Amount',
	currency: 'Currency',
	method: 'Method',
	brand: 'Brand',
	issuer: 'Issuer',
	returnUrl: 'Return URL',
	merchantOrderReference: 'Merchant Order Reference',
	language: 'Language',
	metadata: 'Metadata',
	transactionType: 'Transaction Type',
	mandateId: 'Mandate ID',
	'details.vaultAccessToken': 'Vault Access Token',
	'details.initialTransactionId': 'Initial Transaction ID',
	'sequenceInfo.type': 'Sequence Type',
	'sequenceInfo.mode': 'Sequence Mode',
	'sequenceInfo.source': 'Initiated By',
	description: 'Description',
	webhookUrl: 'Webhook URL',
	notificationRequests: 'Notification Requests',
	reference: 'Payment Reference',
};
