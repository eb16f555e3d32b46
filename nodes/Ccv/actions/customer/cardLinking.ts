import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failItem } from '../../helpers/validate';
import { KEEP_LINKING_OPEN } from './customer.helpers';

// CCV's registrationExpiration: until when new payment cards get linked to the customer,
// in epoch milliseconds (the schema's unit; the prose says seconds, the examples have 13 digits).

export type CardLinkingMode = 'keepOpen' | 'until' | 'disabled' | 'unchanged';

export function cardLinkingFields(resource: string, operations: string[], withUnchanged: boolean): INodeProperties[] {
	const options = [
		{ name: 'Keep Linking Open', value: 'keepOpen', description: 'New payment cards keep being linked until further notice' },
		{ name: 'Open Until a Date', value: 'until', description: 'New payment cards are linked until the date you give' },
		{ name: 'Disable Card Linking', value: 'disabled', description: 'No new payment cards are linked (sends 0)' },
	];
	if (withUnchanged) {
		options.unshift({ name: 'Leave Unchanged', value: 'unchanged', description: 'Keep what CCV has now' });
	}
	const mode: INodeProperties = {
		displayName: 'Card Linking',
		name: 'cardLinking',
		type: 'options',
		options,
		default: 'keepOpen',
		description: 'Until when CCV links new payment cards to this customer (CCV\'s registration expiration)',
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
	if (withUnchanged) mode.default = 'unchanged';
	return [
		mode,
		{
			displayName: 'Card Linking Until',
			name: 'linkingUntil',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				'Date and time after which no new cards are linked. Accepts a date, an ISO date text, or milliseconds since 1970 from an expression.',
			displayOptions: { show: { resource: [resource], operation: operations, cardLinking: ['until'] } },
		},
	];
}

/** A date in any form n8n users have at hand, as epoch milliseconds. */
export function toEpochMs(value: unknown): { ok: true; ms: number } | { ok: false; reason: string } {
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return checkMs((value as { toMillis: () => number }).toMillis());
	}
	if (value instanceof Date) return checkMs(value.getTime());
	if (typeof value === 'number') return checkMs(value);
	const text = String(value ?? '').trim();
	if (text === '') return { ok: false, reason: 'is required when Card Linking is "Open Until a Date"' };
	if (/^\d+$/.test(text)) return checkMs(Number(text));
	const parsed = Date.parse(text);
	if (Number.isNaN(parsed)) return { ok: false, reason: `"${text}" is not a date` };
	return checkMs(parsed);
}

function checkMs(ms: number): { ok: true; ms: number } | { ok: false; reason: string } {
	if (!Number.isSafeInteger(ms) || ms < 0) return { ok: false, reason: `${ms} is not a valid point in time` };
	if (ms > 0 && ms < 100_000_000_000) {
		return {
			ok: false,
			reason: `${ms} looks like seconds since 1970; CCV expects milliseconds (${ms * 1000})`,
		};
	}
	return { ok: true, ms };
}

/** The registration expiration to send, or undefined for "Leave Unchanged". */
export function readRegistrationExpiration(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const mode = ctx.getNodeParameter('cardLinking', itemIndex, 'keepOpen') as CardLinkingMode;
	if (mode === 'unchanged') return undefined;
	if (mode === 'keepOpen') return KEEP_LINKING_OPEN;
	if (mode === 'disabled') return 0;
	const result = toEpochMs(ctx.getNodeParameter('linkingUntil', itemIndex, ''));
	if (!result.ok) failItem(ctx, itemIndex, `"Card Linking Until" ${result.reason}`);
	return result.ms;
}
