import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import type { Field } from '../../../../nodes/Ccv/fields/field';
import type { OperationModule, ResourceModule } from '../../../../nodes/Ccv/actions/types';

// The facts every operation and field must declare, as a list of what is missing (empty: all there).
// The contract test runs it on the real registry and on broken copies, so it is seen to fail.

const KINDS = ['read', 'write', 'delete', 'erase', 'submit', 'money'];

/** Every parameter name an operation's fields hold, collections' options included. */
export function parameterNames(properties: INodeProperties[]): string[] {
	return properties.flatMap((p) => [
		p.name,
		...((p.options ?? []) as Array<INodeProperties | INodePropertyOptions | INodePropertyCollection>)
			.filter((o): o is INodeProperties => 'type' in o && 'displayName' in o)
			.flatMap((o) => parameterNames([o])),
	]);
}

function isUsableSchema(schema: unknown): boolean {
	const s = schema as { type?: unknown; properties?: unknown } | undefined;
	return s?.type === 'object' && !!s.properties && typeof s.properties === 'object' && Object.keys(s.properties).length > 0;
}

export function operationProblems(name: string, op: Partial<OperationModule>): string[] {
	const problems: string[] = [];
	if (!Array.isArray(op.description)) problems.push(`${name}: no description (editor fields)`);
	if (typeof op.prepare !== 'function') problems.push(`${name}: no prepare (every item is checked before any is sent)`);
	if (typeof op.execute !== 'function') problems.push(`${name}: no execute`);
	if (!isUsableSchema(op.outputSchema)) problems.push(`${name}: no output schema`);
	const guard = op.guard as { kind?: string; action?: string; amount?: { amount?: string; choice?: string; alwaysFull?: true } } | undefined;
	if (!guard || !KINDS.includes(guard.kind ?? '')) {
		problems.push(`${name}: no guard kind (${KINDS.join(', ')})`);
		return problems;
	}
	if (guard.kind !== 'read' && guard.kind !== 'write' && !guard.action) problems.push(`${name}: guard ${guard.kind} without its action in words`);
	if (guard.kind === 'money') {
		const names = parameterNames(op.description ?? []);
		const amount = guard.amount;
		if (!amount || (!amount.alwaysFull && !amount.amount)) problems.push(`${name}: money without its amount field`);
		for (const field of [amount?.amount, amount?.choice]) {
			if (field !== undefined && !names.includes(field)) problems.push(`${name}: guard names "${field}", which is no field of the operation`);
		}
		const idempotency = op.idempotency;
		if (!idempotency?.operation || !idempotency.identity?.length) problems.push(`${name}: money without its idempotency identity`);
	}
	for (const property of op.description ?? []) {
		if (!property.displayName?.trim()) problems.push(`${name}: field "${property.name}" without a label`);
	}
	return problems;
}

export function registryProblems(resources: Record<string, ResourceModule>, resourceFolders: string[], operationOptions: Record<string, string[]>): string[] {
	const problems: string[] = [];
	for (const folder of resourceFolders) {
		if (!resources[folder]) problems.push(`resource "${folder}" is not registered (actions/resources.ts)`);
	}
	for (const [resource, operations] of Object.entries(resources)) {
		const offered = [...(operationOptions[resource] ?? [])].sort();
		const declared = Object.keys(operations).sort();
		if (JSON.stringify(offered) !== JSON.stringify(declared)) {
			problems.push(`${resource}: the Operation list offers ${offered.join(', ') || 'nothing'} but the resource declares ${declared.join(', ')}`);
		}
		for (const [operation, op] of Object.entries(operations)) problems.push(...operationProblems(`${resource}.${operation}`, op));
	}
	return problems;
}

/** A field's limit must read the same in the editor and in its rule. */
export function fieldProblems(name: string, field: Field): string[] {
	const problems: string[] = [];
	if (!field.label?.trim()) problems.push(`${name}: no label`);
	const property = field.property();
	if (property.displayName !== field.label) problems.push(`${name}: the editor calls it "${property.displayName}", errors "${field.label}"`);
	if (field.max === undefined) return problems;
	if (!String(property.description ?? '').includes(`at most ${field.max}`)) problems.push(`${name}: the editor text does not say "at most ${field.max}"`);
	const isList = field.rule.safeParse(['x']).success;
	const sample = (n: number) => (isList ? Array.from({ length: n }, (_v, k) => `r${k}`) : 'a'.repeat(n));
	if (!field.rule.safeParse(sample(field.max)).success) problems.push(`${name}: the rule refuses ${field.max}, the limit the editor gives`);
	if (field.rule.safeParse(sample(field.max + 1)).success) problems.push(`${name}: the rule takes ${field.max + 1}, above the limit the editor gives`);
	return problems;
}
