/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Each operation and each field declares its facts once (issue 25 #1); this test fails when one is
// missing: a guard kind, an output schema, prepare, a field's label, a limit the editor and the rule
// disagree on, a resource folder not in the registry, or an output schema file n8n would not find.
import fs from 'node:fs';
import path from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod/v4';

import { Ccv } from '../../../../nodes/Ccv/Ccv.node';
import { resources } from '../../../../nodes/Ccv/actions/resources';
import * as card from '../../../../nodes/Ccv/fields/card';
import * as customer from '../../../../nodes/Ccv/fields/customer';
import { field } from '../../../../nodes/Ccv/fields/field';
import type { Field } from '../../../../nodes/Ccv/fields/field';
import * as lookup from '../../../../nodes/Ccv/fields/lookup';
import { guardedOperations } from '../../../../nodes/Ccv/actions/toolGuard';
import { customerChanges, customerLabels, customerWrite } from '../../../../nodes/Ccv/schemas/customer';
import { orderLabels, orderSubmit } from '../../../../nodes/Ccv/schemas/order';
import { transactionFilterLabels, transactionFilters } from '../../../../nodes/Ccv/schemas/transaction';
import { fieldProblems, operationProblems, registryProblems } from './contract';

const NODE_DIR = path.resolve(__dirname, '../../../../nodes/Ccv');
const ACTIONS = path.join(NODE_DIR, 'actions');

const resourceFolders = fs.readdirSync(ACTIONS).filter((name) => fs.existsSync(path.join(ACTIONS, name, 'index.ts')));

/** The Operation list of each resource, as the editor shows it. */
function operationOptions(): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const p of new Ccv().description.properties) {
		if (p.name !== 'operation') continue;
		for (const resource of p.displayOptions?.show?.resource ?? []) {
			out[String(resource)] = ((p.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
		}
	}
	return out;
}

const FIELDS: Record<string, Field> = Object.fromEntries(
	(Object.entries({ ...customer, ...card, ...lookup }) as Array<[string, unknown]>).filter(([, value]) => typeof (value as Field)?.property === 'function') as Array<
		[string, Field]
	>,
);

describe('the real node declares every fact', () => {
	it('every resource folder is registered, and every operation has its guard, output schema, prepare and labels', () => {
		expect(resourceFolders.length).toBeGreaterThanOrEqual(8);
		expect(registryProblems(resources, resourceFolders, operationOptions())).toEqual([]);
	});

	it('the node offers exactly the registered resources', () => {
		const offered = (new Ccv().description.properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		expect(offered.map((o) => o.value).sort()).toEqual(Object.keys(resources).sort());
	});

	it('each declared output schema is the file n8n serves for that operation', () => {
		for (const [resource, operations] of Object.entries(resources)) {
			for (const [operation, op] of Object.entries(operations)) {
				const file = path.join(NODE_DIR, '__schema__', 'v1.0.0', resource, `${operation}.json`);
				expect({ [`${resource}.${operation}`]: JSON.parse(fs.readFileSync(file, 'utf8')) }).toEqual({ [`${resource}.${operation}`]: op.outputSchema });
			}
		}
	});

	it('the AI-agent guard covers exactly the operations that declare money, delete, erase or submit', () => {
		const declared = Object.entries(resources).flatMap(([resource, operations]) =>
			Object.entries(operations)
				.filter(([, op]) => !['read', 'write'].includes(op.guard.kind))
				.map(([operation]) => `${resource}.${operation}`),
		);
		const guarded = Object.entries(guardedOperations()).flatMap(([resource, ops]) => Object.keys(ops).map((op) => `${resource}.${op}`));
		expect(guarded.sort()).toEqual(declared.sort());
		expect(declared).toEqual(expect.arrayContaining(['refund.create', 'payment.create', 'customer.delete', 'card.deleteAll', 'order.submit']));
	});

	it('every declared field has a label, and its limit reads the same in the editor and in its rule', () => {
		expect(Object.keys(FIELDS).length).toBeGreaterThanOrEqual(8);
		expect(Object.entries(FIELDS).flatMap(([name, f]) => fieldProblems(name, f))).toEqual([]);
	});

	it.each([
		['customer write', customerWrite, customerLabels],
		['customer changes', customerChanges, customerLabels],
		['order submit', orderSubmit, orderLabels],
		['transaction filters', transactionFilters, transactionFilterLabels],
	] as const)('every field the %s rule checks has an error label', (_name, schema, labels) => {
		const keys = Object.keys((schema as unknown as z.ZodObject).shape ?? (schema as unknown as { def: { in: z.ZodObject } }).def.in.shape);
		const labelled = (key: string) => Object.keys(labels).some((l) => l === key || l.startsWith(`${key}.`));
		expect(keys.filter((key) => !labelled(key))).toEqual([]);
	});
});

describe('the checks fail when a fact is missing', () => {
	const base = resources.customer.get;

	it.each([
		['no guard kind', { ...base, guard: undefined }, 'customer.get: no guard kind (read, write, delete, erase, submit, money)'],
		['no output schema', { ...base, outputSchema: undefined }, 'customer.get: no output schema'],
		['no prepare', { ...base, prepare: undefined }, 'customer.get: no prepare (every item is checked before any is sent)'],
		['a field without label', { ...base, description: [{ ...base.description[0], displayName: '' }] }, 'customer.get: field "customer" without a label'],
		['a delete without its action', { ...base, guard: { kind: 'delete' } }, 'customer.get: guard delete without its action in words'],
		['money without amount', { ...base, guard: { kind: 'money', action: 'pay', amount: {} }, idempotency: { operation: 'x', identity: ['a'] } }, 'customer.get: money without its amount field'],
		['money naming no field', { ...base, guard: { kind: 'money', action: 'pay', amount: { amount: 'amount' } }, idempotency: { operation: 'x', identity: ['a'] } }, 'customer.get: guard names "amount", which is no field of the operation'],
		['money without identity', { ...resources.refund.create, idempotency: undefined }, 'customer.get: money without its idempotency identity'],
	])('%s', (_what, op, problem) => {
		expect(operationProblems('customer.get', op as never)).toContain(problem);
	});

	it('a resource folder that is not registered', () => {
		expect(registryProblems(resources, [...resourceFolders, 'voucher'], operationOptions())).toEqual(['resource "voucher" is not registered (actions/resources.ts)']);
	});

	it('an operation missing from the Operation list', () => {
		const options = { ...operationOptions(), card: ['get', 'getAll', 'delete'] };
		expect(registryProblems(resources, resourceFolders, options)).toEqual([
			'card: the Operation list offers delete, get, getAll but the resource declares delete, deleteAll, get, getAll',
		]);
	});

	it('a field whose editor text and rule disagree on the limit, or without a label', () => {
		const wrongRule = field({ name: 'x', displayName: 'X', description: 'An x', max: 10, rule: z.string().max(20) });
		expect(fieldProblems('x', wrongRule)).toEqual(['x: the rule takes 11, above the limit the editor gives']);
		const noLabel = field({ name: 'y', displayName: '', description: 'A y', rule: z.string() });
		expect(fieldProblems('y', noLabel)).toEqual(['y: no label']);
	});
});
