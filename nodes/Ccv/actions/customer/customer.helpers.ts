import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { failItem, validateItem } from '../../helpers/validate';
import { digitsOf } from '../../schemas/common';
import { linkReferences as linkReferencesField } from '../../fields/customer';
import { customerLocator } from '../../schemas/customer';
import { isNotFound } from '../../transport';
import type { CcvClient } from '../../transport';

/** A customer as CCV returns it (epoch-ms timestamps untouched). */
export interface Customer extends IDataObject {
	id: string;
	externalId: string | null;
	customerReference: string;
	registrationExpiration: number | null;
	linkReferences: string[] | null;
}

export interface CustomerRef {
	mode: 'ccvId' | 'externalId';
	value: string;
}

/** Keep Linking Open: CCV's "maximum value" is not specified; this is the largest whole number JSON keeps exact in n8n. */
export const KEEP_LINKING_OPEN = Number.MAX_SAFE_INTEGER;

/** How the Customer field's modes are named in messages. */
const MODE_LABEL: Record<CustomerRef['mode'], string> = { ccvId: 'CCV ID', externalId: 'External ID' };

export function readCustomerRef(ctx: IExecuteFunctions, itemIndex: number, name = 'customer'): CustomerRef {
	const raw = ctx.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator | string | undefined;
	const locator =
		raw !== null && typeof raw === 'object' ? { mode: raw.mode, value: digitsOf(raw.value) } : { mode: 'externalId', value: digitsOf(raw) };
	// Workflows saved before the mode was renamed hold "id" (n8n shows a mode named "id" as "By ID").
	if (locator.mode === 'id') locator.mode = 'ccvId';
	if (locator.mode !== 'ccvId' && locator.mode !== 'externalId') {
		failItem(ctx, itemIndex, `"Customer" has an unknown mode "${String(locator.mode)}": choose External ID or CCV ID`);
	}
	const label = MODE_LABEL[locator.mode as CustomerRef['mode']];
	return validateItem(ctx, customerLocator, locator, itemIndex, { value: label, mode: 'Customer' });
}

export function customerPath(ref: CustomerRef): string {
	return ref.mode === 'ccvId'
		? `/api/v1/customer/${encodeURIComponent(ref.value)}`
		: `/api/v1/customer/externalId/${encodeURIComponent(ref.value)}`;
}

export function describeRef(ref: CustomerRef): string {
	return ref.mode === 'ccvId' ? `CCV ID ${ref.value}` : `external ID "${ref.value}"`;
}

export function refOutput(ref: CustomerRef): IDataObject {
	return ref.mode === 'ccvId' ? { id: ref.value } : { externalId: ref.value };
}

/** Every customer matching the reference; an empty list when CCV knows none. */
export async function findCustomers(client: CcvClient, ref: CustomerRef, itemIndex: number): Promise<Customer[]> {
	const result = await client.find<Customer | Customer[]>({ method: 'GET', path: customerPath(ref) }, itemIndex);
	if (isNotFound(result) || result.body === undefined || result.body === null) return [];
	return Array.isArray(result.body) ? result.body : [result.body];
}

/** Exactly one customer, or a plain error that says what was looked for. */
export async function findOneCustomer(
	ctx: IExecuteFunctions,
	client: CcvClient,
	ref: CustomerRef,
	itemIndex: number,
): Promise<Customer | undefined> {
	const found = await findCustomers(client, ref, itemIndex);
	if (found.length > 1) {
		failItem(
			ctx,
			itemIndex,
			`CCV has ${found.length} customers with ${describeRef(ref)}`,
			'External IDs should be unique; nothing was written. Use the CCV ID to pick one of them.',
		);
	}
	return found[0];
}

export function notFoundError(ctx: IExecuteFunctions, itemIndex: number, ref: CustomerRef): never {
	return failItem(ctx, itemIndex, `Customer not found: no customer with ${describeRef(ref)}`, 'Check the ID, or turn on "Ignore Not Found" where the operation has it.');
}

type Entry = { ok: true; values: string[] } | { ok: false; problem: string };

function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'a list inside a list';
	if (typeof value === 'object') return 'an object ({...})';
	return `${typeof value === 'boolean' ? 'true/false' : typeof value} (${String(value)})`;
}

/**
 * One entry: text is trimmed and, when `split`, split on commas (typed text); a list's entries are
 * never split, since a link reference may hold a comma (seed 000:636 sets no character rule).
 * A number must be exact; anything else is refused.
 */
function readEntry(value: unknown, split: boolean): Entry {
	if (value === undefined || value === null) return { ok: true, values: [] };
	if (typeof value === 'string') {
		const parts = split ? value.split(',') : [value];
		return { ok: true, values: parts.map((v) => v.trim()).filter((v) => v !== '') };
	}
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { ok: false, problem: `is ${String(value)}, not a link reference` };
		if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
			return { ok: false, problem: `is the number ${String(value)}, too long to be exact: give it as text` };
		}
		return { ok: true, values: [String(value)] };
	}
	return { ok: false, problem: `is ${describeValue(value)}: give text or a number` };
}

/**
 * Link references from the field: a comma-separated text, or from an expression one value, a
 * comma-separated text or a list (whose entries are taken whole, commas included). Objects and true/false are
 * refused rather than sent as "[object Object]"; the list is then checked as CCV would.
 */
export function readLinkReferences(ctx: IExecuteFunctions, itemIndex: number, raw: unknown, label = linkReferencesField.label): string[] {
	const entries = Array.isArray(raw) ? raw.flatMap((v) => (Array.isArray(v) ? v : [v])) : [raw];
	const values: string[] = [];
	entries.forEach((entry, index) => {
		const result = readEntry(entry, !Array.isArray(raw));
		if (!result.ok) {
			const where = Array.isArray(raw) ? `"${label}" (entry ${index + 1})` : `"${label}"`;
			failItem(ctx, itemIndex, `${where} ${result.problem}`);
		}
		values.push(...result.values);
	});
	return validateItem(ctx, linkReferencesField.rule, values, itemIndex, { '': label });
}

/** The body CCV's PUT takes: every writable field as CCV has it, so nothing is cleared by omission. */
export function writableFields(c: Partial<Customer>): IDataObject {
	return {
		externalId: c.externalId ?? null,
		customerReference: c.customerReference,
		registrationExpiration: c.registrationExpiration ?? null,
		linkReferences: c.linkReferences ?? null,
	};
}
