import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { validateItem } from '../../helpers/validate';
import { customerLabels, customerWrite } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import type { Customer } from './customer.helpers';
import { customerPath, writableFields } from './customer.helpers';

/** Only the fields the user set; undefined means "leave as CCV has it". */
export interface CustomerChanges {
	customerReference?: string;
	externalId?: string;
	registrationExpiration?: number;
	linkReferences?: string[];
}

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * CCV's PUT replaces the whole customer, so an update is always the full customer: what CCV
 * has now, with only the user's fields applied. Nothing the user did not touch is cleared.
 */
export function mergeCustomer(existing: Customer, changes: CustomerChanges): { body: IDataObject; changes: FieldChanges } {
	const before = writableFields(existing);
	const after: IDataObject = { ...before };
	for (const [key, value] of Object.entries(changes)) {
		if (value !== undefined) after[key] = value;
	}
	const diff: FieldChanges = {};
	for (const key of Object.keys(after)) {
		if (!same(before[key], after[key])) diff[key] = { from: before[key] ?? null, to: after[key] ?? null };
	}
	return { body: after, changes: diff };
}

/** The customer as it stands after the PUT (CCV answers 204 without a body). */
export function customerAfter(existing: Customer, body: IDataObject): Customer {
	return { ...existing, ...body } as Customer;
}

type Merged = ReturnType<typeof mergeCustomer>;

/** Writes a merged customer back (or previews it on a dry run), by the CCV ID the read found. */
export async function putMerged(ctx: IExecuteFunctions, client: CcvClient, existing: Customer, merged: Merged, i: number, dryRun: boolean) {
	const body = validateItem(ctx, customerWrite, merged.body, i, customerLabels) as IDataObject;
	// PUT by CCV ID: the read pinned the exact customer, even if its external ID changes now.
	const request = { method: 'PUT' as const, path: customerPath({ mode: 'id', value: existing.id }), body };
	return { body, result: await sendWrite(client, request, i, dryRun) };
}

/** Merge-update that sends nothing when nothing would change; says which it was, and what changed. */
export async function updateIfChanged(
	ctx: IExecuteFunctions,
	client: CcvClient,
	existing: Customer,
	changes: CustomerChanges,
	i: number,
	dryRun: boolean,
): Promise<IDataObject> {
	const merged = mergeCustomer(existing, changes);
	if (Object.keys(merged.changes).length === 0) {
		return { action: 'unchanged', ...(dryRun ? { dryRun: true } : {}), customer: existing };
	}
	const { body, result } = await putMerged(ctx, client, existing, merged, i, dryRun);
	if (!result.sent) return { action: 'updated', changes: merged.changes, customer: existing, ...result.dryRun };
	return { action: 'updated', changes: merged.changes, customer: customerAfter(existing, body) };
}
