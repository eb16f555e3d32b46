import { createHash } from 'crypto';
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asNodeError, changesFields, readChangesSettings, withChanges } from '../../helpers/changesMemory';
import type { ChangesSettings, RunMemory } from '../../helpers/changesMemory';
import { failItem, validateItem } from '../../helpers/validate';
import { PAIDOUT_VALUES, TRANSACTION_FILTER_TYPES, TRANSACTION_STATUSES, transactionFilterLabels, transactionFilters } from '../../schemas/transaction';
import { isNotFound } from '../../transport';
import type { CcvClient } from '../../transport';
import { optionsCollection, returnAllAndLimit, showFor } from '../common.descriptions';
import { toEpochMs } from '../../helpers/time';
import { compact, given } from '../../helpers/parameters';
import { listTransactions as list } from '../../helpers/transactions';
import type { PreparedItem } from '../types';
import {
	changedTransaction,
	checkedReference,
	isOpenStatus,
	TRANSACTION_PATH,
	transactionMemoryKey,
	withFailureMeaning,
} from './transaction.helpers';

/** The paged list read, shared with the money room and the reconcile trigger (helpers/transactions.ts). */
export { list };
/** What the editor previews before a first run (n8n reads the same file). */
export { default as outputSchema } from '../../__schema__/v1.0.0/transaction/getAll.json';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const description: INodeProperties[] = [
	...returnAllAndLimit('transaction', 'getAll', 'transactions'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor('transaction', 'getAll'),
		options: [
			{
				displayName: 'Amount Maximum',
				name: 'amountMaximum',
				type: 'string',
				default: '',
				placeholder: 'e.g. 100.00',
				description: 'Only transactions of at most this amount',
			},
			{
				displayName: 'Amount Minimum',
				name: 'amountMinimum',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10.00',
				description: 'Only transactions of at least this amount',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only transactions created after this moment',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only transactions created before this moment',
			},
			{
				displayName: 'Merchant Order Reference',
				name: 'merchantOrderReference',
				type: 'string',
				default: '',
				description: 'Only transactions with exactly this order number (several payments may share one)',
			},
			{
				displayName: 'Method',
				name: 'method',
				type: 'string',
				default: '',
				placeholder: 'e.g. card',
				description: 'Only transactions of this payment method',
			},
			{
				displayName: 'Original Payment References',
				name: 'originalReferences',
				type: 'string',
				default: '',
				placeholder: 'e.g. C250324145223810CB87E194.Y',
				description:
					'Only the refunds, captures and reversals of these payments (comma-separated, or a list from an expression). Use it to see every refund of a payment.',
			},
			{
				displayName: 'Paid Out',
				name: 'paidout',
				type: 'options',
				default: 'yes',
				options: PAIDOUT_VALUES.map((v) => ({ name: capitalise(v), value: v })),
				description: 'For collecting methods: whether the transaction was paid out to you',
			},
			{
				displayName: 'References',
				name: 'references',
				type: 'string',
				default: '',
				description: 'Only these transactions (comma-separated references, or a list from an expression)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'success',
				options: TRANSACTION_STATUSES.map((v) => ({
					name: v === 'manualintervention' ? 'Manual Intervention' : capitalise(v),
					value: v,
				})),
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'sale',
				options: TRANSACTION_FILTER_TYPES.map((v) => ({ name: capitalise(v), value: v })),
			},
		],
	},
	...changesFields('transaction', 'getAll'),
	optionsCollection('transaction', 'getAll'),
];

function referenceList(value: unknown): string[] | undefined {
	if (given(value) === undefined) return undefined;
	const list = Array.isArray(value) ? value : String(value).split(',');
	return list.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
}

/** Each listed reference must be one CCV could have written (see checkedReference). */
function checkReferences(ctx: IExecuteFunctions, i: number, list: string[] | undefined, field: 'references' | 'originalReferences') {
	for (const reference of list ?? []) {
		const result = checkedReference.safeParse(reference);
		if (!result.success) {
			failItem(ctx, i, `"${transactionFilterLabels[field]}" has ${JSON.stringify(reference)}, which ${result.error.issues[0]?.message ?? 'is not a reference'}`);
		}
	}
}

