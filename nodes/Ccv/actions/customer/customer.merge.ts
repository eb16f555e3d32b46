import type { IDataObject } from 'n8n-workflow';

import type { Customer } from './customer.helpers';
import { writableFields } from './customer.helpers';

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
