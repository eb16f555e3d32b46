import { z } from 'zod/v4';

import { orderId } from './order';
import { transactionReference } from './payment';

// What the CCV Trigger takes from a caller (never trusted beyond "which transaction or order")
// and what it needs from CCV's own answers.

const NO_SPACE_OR_CONTROL = /^[^\s\p{Cc}]+$/u;

/** The reference named in a webhook or notification body. */
export const referenceInCall = transactionReference.regex(NO_SPACE_OR_CONTROL);

/** The ?orderId= of the URL the user gave CCV. */
export const orderIdInUrl = orderId.regex(NO_SPACE_OR_CONTROL);

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