function readFilters(ctx: IExecuteFunctions, i: number): IDataObject {
	const f = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const date = (name: 'createdAfter' | 'createdBefore') => {
		if (given(f[name]) === undefined) return undefined;
		const result = toEpochMs(f[name]);
		if (!result.ok) failItem(ctx, i, `"${transactionFilterLabels[name]}" ${result.reason}`);
		return result.ms;
	};
	const references = referenceList(f.references);
	const originalReferences = referenceList(f.originalReferences);
	checkReferences(ctx, i, references, 'references');
	checkReferences(ctx, i, originalReferences, 'originalReferences');
	const input = {
		merchantOrderReference: given(f.merchantOrderReference),
		references,
		originalReferences,
		createdAfter: date('createdAfter'),
		createdBefore: date('createdBefore'),
		amountMinimum: given(f.amountMinimum),
		amountMaximum: given(f.amountMaximum),
		type: given(f.type),
		status: given(f.status),
		method: given(f.method),
		paidout: given(f.paidout),
	};
	return compact(validateItem(ctx, transactionFilters, input, i, transactionFilterLabels)) as IDataObject;
}

export interface PreparedGetAll extends PreparedItem {
	filters: IDataObject;
	limit: number;
	changes: ChangesSettings;
}

export function prepare(this: IExecuteFunctions, i: number): PreparedGetAll {
	const filters = readFilters(this, i);
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
	return { filters, limit, changes: readChangesSettings(this, i) };
}

/** Which search found a transaction: the same filters give the same id, whatever their order. */
function searchId(filters: IDataObject): string {
	const sorted = Object.keys(filters)
		.sort()
		.map((key) => [key, filters[key]]);
	return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 12);
}

/** CCV answers an unknown reference with 404 or with 400 unknown_reference. */
function isUnknownReference(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const ccvError = (error.context?.ccvError ?? {}) as { failureCode?: string };
	return ccvError.failureCode === 'unknown_reference';
}

/**
 * Transactions this search listed with an open status (pending, manual intervention) that it no
 * longer lists: with a Status filter of pending, a payment that succeeded leaves the list, so it is
 * looked up by reference to output its new status.
 */
async function lookUpThoseThatLeft(
	ctx: IExecuteFunctions,
	client: CcvClient,
	i: number,
	memory: RunMemory,
	q: string,
	listed: Set<string>,
): Promise<IDataObject[]> {
	const left = memory
		.savedEntries()
		.filter(([key, entry]) => entry.q === q && isOpenStatus(entry.s) && key.startsWith('transaction:'))
		.map(([key]) => key.slice('transaction:'.length))
		.filter((reference) => !listed.has(reference));
	const found = await Promise.all(
		left.map(async (reference) => {
			try {
				const answer = await client.find<IDataObject>({ method: 'GET', path: TRANSACTION_PATH, qs: { reference } }, i);
				if (!isNotFound(answer) && answer.body?.reference === reference) return withFailureMeaning(answer.body);
			} catch (error) {
				if (!isUnknownReference(error)) throw asNodeError(ctx, error, i);
			}
			memory.forget(transactionMemoryKey(reference));
			return undefined;
		}),
	);
	return found.filter((t): t is IDataObject => t !== undefined);
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	client: CcvClient,
	prepared?: PreparedGetAll,
): Promise<IDataObject[]> {
	const { filters, limit, changes } = prepared ?? prepare.call(this, i);
	return await withChanges(this, i, changes, async (memory) => {
		const found = await list(client, i, filters, limit);
		if (!changes.enabled) return found;
		const q = searchId(filters);
		const listed = new Set(found.map((t) => String(t.reference)));
		const left = await lookUpThoseThatLeft(this, client, i, memory, q, listed);
		return [...found, ...left]
			.map((t) => changedTransaction(memory, t, changes, q))
			.filter((t): t is IDataObject => t !== undefined);
	});
}

/** For the AI-agent guard (actions/toolGuard.ts): this operation only reads. */
export const guard = { kind: 'read' } as const;
