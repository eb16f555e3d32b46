// Issue 9: nightly CRM-to-loyalty sync of 1,000 contacts (900 unchanged, 50 changed, 50 new) with
// Create or Update vs the naive way (merge-update every contact, create the ones it did not find).
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { useTestSandbox } from '../sandbox/testing';
import { describeError, extraOutputs, freshSandbox, LATENCY_MS, outputsPerItem, timedRun } from './lib/benchRun';
import type { SeedCustomer } from './lib/benchRun';
import { fmt, printTable } from './lib/table';

const UNCHANGED = 900;
const CHANGED = 50;
const NEW = 50;
const CONCURRENCY = 10;
const t = useTestSandbox({ latencyMs: LATENCY_MS });

interface Contact extends IDataObject {
	id: string;
	ref: string;
	refs: string[];
}

const existing: SeedCustomer[] = Array.from({ length: UNCHANGED + CHANGED }, (_, i) => ({
	externalId: `crm-${i}`,
	customerReference: `LOY-${i}`,
	linkReferences: [`lr-${i}`],
}));
const contacts: Contact[] = [
	...existing.map((c, i) => ({ id: c.externalId, ref: i < UNCHANGED ? c.customerReference : `${c.customerReference}-v2`, refs: [`lr-${i}`] })),
	...Array.from({ length: NEW }, (_, i) => ({ id: `crm-new-${i}`, ref: `LOY-NEW-${i}`, refs: [`lr-new-${i}`] })),
];

const byExternalId: INodeParameters = { __rl: true, mode: 'externalId', value: '={{ $json.id }}' };
const createOrUpdate = (options: INodeParameters): INodeParameters => ({
	resource: 'customer',
	operation: 'createOrUpdate',
	externalId: '={{ $json.id }}',
	customerReference: '={{ $json.ref }}',
	cardLinking: 'unchanged',
	linkReferences: '={{ $json.refs }}',
	options,
});

/** Customers whose state differs from the CRM contact (missing or wrong), and external IDs held twice. */
function compare(outputs: INodeExecutionData[], inputCount: number) {
	const customers = t.sb.state.customers();
	const byId = new Map<string, number>();
	for (const c of customers) byId.set(c.externalId ?? '', (byId.get(c.externalId ?? '') ?? 0) + 1);
	let lost = 0;
	for (const contact of contacts) {
		const c = customers.find((x) => x.externalId === contact.id);
		if (!c || c.customerReference !== contact.ref || c.linkReferences?.join() !== contact.refs.join()) lost++;
	}
	const doubled = [...byId.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
	const counts = outputsPerItem(outputs, inputCount);
	return { lost: lost + counts.filter((n) => n === 0).length, duplicated: doubled + extraOutputs(counts) };
}

it('sync: Create or Update vs merge-update + create for every contact', async () => {
	const rows: Array<Array<string | number>> = [];
	const checks: Array<{ run: string; lost: number; duplicated: number; error?: string }> = [];
	const record = (label: string, concurrency: number | 'adaptive', seconds: number, requests: number, lost: number, duplicated: number, error: string) => {
		const bound = concurrency === 'adaptive' ? NaN : (requests * LATENCY_MS) / 1000 / concurrency;
		rows.push([label, concurrency, requests, fmt(seconds), fmt(contacts.length / seconds, 0), fmt(bound), fmt(seconds / bound), lost, duplicated]);
		checks.push({ run: `${label} ${concurrency}`, lost, duplicated, ...(error ? { error } : {}) });
	};

	for (const [concurrency, options] of [
		[CONCURRENCY, { maxConcurrency: CONCURRENCY, fixedConcurrency: true }],
		['adaptive', {}],
	] as Array<[number | 'adaptive', INodeParameters]>) {
		await freshSandbox(t.sb, t.api, existing);
		const run = await timedRun(t.sb, createOrUpdate(options), contacts);
		const actions = run.items.map((i) => i.json.action);
		const wrongActions = contacts.filter((_, i) => actions[i] !== (i < UNCHANGED ? 'unchanged' : i < UNCHANGED + CHANGED ? 'updated' : 'created')).length;
		const { lost, duplicated } = compare(run.items, contacts.length);
		record('Create or Update', concurrency, run.seconds, run.requests, lost + wrongActions, duplicated, describeError(run));
	}

	// Naive (what issue 9 replaces): Update (merge: GET + PUT) for every contact with Continue On Fail,
	// then Create for the ones Update did not find.
	await freshSandbox(t.sb, t.api, existing);
	const fixed = { maxConcurrency: CONCURRENCY, fixedConcurrency: true };
	const update = await timedRun(
		t.sb,
		{
			resource: 'customer',
			operation: 'update',
			customer: byExternalId,
			cardLinking: 'unchanged',
			updateFields: { customerReference: '={{ $json.ref }}' },
			options: fixed,
		},
		contacts,
		true,
	);
	const notFound = contacts.filter((_, i) => update.items[i]?.json.error !== undefined);
	const create = await timedRun(
		t.sb,
		{
			resource: 'customer',
			operation: 'create',
			customerReference: '={{ $json.ref }}',
			cardLinking: 'keepOpen',
			additionalFields: { externalId: '={{ $json.id }}', linkReferences: '={{ $json.refs }}' },
			options: fixed,
		},
		notFound,
	);
	const naive = compare(update.items, contacts.length);
	const createDup = extraOutputs(outputsPerItem(create.items, notFound.length));
	record(
		'naive: Update each + Create missing',
		CONCURRENCY,
		update.seconds + create.seconds,
		update.requests + create.requests,
		naive.lost + (notFound.length === NEW ? 0 : Math.abs(notFound.length - NEW)),
		naive.duplicated + createDup,
		describeError(update) + describeError(create),
	);

	printTable(
		`Issue 9 · sync of ${contacts.length} CRM contacts (${UNCHANGED} unchanged, ${CHANGED} changed, ${NEW} new), latency ${LATENCY_MS} ms`,
		['approach', 'concurrency', 'requests', 'time s', 'items/s', 'bound s', 'time/bound', 'lost', 'dup'],
		rows,
		[
			'requests = every request in the sandbox log (target <= 1,100 for Create or Update); bound = requests x 25 ms / concurrency (target time/bound <= 1.25).',
			'naive = Update (merge: GET + PUT) of every contact with Continue On Fail, then Create (POST) of those not found; two node runs, times added.',
			'lost = contact not matching the sandbox afterwards (or, for Create or Update, the wrong action); dup = external ID held twice or extra output items.',
		],
	);
	expect(checks.filter((c) => c.lost || c.duplicated || c.error)).toEqual([]);
});
