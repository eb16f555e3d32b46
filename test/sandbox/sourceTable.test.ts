/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs in Node, never inside n8n */
// Issue 28 #16: the README's source table cites lines that exist, and every route and reading has a row.
// Issue 25 #5: the route table is printed from the route rows; a rule without a source, or a row of
// the table without a rule behind it, fails.
// The seeds live in ../shared/ next to the repository (for a git worktree: next to the main checkout).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { READING_NAMES } from '../../sandbox/readings';
import type { Route } from '../../sandbox/router';
import { ALL_ROUTES } from '../../sandbox/routes';
import { allRules, routeTable, TABLE_END, TABLE_START } from '../../sandbox/table';

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'sandbox', 'README.md'), 'utf8');

/** ../shared beside the repository, or beside the main checkout when this is a git worktree. */
function sharedDir(): string | undefined {
	const candidates = [path.resolve(ROOT, '..', 'shared')];
	try {
		const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' }).trim();
		candidates.push(path.resolve(path.dirname(common), '..', 'shared'));
	} catch {
		// Not a git checkout: only the first candidate.
	}
	return candidates.find((dir) => fs.existsSync(path.join(dir, 'seeds')));
}

function section(title: string): string {
	const start = README.indexOf(`\n## ${title}`);
	if (start < 0) throw new Error(`README has no "## ${title}" section`);
	const end = README.indexOf('\n## ', start + 4);
	return README.slice(start, end < 0 ? undefined : end);
}

/** The table rows of a section as [first cell, second cell]. */
function rows(title: string): Array<[string, string]> {
	return section(title)
		.split('\n')
		.filter((line) => line.startsWith('| ') && !line.startsWith('| Route / rule') && !line.startsWith('| Behaviour') && !line.startsWith('| Reading') && !/^\|[-| ]+\|$/.test(line))
		.map((line) => {
			const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
			return [cells[0], cells.slice(1).join(' | ')];
		});
}

const SHARED = sharedDir();
// The seeds are not part of the repository: without them the line checks are skipped, and the name says why.
const describeWithSeeds = SHARED ? describe : describe.skip;

describeWithSeeds(SHARED ? 'every cited seed line exists' : 'every cited seed line exists (SKIPPED: ../shared/seeds not found next to the repository)', () => {
	const citations = rows('Source table').flatMap(([rule, source]) =>
		[...source.matchAll(/(\d{3}_[0-9a-f]+\.txt):(\d+)(?:-(\d+))?/g)].map((m) => ({ rule, file: m[1], from: Number(m[2]), to: Number(m[3] ?? m[2]) })),
	);

	it('finds citations', () => {
		expect(citations.length).toBeGreaterThan(50);
	});

	it.each(citations.map((c) => [`${c.file}:${c.from}${c.to !== c.from ? `-${c.to}` : ''}`, c] as const))('%s', (_label, c) => {
		const file = path.join(SHARED as string, 'seeds', c.file);
		expect(fs.existsSync(file)).toBe(true);
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		expect(c.from).toBeGreaterThanOrEqual(1);
		expect(c.to).toBeGreaterThanOrEqual(c.from);
		expect(c.to).toBeLessThanOrEqual(lines.length);
		// A cited line says something: not a blank line.
		expect(lines[c.from - 1].trim()).not.toBe('');
	});

	it('every "REF §n" names a section of REFERENCE.md', () => {
		const reference = fs.readFileSync(path.join(SHARED as string, 'ccv-api', 'REFERENCE.md'), 'utf8');
		const sections = new Set([...reference.matchAll(/^## (\d+)\./gm)].map((m) => m[1]));
		const cited = [...section('Source table').matchAll(/REF §(\d+)(?:, §(\d+))?/g)].flatMap((m) => [m[1], m[2]].filter(Boolean));
		expect(cited.filter((n) => !sections.has(n))).toEqual([]);
	});
});

describe('every rule has a row', () => {
	it('every row names a source (a seed line, REF §n or "silent: our choice")', () => {
		const bare = rows('Source table').filter(([, source]) => !/\.txt:\d|REF §\d|silent/.test(source));
		expect(bare).toEqual([]);
	});

	it('every route the sandbox serves has a row', () => {
		const table = section('Source table');
		const missing = ALL_ROUTES.map((r) => r.path.replace(/:(\w+)/g, '{$1}')).filter((p) => !table.includes(p));
		expect(missing).toEqual([]);
	});

	it('every reading has a row in the readings table', () => {
		const named = rows('Readings (switches)').map(([name]) => name.replace(/`/g, ''));
		expect(READING_NAMES.filter((name) => !named.includes(name))).toEqual([]);
	});
});

/** A source cell names where a rule comes from: a seed line, a REFERENCE section, or "silent: ..." (why). */
const NAMES_A_SOURCE = /\d{3}_[0-9a-f]+\.txt:\d|REF §\d|silent: \S/;

/** Rules (and routes) of `routes` whose source names none. */
function unsourced(routes: Route[]): string[] {
	return allRules(routes)
		.filter((r) => !NAMES_A_SOURCE.test(r.source))
		.map((r) => `${r.route} ${r.rule}`);
}

/** The route table in `readme`, between its markers. */
function printedTable(readme: string): string {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	if (start < 0 || end < start) throw new Error('README has no route table (its markers are missing)');
	return readme.slice(start, end + TABLE_END.length);
}

/** Lines of a printed table that no rule of `routes` prints, and rules that print no line of it. */
function mismatches(printed: string, routes: Route[]): { withoutRule: string[]; withoutLine: string[] } {
	const tableLines = (text: string) => text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Route / rule'));
	const fromRows = tableLines(routeTable(routes));
	const inReadme = tableLines(printed);
	return {
		withoutRule: inReadme.filter((line) => !fromRows.includes(line)),
		withoutLine: fromRows.filter((line) => !inReadme.includes(line)),
	};
}

describe('the route table is printed from the route rows (npm run sandbox:table)', () => {
	it('every route and every field rule names its source', () => {
		expect(unsourced(ALL_ROUTES)).toEqual([]);
		expect(ALL_ROUTES.filter((r) => r.sources.length === 0 || r.answers.trim() === '').map((r) => `${r.method} ${r.path}`)).toEqual([]);
	});

	it('every line of the README\'s route table has its rule, and every rule its line', () => {
		expect(mismatches(printedTable(README), ALL_ROUTES)).toEqual({ withoutRule: [], withoutLine: [] });
	});

	it('the README holds exactly what the rows print (run npm run sandbox:table after changing a row)', () => {
		expect(printedTable(README)).toBe(routeTable(ALL_ROUTES));
	});

	it('catches a rule without a source and a source without a rule', () => {
		const payment = ALL_ROUTES.find((r) => r.path === '/api/v1/payment') as Route;
		const input = payment.input as NonNullable<Route['input']>;
		const unsourcedRule: Route = { ...payment, input: { ...input, fields: [...input.fields, { name: 'tip', max: 10, source: '' }] } };
		expect(unsourced([unsourcedRule])).toEqual(['POST /api/v1/payment tip']);
		const strayLine = '| ↳ `tip`: ≤ 10 | 001_f85e87fe5418878a.txt:46 |';
		const readme = printedTable(README).replace(TABLE_END, `${strayLine}\n${TABLE_END}`);
		expect(mismatches(readme, ALL_ROUTES).withoutRule).toEqual([strayLine]);
		const withoutPayment = ALL_ROUTES.filter((r) => r !== payment);
		expect(mismatches(printedTable(README), withoutPayment).withoutRule.length).toBeGreaterThan(20);
	});
});
