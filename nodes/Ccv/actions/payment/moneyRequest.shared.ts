import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { deriveIdempotencyReference } from '../../helpers/idempotency';
import { validateItem } from '../../helpers/validate';
import { idempotencyKey } from '../../schemas/payment';
import type { CcvClient } from '../../transport';
import { withFailureMeaning } from '../transaction/transaction.helpers';

// What refund, payment, capture and reversal share: the Idempotency-Reference on every request,
// Dry Run, and the optional follow-up fields (description, webhook, notifications).

export type MoneyOperation = 'refund' | 'payment' | 'capture' | 'reversal';

export function idempotencyKeyOption(what: string): INodeProperties {
	return {
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. ticket-48213',
		description: `Leave empty (recommended): the node makes a key from this ${what}'s details, so running the same item again (Retry On Fail, a re-run, an automatic retry) never creates a second ${what}. Set your own key (at most 50 characters) only to make two identical ${what}s on purpose, e.g. two equal partial refunds of one payment: give each a different key, such as its ticket ID. The same key with the same details is always the same ${what} (a repeat outputs CCV's first answer; Transaction > Get shows the current status). Never reuse a key for different details.`,
	};
}

export const followUpFieldOptions: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Text CCV stores with the transaction (at most 255 characters)',
	},
	{
		displayName: 'Notification Requests',
		name: 'notificationRequests',
		type: 'json',
		default: '',
		description:
			'CCV\'s notificationRequests, as JSON, sent unchanged: subscribes to events such as StatusChanged for this transaction. CCV does not publish its fields; use what CCV told you.',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/ccv-webhook',
		description:
			'Address CCV calls when the status changes, instead of your account\'s webhook (at most 2000 characters). A CCV Trigger node\'s URL works here.',
	},
];

/** Text left empty in the editor means "not set". */
export function given(value: unknown): IDataObject[string] {
	if (value === '' || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value as IDataObject[string];
}

/** The body without unset fields, so what is sent, hashed and shown is the same. */
export function compact<T>(value: T): T {
	if (Array.isArray(value)) return value.map(compact) as T;
	if (value && typeof value === 'object' && value.constructor === Object) {
		const entries = Object.entries(value as IDataObject)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => [k, compact(v)]);
		return Object.fromEntries(entries) as T;
	}
	return value;
}

export interface MoneyOptions {
	dryRun: boolean;
	idempotencyKey?: string;
}

export function readMoneyOptions(ctx: IExecuteFunctions, i: number): MoneyOptions {
	const options = ctx.getNodeParameter('options', i, {}) as { dryRun?: boolean; idempotencyKey?: string };
	const key = given(options.idempotencyKey);
	return {
		dryRun: options.dryRun ?? false,
		idempotencyKey: key === undefined ? undefined : validateItem(ctx, idempotencyKey, key, i, { '': 'Idempotency Key' }),
	};
}

/** The follow-up fields from an Additional Fields collection. */
export function followUpInput(fields: IDataObject): IDataObject {
	return {
		description: given(fields.description),
		webhookUrl: given(fields.webhookUrl),
		notificationRequests: given(fields.notificationRequests),
	};
}

/**
 * POSTs a money request, always with an Idempotency-Reference: the user's key, or one derived
 * from the operation and the full body. Output: CCV's answer (or the Dry Run preview).
 */
export async function sendMoneyRequest(
	client: CcvClient,
	i: number,
	operation: MoneyOperation,
	body: IDataObject,
	options: MoneyOptions,
): Promise<IDataObject> {
	const payload = compact(body);
	const idempotencyReference = options.idempotencyKey ?? deriveIdempotencyReference(operation, payload);
	const request = { method: 'POST' as const, path: `/api/v1/${operation}`, body: payload, idempotencyReference };
	const result = await sendWrite<IDataObject>(client, request, i, options.dryRun);
	if (!result.sent) return { action: operation, ...result.dryRun };
	return withFailureMeaning(result.response.body ?? {});
}
