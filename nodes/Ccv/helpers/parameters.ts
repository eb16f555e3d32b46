import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failItem } from './validate';

// Generic readers of node parameters, for any operation: what "not set" means, the body without
// unset fields, and an options field read strictly.

/** Text left empty in the editor means "not set". */
export function given(value: unknown): IDataObject[string] {
	if (value === '' || value === null) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value as IDataObject[string];
}

/** The body without unset fields, so what is sent, hashed and shown is the same. */
export function compact<T>(value: T): T {
	if (Array.isArray(value)) return value.map(compact) as T;
	if (value && typeof value === 'object' && value.constructor === Object) {
		const entries = Object.entries(value as IDataObject)
			.filter(([, v]) => v !== undefined)
			.map(([k, v]) => [k, compact(v)]);
		return Object.fromEntries(entries) as T;
	}
	return value;
}

/** Additional Fields in alphabetical order, as n8n lists Options. */
export function alphabetical(fields: INodeProperties[]): INodeProperties[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function shown(value: unknown): string {
	return value === undefined ? 'empty' : JSON.stringify(value);
}

/**
 * An options field read strictly: an expression may give any value, and anything but one of the
 * field's own choices is an error (never quietly read as "no" or left out).
 */
export function readChoice<T extends string>(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	label: string,
	allowed: readonly T[],
	fallback: T,
): T {
	const value = ctx.getNodeParameter(name, i, fallback) as unknown;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	const list = [...allowed].sort((a, b) => a.localeCompare(b)).join(', ');
	return failItem(ctx, i, `"${label}" must be one of: ${list} (it is ${shown(value)})`);
}
