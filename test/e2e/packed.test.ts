/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// The package exactly as npm would publish it: `npm pack`, the tarball installed with `npm install
// <tarball>` into a fresh folder, loaded by a running n8n. Every node and credential package.json
// names loads (and the AI-tool variant of the CCV node), every operation's output schema is served
// from the installed package, the node picker's search words arrive, and the Payment Method dropdown
// loads from CCV through n8n's own endpoint. (server.test.ts runs the trigger and credential test on
// the same kind of install.)
import fs from 'node:fs';
import path from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';

import type { PackedExtension } from '../../scripts/lib/extension.cjs';
import { Ccv } from '../../nodes/Ccv/Ccv.node';
import { startSandbox, type Sandbox } from '../../sandbox';
import {
	CCV_NODE,
	CCV_TRIGGER_NODE,
	ccvCredential,
	createN8n,
	preparePackedExtension,
	removeAllTempDirs,
	setupRuntime,
	type CredentialRef,
	type N8nInstance,
	type StartedServer,
} from './harness';

let sandbox: Sandbox;
let packed: PackedExtension;
let n8n: N8nInstance;
let server: StartedServer;
let credential: CredentialRef;

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

function operations(): Array<{ resource: string; operation: string }> {
	const { properties } = new Ccv().description;
	const resources = (properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	return resources.flatMap(({ value: resource }) =>
		properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
			.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
			.map(({ value: operation }) => ({ resource: String(resource), operation: String(operation) })),
	);
}

beforeAll(async () => {
	await setupRuntime();
	sandbox = await startSandbox({ seed: true });
	packed = await preparePackedExtension();
	n8n = await createN8n({ extensionsDir: packed.dir });
	credential = await n8n.importCredential(ccvCredential(sandbox.url, { name: 'CCV sandbox' }));
	server = await n8n.startServer();
});

afterAll(async () => {
	await sandbox?.close();
	await n8n?.cleanup();
	removeAllTempDirs();
});

test('the tarball holds exactly dist/, README.md, LICENSE and package.json, and every path package.json names', () => {
	const top = [...new Set(packed.files.map((file) => (file.includes('/') ? `${file.split('/')[0]}/` : file)))].sort();
	expect(top).toEqual(['LICENSE', 'README.md', 'dist/', 'package.json']);
	const installed = (file: string) => fs.existsSync(path.join(packed.packageDir, file));
	expect([...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((file) => !installed(file))).toEqual([]);
});

test('n8n loads every node and credential of the installed package, and the CCV node as an AI tool', async () => {
	const nodes = (await server.api.get('/types/nodes.json')) as Array<{ name: string; codex?: { alias?: string[] } }>;
	const ours = nodes.filter((node) => node.name.startsWith('CUSTOM.ccv')).map((node) => node.name);
	expect(ours.sort()).toEqual([CCV_NODE, `${CCV_NODE}Tool`, CCV_TRIGGER_NODE, 'CUSTOM.ccvReconcileTrigger'].sort());
	const credentials = (await server.api.get('/types/credentials.json')) as Array<{ name: string }>;
	expect(credentials.map((type) => type.name)).toContain('ccvApi');
	const codex = nodes.find((node) => node.name === CCV_NODE)?.codex;
	expect(codex?.alias).toEqual(expect.arrayContaining(['loyalty', 'upsert', 'sync', 'refund', 'payment', 'webhook']));
});

test('every operation\'s output schema is served from the installed package (the editor\'s preview, no 404)', async () => {
	const missing: string[] = [];
	for (const { resource, operation } of operations()) {
		const url = `${server.baseUrl}/schemas/${CCV_NODE}/1.0.0/${resource}/${operation}.json`;
		const response = await fetch(url);
		const body = response.status === 200 ? ((await response.json()) as { type?: string; properties?: object }) : undefined;
		if (body?.type !== 'object' || !body.properties || Object.keys(body.properties).length === 0) missing.push(`${resource}/${operation}: ${response.status}`);
	}
	expect(missing).toEqual([]);
});

test('the Payment Method dropdown loads the merchant\'s methods from CCV through n8n', async () => {
	sandbox.clearLog();
	const options = (await server.api.post('/rest/dynamic-node-parameters/options', {
		nodeTypeAndVersion: { name: CCV_NODE, version: 1 },
		path: 'parameters.method',
		methodName: 'getPaymentMethods',
		currentNodeParameters: { resource: 'payment', operation: 'create' },
		credentials: { ccvApi: credential },
	})) as INodePropertyOptions[];
	expect(options).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ name: 'Card', value: 'card' }),
			expect.objectContaining({ name: 'iDEAL', value: 'ideal' }),
		]),
	);
	expect(sandbox.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /api/v1/method']);
});
