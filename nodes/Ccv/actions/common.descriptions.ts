import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failItem } from '../helpers/validate';
import { UUID_PATTERN } from '../schemas/common';

export function showFor(resource: string, operation: string | string[]) {
	return { show: { resource: [resource], operation: Array.isArray(operation) ? operation : [operation] } };
}

/** The customer a request is about, by CCV's ID or by the merchant's own external ID. */
export function customerLocator(resource: string, operation: string | string[], description?: string): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customer',
		type: 'resourceLocator',
		default: { mode: 'externalId', value: '' },
		required: true,
		description: description ?? 'The customer, by your own external ID or by the ID CCV gave it',
		displayOptions: showFor(resource, operation),
		// The CCV ID mode is not named "id": n8n would show such a mode as "By ID". Workflows saved with
		// the old name "id" keep working (readCustomerRef). Mode labels stay within 7 characters: n8n's
		// mode box cuts longer ones ("External ID" showed as "External").
		modes: [
			{
				displayName: 'Your ID',
				name: 'externalId',
				type: 'string',
				placeholder: 'External ID, e.g. crm-1001',
				hint: 'Your ID: the external ID your own system gave the customer (at most 64 characters)',
			},
			{
				displayName: 'CCV ID',
				name: 'ccvId',
				type: 'string',
				placeholder: 'e.g. 632785d0-e01b-466d-8048-f5539665444d',
				hint: 'CCV ID: the ID CCV gave the customer (a UUID)',
				validation: [
					{
						type: 'regex',
						properties: { regex: UUID_PATTERN, errorMessage: 'A CCV ID looks like 632785d0-e01b-466d-8048-f5539665444d' },
					},
				],
			},
		],
	};
}

export function returnAllAndLimit(resource: string, operation: string, what: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, operation),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: `The most ${what} to output for each input item`,
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
		},
	];
}

/** A resource's operation fields, in the order its operations are declared. */
export function operationFields(operations: Record<string, { description: INodeProperties[] }>): INodeProperties[] {
	return Object.values(operations).flatMap((op) => op.description);
}

/** Return All / Limit: Infinity for all; a Limit must be a whole number of at least 1 (an expression may give anything). */
export function readLimit(ctx: IExecuteFunctions, i: number): number {
	if (ctx.getNodeParameter('returnAll', i, false) === true) return Infinity;
	const limit: unknown = ctx.getNodeParameter('limit', i, 50);
	const value = typeof limit === 'string' && limit.trim() !== '' ? Number(limit) : limit;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
		failItem(ctx, i, `"Limit" must be a whole number of at least 1 (it is ${JSON.stringify(limit)})`);
	}
	return value;
}

/** Options every operation has: how hard to push CCV and how to retry. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Concurrency',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 20,
		description:
			'The most requests sent to CCV at the same time. The node finds CCV\'s pace by itself below this cap: it speeds up while CCV answers quickly and slows down when CCV says it is busy. 1 works through the items one by one.',
	},
	{
		displayName: 'Fixed Concurrency',
		name: 'fixedConcurrency',
		type: 'boolean',
		default: false,
		description:
			'Whether to always keep Max Concurrency requests in flight instead of finding CCV\'s pace automatically',
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How often one request is repeated (0 to 10). A request CCV answered "too many requests" (429) is always safe to repeat; one with an open outcome (5xx, timeout, dropped connection) is repeated only when it cannot apply twice: reads, deletes, and payments/refunds/captures/reversals that carry an Idempotency-Reference. 429s do not use up the count while the rest of the run keeps being answered.',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: 60,
		description: 'The longest single wait before a repeat (1 to 600 s). If CCV asks for a longer pause, the item fails and says so.',
	},
];

/** The "Additional Fields" collection of an operation: optional fields, alphabetical as n8n lists options. */
export function additionalFieldsCollection(displayOptions: IDisplayOptions, fields: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * The operation's "Options". An operation whose only options are the request tuning shows them as
 * "Request Tuning (Advanced)": the parameter keeps its name (`options`) and every option its own, so
 * saved workflows read the same values; only the label in the editor differs.
 */
export function optionsCollection(
	resource: string,
	operation: string,
	fields: INodeProperties[] = [],
): INodeProperties {
	const tuningOnly = fields.length === 0;
	return {
		displayName: tuningOnly ? 'Request Tuning (Advanced)' : 'Options',
		name: 'options',
		type: 'collection',
		placeholder: tuningOnly ? 'Add Tuning Option' : 'Add Option',
		default: {},
		...(tuningOnly
			? { description: 'How hard to push CCV and how often to retry. The defaults suit almost every workflow: leave this empty unless CCV asks you to slow down.' }
			: {}),
		displayOptions: showFor(resource, operation),
		options: [...fields, ...requestOptionFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only show what would change. Reads still happen; nothing is written at CCV. Each output item carries dryRun: true and the request that would have been sent.',
};

export const ignoreNotFoundOption: INodeProperties = {
	displayName: 'Ignore Not Found',
	name: 'ignoreNotFound',
	type: 'boolean',
	default: true,
	description:
		'Whether a customer or card that does not exist (any more) counts as done. On: the item outputs deleted: false with reason "not found", so running a clean-up twice is safe. Off: the item fails.',
};
