import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failItem, validateItem } from '../../helpers/validate';
import { PAIDOUT_VALUES, TRANSACTION_FILTER_TYPES, TRANSACTION_STATUSES, transactionFilterLabels, transactionFilters } from '../../schemas/transaction';
import type { CcvClient } from '../../transport';
import { optionsCollection, returnAllAndLimit, showFor } from '../common.descriptions';
import { toEpochMs } from '../../helpers/time';
import { compact, given } from '../payment/moneyRequest.shared';
import { TRANSACTION_PATH, transactionsOf, withFailureMeaning } from './transaction.helpers';

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
	optionsCollection('transaction', 'getAll'),
];

function referenceList(value: unknown): string[] | undefined {
	if (given(value) === undefined) return undefined;
	const list = Array.isArray(value) ? value : String(value).split(',');
	return list.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
}

function readFilters(ctx: IExecuteFunctions, i: number): IDataObject {
	const f = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const date = (name: 'createdAfter' | 'createdBefore') => {
		if (given(f[name]) === undefined) return undefined;
		const result = toEpochMs(f[name]);
		if (!result.ok) failItem(ctx, i, `"${transactionFilterLabels[name]}" ${result.reason}`);
		return result.ms;
	};
	const input = {
		merchantOrderReference: given(f.merchantOrderReference),
		references: referenceList(f.references),
		originalReferences: referenceList(f.originalReferences),
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

export async function execute(this: IExecuteFunctions, i: number, client: CcvClient): Promise<IDataObject[]> {
	const filters = readFilters(this, i);
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', i, 50) as number);
	const found: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	// Cursor paging: each next page starts after the last reference seen. The page size is
	// CCV's; an empty page (or one with nothing new) ends the list.
	while (found.length < limit) {
		const qs = cursor ? { ...filters, referenceAfter: cursor } : filters;
		const { body } = await client.request({ method: 'GET', path: TRANSACTION_PATH, qs }, i);
		const page = transactionsOf(body);
		const fresh = page.filter((t) => typeof t.reference !== 'string' || !seen.has(t.reference));
		if (fresh.length === 0) break;
		for (const t of fresh) if (typeof t.reference === 'string') seen.add(t.reference);
		found.push(...fresh.map(withFailureMeaning));
		const last = page[page.length - 1]?.reference;
		if (typeof last !== 'string') break;
		cursor = last;
	}
	return found.slice(0, limit);
}
