import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { failItem, validateItem } from '../../helpers/validate';
import { customerLabels, customerLocator } from '../../schemas/customer';
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
	mode: 'id' | 'externalId';
	value: string;
}

/** Keep Linking Open: CCV's "maximum value" is not specified; this is the largest whole number JSON keeps exact. */
export const KEEP_LINKING_OPEN = Number.MAX_SAFE_INTEGER;

export function readCustomerRef(ctx: IExecuteFunctions, itemIndex: number, name = 'customer'): CustomerRef {
	const raw = ctx.getNodeParameter(name, itemIndex) as INodeParameterResourceLocator | string;
	const locator = typeof raw === 'string' ? { mode: 'externalId', value: raw } : { mode: raw.mode, value: raw.value };
	return validateItem(ctx, customerLocator, locator, itemIndex, customerLabels);
}

export function customerPath(ref: CustomerRef): string {
	return ref.mode === 'id'
		? `/api/v1/customer/${encodeURIComponent(ref.value)}`
		: `/api/v1/customer/externalId/${encodeURIComponent(ref.value)}`;
}

export function describeRef(ref: CustomerRef): string {
	return ref.mode === 'id' ? `CCV ID ${ref.value}` : `external ID "${ref.value}"`;
}

export function refOutput(ref: CustomerRef): IDataObject {
	return ref.mode === 'id' ? { id: ref.value } : { externalId: ref.value };
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

/** Link references from a list field, a list from an expression, or a comma-separated string. */
export function toLinkReferences(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(',');
	return list
		.flatMap((v) => (Array.isArray(v) ? v : [v]))
		.map((v) => (typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v))
		.map((v) => String(v ?? '').trim())
		.filter((v) => v !== '');
}

/** The body CCV's PUT and POST take: every writable field, so nothing is cleared by omission. */
export function writableFields(c: Partial<Customer>): IDataObject {
	return {
		externalId: c.externalId ?? null,
		customerReference: c.customerReference,
		registrationExpiration: c.registrationExpiration,
		linkReferences: c.linkReferences ?? [],
	};
}
