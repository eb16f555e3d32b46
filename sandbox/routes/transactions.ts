// Reading: one transaction by reference, the filtered list (REFERENCE §7), mandates, methods.
import { json, type ApiRequest, type ApiResponse, type Core } from '../core';
import { processError } from '../errors';
import { toMandate, toTransaction } from '../lifecycle';
import { METHODS } from '../methods';
import { parseAmount } from '../money';
import type { TxRecord } from '../store';
import type { Route } from '../router';
import { Fields } from '../validate';

/** Default transactions per list answer (CCV documents no page size: the listPageSize reading). */
export const LIST_PAGE_SIZE = 25;

// REFERENCE §7's type filter values (reversal is not among them).
const TYPES = ['sale', 'refund', 'token', 'credit', 'authorise', 'capture', 'vault'];
const STATUSES = ['pending', 'success', 'failed', 'manualintervention'];

function getTransaction(core: Core, req: ApiRequest): ApiResponse {
	if (req.query.reference !== undefined) return json(readOne(core, req));
	return json(list(core, req));
}

function readOne(core: Core, req: ApiRequest): unknown {
	const f = new Fields(req.query);
	const reference = f.string('reference', { required: true, max: 255 });
	f.check();
	const tx = core.store.transactions.get(reference as string);
	if (!tx) throw processError('unknown_reference', `Transaction ${reference} is not known`);
	const view: Record<string, unknown> = { ...toTransaction(tx) };
	if (req.query.includeRelatedTransactions === 'true') {
		// The shape of related transactions is not documented (REFERENCE §7): sandbox choice.
		view.relatedTransactions = relatedOf(core, tx).map(toTransaction);
	}
	return view;
}

/** Successful transactions linked to `tx`: its original and the original's other follow-ups. */
function relatedOf(core: Core, tx: TxRecord): TxRecord[] {
	const root = tx.originalReference ? core.store.transactions.get(tx.originalReference) : tx;
	if (!root) return [];
	return [root, ...core.store.followUps(root.reference)].filter(
		(t) => t.reference !== tx.reference && t.status === 'success',
	);
}

function list(core: Core, req: ApiRequest): unknown {
	const f = new Fields(req.query);
	const q = req.query;
	const { listEnvelope, listOrder, listPageSize, listTimeUnit } = core.readings;
	const epoch = (name: string): number | undefined => {
		if (q[name] === undefined) return undefined;
		if (!/^\d+$/.test(q[name])) f.add(name, `must be epoch ${listTimeUnit === 's' ? 'seconds' : 'milliseconds'}`);
		return Number(q[name]) * (listTimeUnit === 's' ? 1000 : 1);
	};
	const money = (name: string): number | undefined => {
		if (q[name] === undefined) return undefined;
		const parsed = parseAmount(q[name], { allowZero: true });
		if ('error' in parsed) f.add(name, parsed.error);
		return 'cents' in parsed ? parsed.cents : undefined;
	};
	const createdBefore = epoch('createdBefore');
	const createdAfter = epoch('createdAfter');
	const amountMinimum = money('amountMinimum');
	const amountMaximum = money('amountMaximum');
	f.string('type', { oneOf: TYPES });
	f.string('status', { oneOf: STATUSES });
	f.string('paidout', { oneOf: ['yes', 'no', 'never'] });
	f.check();

	const all = [...core.store.transactions.values()];
	const position = (name: 'referenceAfter' | 'referenceBefore'): number | undefined => {
		if (q[name] === undefined) return undefined;
		const index = all.findIndex((tx) => tx.reference === q[name]);
		if (index < 0) throw processError('unknown_reference', `Transaction ${q[name]} is not known`);
		return index;
	};
	const after = position('referenceAfter');
	const before = position('referenceBefore');
	const csv = (name: string) => (q[name] === undefined ? undefined : q[name].split(',').map((s) => s.trim()));
	const references = csv('references');
	const originals = csv('originalReferences');

	const matching = all.filter((tx, index) => {
		if (after !== undefined && index <= after) return false;
		if (before !== undefined && index >= before) return false;
		if (references && !references.includes(tx.reference)) return false;
		if (originals && !(tx.originalReference && originals.includes(tx.originalReference))) return false;
		if (q.merchantOrderReference !== undefined && tx.merchantOrderReference !== q.merchantOrderReference) return false;
		if (createdBefore !== undefined && !(tx.created < createdBefore)) return false;
		if (createdAfter !== undefined && !(tx.created > createdAfter)) return false;
		if (amountMinimum !== undefined && tx.amountCents < amountMinimum) return false;
		if (amountMaximum !== undefined && tx.amountCents > amountMaximum) return false;
		if (q.type !== undefined && tx.type !== q.type) return false;
		if (q.method !== undefined && tx.method !== q.method) return false;
		if (q.status !== undefined && tx.status !== q.status) return false;
		// No transaction here uses a collecting protocol, so none is paid out: only "never" matches.
		if (q.paidout !== undefined && q.paidout !== 'never') return false;
		return true;
	});
	// Cursors count in creation order whatever the listOrder. Only referenceBefore: the page right before
	// the cursor; otherwise the first page (the oldest in 'asc', the newest in 'desc').
	const window =
		before !== undefined && after === undefined
			? matching.slice(Math.max(0, matching.length - listPageSize))
			: listOrder === 'asc'
				? matching.slice(0, listPageSize)
				: matching.slice(Math.max(0, matching.length - listPageSize));
	const page = (listOrder === 'desc' ? [...window].reverse() : window).map(toTransaction);
	if (listEnvelope === 'array') return page;
	if (listEnvelope === 'data') return { data: page };
	return { data: page, page: { size: listPageSize, totalElements: matching.length } };
}

function getMandate(core: Core, req: ApiRequest): ApiResponse {
	const mandate = core.store.mandates.get(req.params.mandateId);
	if (!mandate) throw processError('unknown_reference', `Mandate ${req.params.mandateId} is not known`);
	return json(toMandate(mandate));
}

export const readRoutes: Route[] = [
	{
		// One path, two requests: which fields it reads depends on whether `reference` is given, so its
		// checks stay in readOne and list (`reference` ≤ 255; the filters of REF §7's table).
		method: 'GET',
		path: '/api/v1/transaction',
		answers: '`?reference=` (≤ 255) → transaction; `?<filters>` → the list; filter `type` only `sale refund token credit authorise capture vault` (its checks stay in the handler: which fields are read depends on `reference`)',
		sources: ['REF §7', '001_f85e87fe5418878a.txt:137'],
		handler: getTransaction,
		transactions: 'yes',
	},
	{
		method: 'GET',
		path: '/api/v1/mandate/:mandateId',
		answers: '→ mandate object; unknown → 400 `unknown_reference` (not 404)',
		sources: ['001_f85e87fe5418878a.txt:15-37', '002_817c28fb71dbd6fd.txt:549'],
		handler: getMandate,
	},
	{
		method: 'GET',
		path: '/api/v1/method',
		answers: '→ the methods (shape from CCV\'s PHP library, REF §7 sources)',
		sources: ['REF §7'],
		handler: () => json(METHODS),
	},
];
