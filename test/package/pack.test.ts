/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs in Node, never inside n8n */
// What `npm pack` puts in the tarball users install: exactly dist/, README.md, LICENSE and
// package.json (no sources, tests, sandbox, scripts or dot-files), and every path package.json's
// "n8n" section names. Needs a build (`npm run build`; `npm test` builds first).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function packList(): string[] {
	const env = { ...process.env };
	// npm_* variables of an enclosing `npm run` (e.g. npm_config_dry_run) must not change this pack.
	for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env, encoding: 'utf8' });
	const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ files: Array<{ path: string }> }>;
	return info.files.map((file) => file.path).sort();
}

let files: string[];

beforeAll(() => {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) throw new Error('no build in dist/: run `npm run build` first');
	files = packList();
}, 60_000);

test('the tarball holds exactly dist/, README.md, LICENSE and package.json', () => {
	const topLevel = [...new Set(files.map((file) => (file.includes('/') ? `${file.split('/')[0]}/` : file)))].sort();
	expect(topLevel).toEqual(['LICENSE', 'README.md', 'dist/', 'package.json']);
});

test('every node, credential and icon package.json names is in the tarball', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const named = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	expect(named.filter((file) => !files.includes(file))).toEqual([]);
	expect(files).toEqual(expect.arrayContaining(['dist/icons/ccv.svg', 'dist/icons/ccv.dark.svg', 'dist/nodes/Ccv/Ccv.node.json']));
});

test('no test, sandbox, source map of tests or secret-looking file ships', () => {
	expect(files.filter((file) => /(^|\/)(test|sandbox|\.env|\.npmrc|node_modules)(\/|$)/.test(file))).toEqual([]);
	expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
});
