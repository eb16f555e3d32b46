// Issue 25 #2: the money room (nodes/Ccv/actions/money/) and helpers/ import nothing above or beside
// them. money/ may import helpers/, transport/, schemas/, rules/ and itself, never a resource folder
// (payment/, refund/, order/, transaction/, ...) or actions/ files; helpers/ never imports actions/.
import ts from 'typescript';

// Jest runs from the repository root; TypeScript's own file access reads the sources.
const NODE = `${ts.sys.getCurrentDirectory()}/nodes/Ccv`;

/** `a/b/../c/./d` as `a/c/d`. */
function normal(path: string): string {
	const parts: string[] = [];
	for (const part of path.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

/** The modules a TypeScript file (path inside nodes/Ccv) imports or re-exports, as paths inside nodes/Ccv. */
export function importsOf(file: string, text: string): string[] {
	const folder = file.split('/').slice(0, -1).join('/');
	const specifiers = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]);
	return specifiers.filter((s) => s.startsWith('.')).map((s) => normal(`${folder}/${s}`));
}

function files(folder: string): string[] {
	return ts.sys.readDirectory(`${NODE}/${folder}`, ['.ts'], undefined, undefined, 1).map((path) => path.slice(NODE.length + 1));
}

function arrows(folder: string, forbidden: (target: string) => boolean): string[] {
	return files(folder).flatMap((file) =>
		importsOf(file, ts.sys.readFile(`${NODE}/${file}`) ?? '')
			.filter(forbidden)
			.map((target) => `${file} -> ${target}`),
	);
}

const outsideMoney = (target: string) => target.startsWith('actions/') && !target.startsWith('actions/money/');

it('money/ imports no resource folder and no actions/ file (no upward or sideways arrows)', () => {
	expect(files('actions/money').length).toBeGreaterThan(4);
	expect(arrows('actions/money', outsideMoney)).toEqual([]);
});

it('helpers/ imports nothing from actions/ (the AI-agent guard reads the resource registry, so it lives in actions/)', () => {
	expect(arrows('helpers', (target) => target.startsWith('actions'))).toEqual([]);
});

it('the scan sees an upward import, a multi-line import and a re-export', () => {
	const file = 'actions/money/x.ts';
	const text = [
		"import { list } from '../transaction/getAll.operation';",
		'import {\n\ta,\n\tb,\n} from "../order/submit.operation";',
		"import {\n\tgiven,\n} from '../payment/create.operation';",
		"export { x } from '../refund/create.operation';",
		"import type { PreparedMoney } from './types';",
	].join('\n');
	expect(importsOf(file, text).filter(outsideMoney)).toEqual([
		'actions/transaction/getAll.operation',
		'actions/order/submit.operation',
		'actions/payment/create.operation',
		'actions/refund/create.operation',
	]);
});
