import { z } from 'zod/v4';

import { jsonValue, optionalText, pathId } from './common';
import { notificationUrl } from './urls';

// Boarding API order submission and status (seed 003, REFERENCE §12).

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

/** End states: the order will not change any more. */
export const FINAL_ORDER_STATUSES: readonly string[] = ['Completed', 'Closed', 'Canceled', 'Failed'];

/**
 * CCV's order ID (the Submit answer's orderId; its format is not documented, the sandbox and
 * CCV's examples use UUIDs): letters and digits with dots, dashes or underscores, never a path trick.
 */
export const orderId = pathId(100, {
	pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
	message: 'must be the order ID from the Submit answer, e.g. b0a7d000-0000-4000-8000-000000000001',
});

const orderJson = jsonValue('object');
const ORDER_REQUIRED = 'is required: paste the order object built with the order configurator';

/** The Order field: a JSON object. "{}" is seed 003:459's own example, so it is sent and CCV judges it. */
export const orderObject = z.unknown().transform((value, ctx) => {
	const parsed = orderJson.safeParse(value);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
		return z.NEVER;
	}
	if (parsed.data !== undefined) return parsed.data;
	const empty =
		(typeof value === 'string' && /^\s*\{\s*\}\s*$/.test(value)) ||
		(value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
	if (empty) return {};
	ctx.addIssue({ code: 'custom', message: ORDER_REQUIRED });
	return z.NEVER;
});

export const orderSubmit = z
	.object({
		notifyCustomerByEmail: z.boolean({ error: 'must be true or false' }),
		externalReference: optionalText(255),
		statusNotificationInformation: z
			.object({
				notificationUrl: notificationUrl.optional(),
				notifyOnStatus: z.array(z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` })).optional(),
			})
			.superRefine((info, ctx) => {
				if (info.notifyOnStatus?.length && !info.notificationUrl) {
					ctx.addIssue({
						code: 'custom',
						path: ['notifyOnStatus'],
						message: 'needs a Status Notification URL: CCV only notifies when one is given',
					});
				}
			})
			.optional(),
		order: orderObject,
	});

export const orderLabels = {
	notifyCustomerByEmail: 'Email the Merchant Being Boarded',
	externalReference: 'External Reference',
	'statusNotificationInformation.notificationUrl': 'Status Notification URL',
	'statusNotificationInformation.notifyOnStatus': 'Notify On Statuses',
	order: 'Order',
};
