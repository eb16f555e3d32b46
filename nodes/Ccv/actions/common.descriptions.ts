import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

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
		modes: [
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				placeholder: 'e.g. crm-1001',
				hint: 'The ID your own system gave the customer (at most 64 characters)',
			},
			{
				displayName: 'CCV ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 632785d0-e01b-466d-8048-f5539665444d',
				hint: 'The ID CCV gave the customer',
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
			'How often a request is repeated when CCV does not answer or answers with a temporary error. Only requests that cannot apply twice are repeated (reads, deletes, and payments/refunds that carry an idempotency key).',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: 60,
		description: 'The longest the node waits before repeating a request. If CCV asks for a longer pause, the item fails with that message.',
	},
];

/** The "Additional Fields" collection of an operation: optional fields, in the order given. */
export function additionalFieldsCollection(displayOptions: IDisplayOptions, fields: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: fields,
	};
}

export function optionsCollection(
	resource: string,
	operation: string,
	fields: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
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
