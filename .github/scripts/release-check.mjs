// Release gate: refuses a release while the package still carries the maintainer placeholders, or
// when the tag, version, changelog and repository disagree. Runs only on the release path
// (`npm run release` via its `prerelease` hook, `npm publish` via `prepublishOnly`, the publish job of
// .github/workflows/ci.yml), never in `npm test` or CI's test job: an unfilled placeholder is fine
// while developing. `node .github/scripts/release-check.mjs` prints what is missing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PLACEHOLDER = 'FILL-IN-BEFORE-RELEASE';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The problems that block a release; an empty list means the release may go ahead. */
export function releaseProblems({ dir = root, env = process.env } = {}) {
	const read = (file) => readFileSync(path.join(dir, file), 'utf8');
	const pkg = JSON.parse(read('package.json'));
	const problems = [];
	const fields = {
		homepage: pkg.homepage,
		'bugs.url': pkg.bugs?.url,
		'author.name': pkg.author?.name,
		'author.email': pkg.author?.email,
		'repository.url': pkg.repository?.url,
	};
	for (const [field, value] of Object.entries(fields)) {
		if (!value) problems.push(`package.json ${field} is empty: fill it in`);
		else if (String(value).includes(PLACEHOLDER)) problems.push(`package.json ${field} is still "${value}": fill in the real value`);
	}
	const repo = /github\.com[/:]([^/]+\/[^/.#]+)/.exec(String(pkg.repository?.url ?? ''))?.[1];
	if (!repo) problems.push('package.json repository.url must be the public GitHub repository (npm provenance and n8n verification need it)');
	if (read('LICENSE').includes(PLACEHOLDER)) problems.push(`LICENSE still names "${PLACEHOLDER}" as copyright holder`);
	// "## [1.2.3]" by hand, or auto-changelog's "### [v1.2.3](...)" written by `npm run release`.
	if (!new RegExp(`^#{2,4} \\[?v?${pkg.version.replace(/\./g, '\\.')}(?:\\]|\\s|$)`, 'm').test(read('CHANGELOG.md'))) {
		problems.push(`CHANGELOG.md has no "## ${pkg.version}" section`);
	}
	// In GitHub Actions: the tag that started the publish job must be this version, in this repository.
	if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME && env.GITHUB_REF_NAME.replace(/^v/, '') !== pkg.version) {
		problems.push(`tag ${env.GITHUB_REF_NAME} does not match package.json version ${pkg.version}`);
	}
	if (env.GITHUB_REPOSITORY && repo && env.GITHUB_REPOSITORY.toLowerCase() !== repo.toLowerCase()) {
		problems.push(`package.json repository.url names ${repo} but this workflow runs in ${env.GITHUB_REPOSITORY}`);
	}
	return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const problems = releaseProblems();
	if (problems.length) {
		console.error(`Not ready to release:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		process.exit(1);
	}
	console.log('release check: package metadata, LICENSE and CHANGELOG are filled in');
}
