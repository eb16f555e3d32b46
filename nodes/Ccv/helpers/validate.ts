import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import type { z } from 'zod/v4';

import { itemLabel } from './itemLabel';

/** Display names of the fields, by their key in the schema (dotted path for nested ones). */
export type FieldLabels = Record<string, string>;

/** The field as the user sees it, quoted: "Customer Reference", or for an entry of a list "Link References" (entry 3). */
function labelOf(path: PropertyKey[], labels: FieldLabels): string {
	const key = path.map(String).join('.');
	if (labels[key]) return `"${labels[key]}"`;
	const parent = path.slice(0, -1).map(String).join('.');
	const last = path[path.length - 1];
	if (labels[parent] && typeof last === 'number') return `"${labels[parent]}" (entry ${last + 1})`;
	return `"${key || 'input'}"`;
}

/**
 * Checks one item's input before anything is sent. A bad item fails with a message that
 * names the item, the field (as the user sees it) and the rule.
 */
export function validateItem<S extends z.ZodType>(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	schema: S,
	input: unknown,
	itemIndex: number,
	labels: FieldLabels,
): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => `${labelOf(issue.path, labels)} ${issue.message}`);
	const [first, ...rest] = problems;
	return failItem(ctx, itemIndex, first, rest.length ? `Also: ${rest.join('; ')}.` : undefined);
}

export function failItem(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	problem: string,
	description?: string,
): never {
	throw new NodeOperationError(ctx.getNode(), `${itemLabel(itemIndex)}: ${problem}`, {
		itemIndex,
		description: description ?? 'Nothing was sent to CCV for this item.',
	});
}
