import { z } from 'zod/v4';

import { amount, optionalText } from './common';
import { followUpFields, language, transactionReference } from './payment';
import { appOrWebUrl } from './urls';

// Refund request (seed 004): reference and amount limits, terminal and SoftPOS details,
// payout instructions.

export const OPERATING_ENVIRONMENTS = ['ATTENDED', 'SEMI_UNATTENDED'] as const;

export type RefundMethodDetails = 'none' | 'terminal' | 'softpos';

const terminalDetails = z
	.object({
		terminalId: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(50, { error: 'must be at most 50 characters' }),
		managementSystemId: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(50, { error: 'must be at most 50 characters' }),
		accessProtocol: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(20, { error: 'must be at most 20 characters' }),
		operatingEnvironment: z.enum(OPERATING_ENVIRONMENTS, { error: 'must be ATTENDED or SEMI_UNATTENDED' }).optional(),
		merchantLanguage: language.transform((code) => code.toUpperCase()).optional(),
	})
	.superRefine((details, ctx) => {
		if (details.operatingEnvironment === 'ATTENDED' && !details.merchantLanguage) {
			ctx.addIssue({
				code: 'custom',
				path: ['merchantLanguage'],
				message: 'is required when the Operating Environment is Attended',
			});
		}
	});

// Seed 004's example sends cardPresent as the string "false". The object itself is required for a
// softpos payment (004:514), so it is sent even when both fields are left to CCV's defaults.
const softposDetails = z.object({
	terminalId: optionalText(20),
	cardPresent: z.enum(['true', 'false']).optional(),
});

const payoutInstruction = z.object({ externalReference: optionalText(255), amount });

/** "19.99" -> 1999: exact, amounts have at most 12 digits. */
function cents(value: string): number {
	const [whole, decimals = ''] = value.split('.');
	return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

function formatCents(total: number): string {
	return `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
}

export function refundCreate(methodDetails: RefundMethodDetails) {
	const details =
		methodDetails === 'terminal' ? terminalDetails : methodDetails === 'softpos' ? softposDetails : z.undefined();
	return z
		.object({
			reference: transactionReference,
			amount: amount.optional(),
			merchantOrderReference: optionalText(255),
			returnUrl: appOrWebUrl.optional(),
			payoutInstructions: z.array(payoutInstruction).optional(),
			details: details.optional(),
			...followUpFields,
		})
		.superRefine((refund, ctx) => {
			// Seed 004:469: the Return URL is "Only valid for Terminal". Refused, never quietly dropped.
			if (refund.returnUrl !== undefined && methodDetails !== 'terminal') {
				ctx.addIssue({
					code: 'custom',
					path: ['returnUrl'],
					message: 'is only for refunds of terminal payments (CCV uses it for nothing else): empty it, or choose Payment Method Details: Terminal',
				});
			}
			// CCV refuses payout instructions on a refund without an amount (issue 23 #11).
			if (refund.payoutInstructions?.length && refund.amount === undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['payoutInstructions'],
					message: 'cannot be sent with a Full Amount refund: CCV refuses them there. Choose Partial Amount and give the amount the instructions add up to',
				});
				return;
			}
			// CCV: the payout instructions must add up to the refund amount.
			if (!refund.payoutInstructions?.length || refund.amount === undefined) return;
			const sum = refund.payoutInstructions.reduce((total, p) => total + cents(p.amount), 0);
			if (sum !== cents(refund.amount)) {
				ctx.addIssue({
					code: 'custom',
					path: ['payoutInstructions'],
					message: `add up to ${formatCents(sum)}, but the refund Amount is ${refund.amount}: CCV requires them to match`,
				});
			}
		});
}

export function refundLabels(payoutCount: number): Record<string, string> {
	const labels: Record<string, string> = {
		reference: 'Payment Reference',
		amount: 'Amount',
		description: 'Description',
		merchantOrderReference: 'Merchant Order Reference',
		webhookUrl: 'Webhook URL',
		returnUrl: 'Return URL (Terminal Only)',
		notificationRequests: 'Notification Requests',
		payoutInstructions: 'Payout Instructions',
		'details.terminalId': 'Terminal ID',
		'details.managementSystemId': 'Management System ID',
		'details.accessProtocol': 'Access Protocol',
		'details.operatingEnvironment': 'Operating Environment',
		'details.merchantLanguage': 'Merchant Language',
		'details.cardPresent': 'Card Present',
	};
	for (let i = 0; i < payoutCount; i++) {
		labels[`payoutInstructions.${i}.amount`] = `Payout Instructions (entry ${i + 1}) Amount`;
		labels[`payoutInstructions.${i}.externalReference`] = `Payout Instructions (entry ${i + 1}) External Reference`;
	}
	return labels;
}
