/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// The editor previews a node's output before its first run from an output schema that the n8n server
// serves at /schemas/<node type>/<version>/<resource>/<operation>.json, read from
// <node folder>/__schema__/v<version>/<resource>/<operation>.json (n8n-core's resolveOutputSchemaPath).
// Every resource/operation the CCV node offers must have one in the build (dist/), in the shape the
// editor accepts (an object schema with properties), or the editor logs a 404 and shows no preview.
import fs from 'node:fs';
import path from 'node:path';

import { resolveOutputSchemaPath } from 'n8n-core';
import type { INodePropertyOptions } from 'n8n-workflow';

import { Ccv } from '../../../../nodes/Ccv/Ccv.node';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BUILT_NODE_DIR = path.join(ROOT, 'dist', 'nodes', 'Ccv');
const SOURCE_NODE_DIR = path.join(ROOT, 'nodes', 'Ccv');

/** Every resource/operation pair the node's description offers. */
function operationsOf(node: Ccv): Array<{ resource: string; operation: string }> {
	const { properties, version } = node.description;
	expect(version).toBe(1);
	const resources = (properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	return resources.flatMap(({ value: resource }) =>
		properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
			.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
			.map(({ value: operation }) => ({ resource: String(resource), operation: String(operation) })),
	);
}

const operations = operationsOf(new Ccv());

/** What the editor checks before it uses a schema (an object schema whose properties are not empty). */
function isUsableSchema(schema: unknown): boolean {
	if (!schema || typeof schema !== 'object') return false;
	const { type, properties } = schema as { type?: unknown; properties?: unknown };
	return type === 'object' && !!properties && typeof properties === 'object' && Object.keys(properties).length > 0;
}

test('the node offers the operations this test walks through', () => {
	expect(operations.length).toBeGreaterThanOrEqual(22);
});

describe.each([
	['the sources', SOURCE_NODE_DIR],
	['the build (dist/)', BUILT_NODE_DIR],
])('output schemas in %s', (_where, nodeDir) => {
	beforeAll(() => {
		if (!fs.existsSync(nodeDir)) throw new Error(`${nodeDir} is missing: run \`npm run build\` first`);
	});

	test.each(operations)('$resource / $operation has a usable schema where n8n looks for it', ({ resource, operation }) => {
		const file = resolveOutputSchemaPath({ nodeDir, version: 1, resource, operation });
		expect(file).toBe(path.join(nodeDir, '__schema__', 'v1.0.0', resource, `${operation}.json`));
		expect(fs.existsSync(file!)).toBe(true);
		expect(isUsableSchema(JSON.parse(fs.readFileSync(file!, 'utf8')))).toBe(true);
	});

	test('no schema is left for an operation the node no longer has', () => {
		const dir = path.join(nodeDir, '__schema__', 'v1.0.0');
		const shipped = fs
			.readdirSync(dir)
			.flatMap((resource) => fs.readdirSync(path.join(dir, resource)).map((file) => `${resource}/${file.replace(/\.json$/, '')}`));
		expect(shipped.sort()).toEqual(operations.map(({ resource, operation }) => `${resource}/${operation}`).sort());
	});
});
