import { z } from 'zod/v4';

import { httpUrl, jsonValue, optionalText, text } from './common';

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

export const orderId = text(255);

export const orderSubmit = z
	.object({
		notifyCustomerByEmail: z.boolean({ error: 'must be true or false' }),
		externalReference: optionalText(255),
		statusNotificationInformation: z
			.object({
				notificationUrl: httpUrl.optional(),
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
		order: jsonValue('object').refine((order) => order !== undefined, {
			error: 'is required: paste the order object built with the order configurator',
		}),
	});

export const orderLabels = {
	notifyCustomerByEmail: 'Notify Customer by Email',
	externalReference: 'External Reference',
	'statusNotificationInformation.notificationUrl': 'Status Notification URL',
	'statusNotificationInformation.notifyOnStatus': 'Notify On Statuses',
	order: 'Order',
};
