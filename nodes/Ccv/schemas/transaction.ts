import { z } from 'zod/v4';

import { amount, epochMs, optionalText } from './common';
import { transactionReference } from './payment';

// Transaction list filters (REFERENCE §7). Dates are sent as epoch milliseconds, like every
// timestamp CCV returns (the unit of the filters is not documented).

export const TRANSACTION_FILTER_TYPES = ['sale', 'refund', 'token', 'credit', 'authorise', 'capture', 'vault'] as const;
export const TRANSACTION_STATUSES = ['pending', 'success', 'failed', 'manualintervention'] as const;
export const PAIDOUT_VALUES = ['yes', 'no', 'never'] as const;

const referenceList = z
	.array(z.string().trim().min(1).max(255, { error: 'must be at most 255 characters each' }))
	.max(100, { error: 'can hold at most 100 references' })
	.transform((list) => (list.length ? list.join(',') : undefined));

export const transactionFilters = z
	.object({
		merchantOrderReference: optionalText(255),
		references: referenceList.optional(),
		originalReferences: referenceList.optional(),
		createdAfter: epochMs.optional(),
		createdBefore: epochMs.optional(),
		amountMinimum: amount.optional(),
		amountMaximum: amount.optional(),
		type: z.enum(TRANSACTION_FILTER_TYPES, { error: `must be one of ${TRANSACTION_FILTER_TYPES.join(', ')}` }).optional(),
		status: z.enum(TRANSACTION_STATUSES, { error: `must be one of ${TRANSACTION_STATUSES.join(', ')}` }).optional(),
		method: optionalText(50),
		paidout: z.enum(PAIDOUT_VALUES, { error: 'must be yes, no or never' }).optional(),
	})
	.superRefine((f, ctx) => {
		if (f.createdAfter !== undefined && f.createdBefore !== undefined && f.createdAfter >= f.createdBefore) {
			ctx.addIssue({ code: 'custom', path: ['createdBefore'], message: 'must be later than "Created After"' });
		}
	});

export const transactionFilterLabels = {
	merchantOrderReference: 'Merchant Order Reference',
	references: 'References',
	originalReferences: 'Original Payment References',
	createdAfter: 'Created After',
	createdBefore: 'Created Before',
	amountMinimum: 'Amount Minimum',
	amountMaximum: 'Amount Maximum',
	type: 'Type',
	status: 'Status',
	method: 'Method',
	paidout: 'Paid Out',
};

/**
 * A reference as CCV writes them (e.g. C250324145223810CB87E194.Y). It travels in the query string,
 * encoded by n8n's HTTP helper, so it can never change the path or add a query field; spaces and
 * control characters are refused because no CCV reference has them.
 */
export const checkedReference = transactionReference.regex(/^[^\s\p{Cc}]+$/u, {
	error: 'must be a CCV transaction reference such as C250324145223810CB87E194.Y (no spaces or control characters)',
});
