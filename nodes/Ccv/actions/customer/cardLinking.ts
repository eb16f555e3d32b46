import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toEpochMs } from '../../helpers/time';
import { linkingUntil } from '../../fields/customer';
import { failItem } from '../../helpers/validate';
import { KEEP_LINKING_OPEN } from './customer.helpers';

// CCV's registrationExpiration: until when new payment cards get linked to the customer,
// in epoch milliseconds (the schema's unit; the prose says seconds, the examples have 13 digits).

export type CardLinkingMode = 'keepOpen' | 'until' | 'disabled' | 'unchanged';

/** "Leave Unchanged" as an operation words it; absent where CCV needs a value (Create). */
export interface UnchangedChoice {
	name: string;
	description: string;
}

export function cardLinkingFields(resource: string, operations: string[], unchanged?: UnchangedChoice): INodeProperties[] {
	const options = [
		{ name: 'Keep Linking Open', value: 'keepOpen', description: 'New payment cards keep being linked until further notice' },
		{ name: 'Open Until a Date', value: 'until', description: 'New payment cards are linked until the date you give' },
		{ name: 'Disable Card Linking', value: 'disabled', description: 'No new payment cards are linked (sends 0)' },
	];
	if (unchanged) options.unshift({ ...unchanged, value: 'unchanged' });
	const mode: INodeProperties = {
		displayName: 'Card Linking',
		name: 'cardLinking',
		type: 'options',
		options,
		default: 'keepOpen',
		description: 'Until when CCV links new payment cards to this customer (CCV\'s registration expiration)',
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
	if (unchanged) mode.default = 'unchanged';
	return [
		mode,
		linkingUntil.property({ show: { resource: [resource], operation: operations, cardLinking: ['until'] } }),
	];
}

const MODES: Record<CardLinkingMode, string> = {
	keepOpen: 'Keep Linking Open',
	until: 'Open Until a Date',
	disabled: 'Disable Card Linking',
	unchanged: 'Leave Unchanged',
};

/** The registration expiration to send, or undefined for "Leave Unchanged" (where the operation offers it). */
export function readRegistrationExpiration(ctx: IExecuteFunctions, itemIndex: number, offersUnchanged = false): number | undefined {
	const mode = ctx.getNodeParameter('cardLinking', itemIndex, 'keepOpen') as CardLinkingMode;
	const allowed = (Object.keys(MODES) as CardLinkingMode[]).filter((m) => offersUnchanged || m !== 'unchanged');
	if (!allowed.includes(mode)) {
		failItem(ctx, itemIndex, `"Card Linking" must be one of ${allowed.map((m) => MODES[m]).join(', ')} (it is ${JSON.stringify(mode)})`);
	}
	if (mode === 'unchanged') return undefined;
	if (mode === 'keepOpen') return KEEP_LINKING_OPEN;
	if (mode === 'disabled') return 0;
	const result = toEpochMs(ctx.getNodeParameter(linkingUntil.name, itemIndex, ''));
	if (!result.ok) failItem(ctx, itemIndex, `"${linkingUntil.label}" ${result.reason}`);
	return result.ms;
}
