import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendWrite } from '../../helpers/dryRun';
import { failItem } from '../../helpers/validate';
import { pathSegmentProblem } from '../../schemas/common';
import { customerId, MAX_LINK_REFERENCES } from '../../schemas/customer';
import type { CcvClient } from '../../transport';
import type { Customer } from './customer.helpers';
import { customerPath, KEEP_LINKING_OPEN, writableFields } from './customer.helpers';

/** Only the fields the user set; undefined means "leave as CCV has it". */
export interface CustomerChanges {
	customerReference?: string;
	externalId?: string;
	registrationExpiration?: number;
	linkReferences?: string[];
}

export type FieldChanges = Record<string, { from: unknown; to: unknown; note?: string }>;

/**
 * CCV's registrationExpiration as it can be written back. null (optional per seed 000) stays null.
 * A value above 2^53-1 ("use the maximum value" to keep linking open) reaches n8n rounded, because
 * n8n reads JSON numbers as JavaScript numbers: sending the rounded value back could exceed what
 * CCV accepts, so it goes back as Keep Linking Open (2^53-1, also "until further notice", year 287396).
 */
function carriedExpiration(stored: unknown): { value: unknown; note?: string } {
	if (stored === undefined || stored === null) return { value: null };
	if (keepsLinkingOpen(stored) && Number(stored) !== KEEP_LINKING_OPEN) {
		return {
			value: KEEP_LINKING_OPEN,
			note: `CCV held ${String(stored)} (linking open until further notice), a number too large for n8n to hold exactly; it was written back as ${KEEP_LINKING_OPEN}, which means the same`,
		};
	}
	if (typeof stored === 'string' && /^\d+$/.test(stored)) return { value: Number(stored) };
	return { value: stored };
}

/** At or above Keep Linking Open: a number, or the exact digits should a reader hand them over as text. */
function keepsLinkingOpen(value: unknown): boolean {
	if (typeof value === 'number') return value >= KEEP_LINKING_OPEN;
	return typeof value === 'string' && /^\d+$/.test(value) && BigInt(value) >= BigInt(KEEP_LINKING_OPEN);
}

/** Whether two values of one field mean the same at CCV. */
function same(field: string, a: unknown, b: unknown): boolean {
	if (field === 'registrationExpiration') {
		const open = (v: unknown) => (keepsLinkingOpen(v) ? KEEP_LINKING_OPEN : v);
		return JSON.stringify(open(a) ?? null) === JSON.stringify(open(b) ?? null);
	}
	// No list and an empty list are the same to CCV.
	if (field === 'linkReferences') return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export interface Merged {
	body: IDataObject;
	/** What the user's fields change (old -> new). */
	changes: FieldChanges;
	/** A field the node had to write differently than CCV holds it, with why (only written along with a real change). */
	carried?: FieldChanges;
}

/**
 * CCV's PUT replaces the whole customer, so an update is always the full customer: what CCV
 * has now, with only the user's fields applied. Nothing the user did not touch is cleared.
 */
export function mergeCustomer(existing: Customer, changes: CustomerChanges): Merged {
	const before = writableFields(existing);
	const expiration = carriedExpiration(existing.registrationExpiration);
	const after: IDataObject = { ...before, registrationExpiration: expiration.value as number | null };
	for (const [key, value] of Object.entries(changes)) {
		if (value !== undefined) after[key] = value;
	}
	const diff: FieldChanges = {};
	for (const key of Object.keys(after)) {
		if (!same(key, before[key], after[key])) diff[key] = { from: before[key] ?? null, to: after[key] ?? null };
	}
	const merged: Merged = { body: after, changes: diff };
	if (changes.registrationExpiration === undefined && expiration.note) {
		merged.carried = {
			registrationExpiration: { from: before.registrationExpiration, to: expiration.value, note: expiration.note },
		};
	}
	return merged;
}

/** The customer as it stands after the PUT (CCV answers 204 without a body). */
export function customerAfter(existing: Customer, body: IDataObject): Customer {
	return { ...existing, ...body } as Customer;
}

/**
 * Where the merged customer is written. By CCV ID, which pins the exact customer the read found,
 * even if its external ID changes now. A stored registrationExpiration of null can only be kept by
 * the PUT by external ID: CCV's PUT by CCV ID requires the field (seed 000).
 */
function mergedPath(ctx: IExecuteFunctions, existing: Customer, body: IDataObject, i: number): string {
	if (body.registrationExpiration === null) {
		const stored = typeof existing.externalId === 'string' ? existing.externalId : '';
		if (stored !== '' && !pathSegmentProblem(stored)) return customerPath({ mode: 'externalId', value: stored });
		failItem(
			ctx,
			i,
			'"Card Linking" must be chosen for this customer: CCV holds no card-linking date for it',
			'CCV\'s update needs one for a customer without a usable External ID. Choose Keep Linking Open, Open Until a Date or Disable Card Linking. Nothing was sent.',
		);
	}
	if (!customerId.safeParse(existing.id).success) {
		failItem(
			ctx,
			i,
			`CCV's answer has no valid customer ID (id: ${JSON.stringify(existing.id ?? null)}), so the customer to write cannot be named`,
			'Nothing was written. Try again; if it persists, report it to CCV with the answer shown in the input of this node.',
		);
	}
	return customerPath({ mode: 'ccvId', value: existing.id });
}

/** The PUT that writes a merged customer back, once every check that needs CCV's answer has passed (else the item's error). */
export function mergedRequest(ctx: IExecuteFunctions, existing: Customer, merged: Merged, i: number) {
	const { body } = merged;
	const list = body.linkReferences as string[] | null;
	if (list && list.length > MAX_LINK_REFERENCES) {
		failItem(ctx, i, `"Link References" can hold at most ${MAX_LINK_REFERENCES} link references (this would make ${list.length})`);
	}
	return { method: 'PUT' as const, path: mergedPath(ctx, existing, body, i), body };
}

/** Writes a merged customer back (or previews it on a dry run). */
export async function putMerged(ctx: IExecuteFunctions, client: CcvClient, existing: Customer, merged: Merged, i: number, dryRun: boolean) {
	const request = mergedRequest(ctx, existing, merged, i);
	return { body: merged.body, result: await sendWrite(client, request, i, dryRun) };
}

/** Everything that was (or would be) written differently: the user's changes and any carried field. */
export function writtenChanges(merged: Merged): FieldChanges {
	return { ...merged.changes, ...(merged.carried ?? {}) };
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
		return { action: 'unchanged', changes: {}, ...(dryRun ? { dryRun: true } : {}), customer: existing };
	}
	const { body, result } = await putMerged(ctx, client, existing, merged, i, dryRun);
	const written = writtenChanges(merged);
	if (!result.sent) return { action: 'updated', changes: written, customer: existing, ...result.dryRun };
	return { action: 'updated', changes: written, customer: customerAfter(existing, body) };
}
