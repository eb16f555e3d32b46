import { z } from 'zod/v4';

// What the CCV Trigger accepts from a caller (never trusted beyond "which reference") and
// what it needs from CCV's own answers.

/** A transaction reference as CCV allows it: 1 to 255 characters, no spaces or control characters. */
export const transactionReference = z
	.string()
	.trim()
	.min(1)
	.max(255)
	.regex(/^[^\s\p{Cc}]+$/u);

/** CCV's order id (or whatever the user put in ?orderId=): it becomes one path segment. */
export const orderId = z
	.string()
	.trim()
	.min(1)
	.max(255)
	.regex(/^[^\s\p{Cc}/?#]+$/u);

/** A notification's event type, e.g. StatusChanged. Anything else is dropped, not echoed. */
export const eventType = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);

/** GET /api/v1/transaction?reference=: the fields the trigger relies on; the rest is passed on as is. */
export const transactionAnswer = z.looseObject({
	reference: z.string(),
	status: z.string().min(1),
	type: z.string().optional(),
});

/** GET /api/ordercompletion/reseller/order/{orderId}/status */
export const orderStatusAnswer = z.looseObject({
	orderStatus: z.string().min(1),
	externalReference: z.string().nullable().optional(),
});
