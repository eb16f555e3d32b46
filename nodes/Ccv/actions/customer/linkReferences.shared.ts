import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError } from '../../helpers/changesMemory';

import { readDryRun } from '../../helpers/dryRun';
import { failItem } from '../../helpers/validate';
import type { CcvClient } from '../../transport';
import type { PreparedItem } from '../types';
import { customerLocator, dryRunOption, optionsCollection, showFor } from '../common.descriptions';
import { linkReferences } from '../../fields/customer';
import type { Customer, CustomerRef } from './customer.helpers';
import { findOneCustomer, notFoundError, readCustomerRef, readLinkReferences } from './customer.helpers';
import { customerAfter, mergedRequest, mergeCustomer, updateIfChanged } from './customer.merge';

// Add and Remove Link References: read the customer, change its list, write the whole customer back.

export function linkReferenceDescription(operation: string, verb: 'add' | 'remove'): INodeProperties[] {
	return [
		customerLocator('customer', operation),
		linkReferences.property(showFor('customer', operation), {
			required: true,
			description:
				verb === 'add'
					? 'Link references to add to the customer\'s list, separated by commas; ones it already has are left as they are. An expression may give one value, a comma-separated text or a list.'
					: 'Link references to take off the customer\'s list, separated by commas; ones it does not have are ignored. An expression may give one value, a comma-separated text or a list.',
		}),
		optionsCollection('customer', operation, [dryRunOption]),
	];
}

export interface LinkReferencesPrepared extends PreparedItem {
	ref: CustomerRef;
	given: string[];
	dryRun: boolean;
}

export function prepareLinkReferences(ctx: IExecuteFunctions, i: number): LinkReferencesPrepared {
	const ref = readCustomerRef(ctx, i);
	const given = readLinkReferences(ctx, i, ctx.getNodeParameter(linkReferences.name, i, ''));
	if (given.length === 0) failItem(ctx, i, `"${linkReferences.label}" is required: give at least one`);
	return { ref, given, dryRun: readDryRun(ctx, i) };
}

/** The list after this item's change. */
function nextList(verb: 'add' | 'remove', customer: Customer, given: string[]): string[] {
	const current = Array.isArray(customer.linkReferences) ? customer.linkReferences : [];
	return verb === 'add' ? [...current, ...given.filter((r) => !current.includes(r))] : current.filter((r) => !given.includes(r));
}

/** The customer after this item's change, or the item's error (a check that needs CCV's answer). */
function applyItem(ctx: IExecuteFunctions, verb: 'add' | 'remove', customer: Customer, item: LinkReferencesPrepared, i: number): Customer {
	const merged = mergeCustomer(customer, { linkReferences: nextList(verb, customer, item.given) });
	if (Object.keys(merged.changes).length === 0) return customer;
	mergedRequest(ctx, customer, merged, i);
	return customerAfter(customer, merged.body);
}

const NOTHING_WRITTEN =
	'Nothing was written to CCV for any item: the node reads every customer and checks every item before it writes one. Fix this item (or turn on Continue On Fail to write the others) and run again.';

/** The error that stops the whole run: the item's own, saying that nothing was written. */
function stoppingError(ctx: IExecuteFunctions, error: unknown, i: number): unknown {
	const e = asNodeError(ctx, error, i);
	const own = e.description && e.description !== 'Nothing was sent to CCV for this item.' ? e.description : '';
	e.description = own ? `${own} ${NOTHING_WRITTEN}` : NOTHING_WRITTEN;
	return e;
}

/**
 * One run (one try) of Add or Remove Link References. Phase 1, started by the first item: read every
 * item's customer and check every item in input order against what the items before it change (a list
 * may hold at most 25). Without Continue On Fail, an item that would fail stops the run before any
 * customer is written. Phase 2: each item writes its customer; items for one customer (however they
 * name it) write one after the other, in input order, each on top of the one before.
 */
