/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs in Node, never inside n8n */
// The release gate (.github/scripts/release-check.mjs): blocks a release while package.json or LICENSE
// hold the maintainer placeholder, and when tag, version and repository disagree; never part of `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CHECK = path.join(ROOT, '.github', 'scripts', 'release-check.mjs');

function problems(files: Record<string, string>, env: Record<string, string> = {}): string[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccv-release-check-'));
	try {
		for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
		const script = `import { releaseProblems } from ${JSON.stringify(CHECK)};
			console.log(JSON.stringify(releaseProblems({ dir: process.argv[1], env: JSON.parse(process.argv[2]) })));`;
		const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, dir, JSON.stringify(env)], { encoding: 'utf8' });
		return JSON.parse(out) as string[];
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const filled = {
	'package.json': JSON.stringify({
		name: 'n8n-nodes-ccv',
		version: '1.2.3',
		homepage: 'https://github.com/acme/n8n-nodes-ccv#readme',
		bugs: { url: 'https://github.com/acme/n8n-nodes-ccv/issues' },
		author: { name: 'Acme', email: 'dev@acme.example' },
		repository: { type: 'git', url: 'git+https://github.com/acme/n8n-nodes-ccv.git' },
	}),
	LICENSE: 'MIT License\n\nCopyright (c) 2026 Acme\n',
	'CHANGELOG.md': '# Changelog\n\n## [1.2.3] - 2026-12-01\n\n- Things.\n',
};

test('the project as committed is not releasable until the maintainer fills in the placeholders', () => {
	const result = spawnSync(process.execPath, [CHECK], { cwd: ROOT, encoding: 'utf8' });
	expect(result.status).toBe(1);
	expect(result.stderr).toContain('package.json repository.url is still');
	expect(result.stderr).toContain('LICENSE still names "FILL-IN-BEFORE-RELEASE"');
});

test('filled-in metadata with a changelog section for the version passes', () => {
	expect(problems(filled)).toEqual([]);
	expect(problems(filled, { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.2.3', GITHUB_REPOSITORY: 'acme/n8n-nodes-ccv' })).toEqual([]);
});

test('a tag that is not the version, another repository, or no changelog section blocks the release', () => {
	expect(problems(filled, { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: '1.2.4' })).toEqual([
		'tag 1.2.4 does not match package.json version 1.2.3',
	]);
	expect(problems(filled, { GITHUB_REPOSITORY: 'someone/fork' })).toEqual([
		'package.json repository.url names acme/n8n-nodes-ccv but this workflow runs in someone/fork',
	]);
	expect(problems({ ...filled, 'CHANGELOG.md': '# Changelog\n' })).toEqual(['CHANGELOG.md has no "## 1.2.3" section']);
	expect(problems({ ...filled, 'CHANGELOG.md': '# Changelog\n\n## [1.2.30]\n' })).toEqual(['CHANGELOG.md has no "## 1.2.3" section']);
	// What `npm run release` writes (auto-changelog): "### [v1.2.3](compare URL) - date".
	expect(problems({ ...filled, 'CHANGELOG.md': '### [v1.2.3](https://example.invalid/compare) - 2026-12-01\n' })).toEqual([]);
});

test('the release script and the publish job run the check; `npm test` and the CI test job do not', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
	expect(pkg.scripts.prerelease).toBe('node .github/scripts/release-check.mjs');
	expect(pkg.scripts.release).toMatch(/^npm run prerelease && /);
	expect(pkg.scripts.test).not.toMatch(/release-check|prerelease/);
	const workflow = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
	const jobs = workflow.slice(workflow.indexOf('\njobs:'));
	const [testJob, publishJob] = jobs.split(/^ {2}publish:$/m);
	expect(testJob).not.toContain('prerelease');
	expect(publishJob).toContain('run: npm run prerelease');
	expect(publishJob).toContain('run: npm publish --provenance');
	expect(publishJob).toContain('id-token: write');
});

test('every workflow step is a command a developer runs locally the same way (npm scripts that exist)', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
	const workflow = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8');
	const commands = [...workflow.matchAll(/^\s+run: (.+)$/gm)].map((match) => match[1].trim());
	expect(commands.length).toBeGreaterThan(5);
	for (const command of commands) {
		const script = /^npm run (\S+)/.exec(command)?.[1];
		if (script) expect(Object.keys(pkg.scripts)).toContain(script);
		else expect(command).toMatch(/^(npm ci|npm test|npm publish --provenance --access public|node scripts\/browser-setup\.mjs)$/);
	}
});