class LinkReferenceRun {
	private readonly read: Promise<void>;
	/** Per item: the customer key its write waits on, or its error. */
	private readonly planned = new Map<number, { key: string } | { error: unknown }>();
	/** Per customer key: the customer as the items written so far left it. */
	private readonly live = new Map<string, Customer>();
	/** Per customer key: the last item's write, which the next item of that customer waits for. */
	private readonly tails = new Map<string, Promise<unknown>>();
	private stop: unknown;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly client: CcvClient,
		private readonly verb: 'add' | 'remove',
		private readonly items: Map<number, LinkReferencesPrepared>,
	) {
		this.read = this.readAll();
	}

	private async readAll(): Promise<void> {
		const { ctx, client } = this;
		const found = await Promise.all(
			[...this.items].map(async ([i, item]) => {
				try {
					const customer = await findOneCustomer(ctx, client, item.ref, i);
					if (!customer) notFoundError(ctx, i, item.ref);
					return { i, customer };
				} catch (error) {
					return { i, error };
				}
			}),
		);
		const planned = new Map<string, Customer>();
		for (const { i, customer, error } of found.sort((a, b) => a.i - b.i)) {
			if (!customer) {
				this.planned.set(i, { error });
				continue;
			}
			const key = typeof customer.id === 'string' && customer.id !== '' ? `id:${customer.id}` : `ref:${i}`;
			if (!this.live.has(key)) this.live.set(key, customer);
			try {
				planned.set(key, applyItem(ctx, this.verb, planned.get(key) ?? customer, this.items.get(i) as LinkReferencesPrepared, i));
				this.planned.set(i, { key });
			} catch (e) {
				this.planned.set(i, { error: e });
			}
		}
		if (!ctx.continueOnFail()) {
			const first = [...this.planned].find(([, p]) => 'error' in p);
			if (first) this.stop = stoppingError(ctx, (first[1] as { error: unknown }).error, first[0]);
		}
	}

	async change(i: number): Promise<IDataObject> {
		await this.read;
		if (this.stop) throw this.stop;
		const plan = this.planned.get(i);
		if (!plan) throw new Error(`item ${i} was not read`);
		if ('error' in plan) throw plan.error;
		const previous = this.tails.get(plan.key) ?? Promise.resolve();
		const mine = previous.then(async () => await this.write(i, plan.key));
		this.tails.set(plan.key, mine.catch(() => undefined));
		return await mine;
	}

	private async write(i: number, key: string): Promise<IDataObject> {
		// Without Continue On Fail, a write that failed stops the items that have not been sent yet.
		if (this.stop) throw this.stop;
		const item = this.items.get(i) as LinkReferencesPrepared;
		const customer = this.live.get(key) as Customer;
		try {
			const output = await updateIfChanged(this.ctx, this.client, customer, { linkReferences: nextList(this.verb, customer, item.given) }, i, item.dryRun);
			this.live.set(key, applyItem(this.ctx, this.verb, customer, item, i));
			return output;
		} catch (error) {
			const failed = asNodeError(this.ctx, error, i);
			if (!this.ctx.continueOnFail()) this.stop ??= failed;
			throw failed;
		}
	}
}

// One LinkReferenceRun per try of a node run: every item of a try shares n8n's input array and context.
const runs = new WeakMap<INodeExecutionData[], { context: IExecuteFunctions; run: LinkReferenceRun }>();

function runOf(ctx: IExecuteFunctions, client: CcvClient, verb: 'add' | 'remove', i: number, prepared: LinkReferencesPrepared): LinkReferenceRun {
	const input = ctx.getInputData();
	const known = runs.get(input);
	if (known && known.context === ctx) return known.run;
	// Items refused before sending (Continue On Fail) are not read; every other item is.
	const items = new Map<number, LinkReferencesPrepared>();
	for (let j = 0; j < input.length; j++) {
		if (j === i) items.set(j, prepared);
		else {
			try {
				items.set(j, prepareLinkReferences(ctx, j));
			} catch {
				// refused: its error is output by the executor
			}
		}
	}
	const run = new LinkReferenceRun(ctx, client, verb, items);
	runs.set(input, { context: ctx, run });
	return run;
}

export async function changeLinkReferences(
	ctx: IExecuteFunctions,
	i: number,
	client: CcvClient,
	verb: 'add' | 'remove',
	prepared: LinkReferencesPrepared,
): Promise<IDataObject> {
	return await runOf(ctx, client, verb, i, prepared).change(i);
}

/** Add or Remove Link References as an operation (guard and output schema are declared in its own file). */
export function linkReferencesOperation(operation: string, verb: 'add' | 'remove') {
	return {
		description: linkReferenceDescription(operation, verb),
		prepare(this: IExecuteFunctions, i: number): LinkReferencesPrepared {
			return prepareLinkReferences(this, i);
		},
		async execute(this: IExecuteFunctions, i: number, client: CcvClient, prepared?: LinkReferencesPrepared): Promise<IDataObject> {
			return await changeLinkReferences(this, i, client, verb, prepared ?? prepareLinkReferences(this, i));
		},
	};
}
