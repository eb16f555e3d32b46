/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test tooling: runs in Node, never inside n8n */
// Issue 28 #17: no tracked file names a path of a developer's machine (a scratch folder, a work
// tree, a home directory). Sources are cited relative to the repository (`../shared/seeds/...`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

// Built from parts so this file does not name such a path itself.
const ROOTS = ['tmp', 'work', 'home', 'Users', 'root', 'mnt', 'private/tmp', 'var/folders'];
/** An absolute path starting at one of ROOTS: at the start of a line or after a space, quote, bracket or "=". */
export const MACHINE_PATH = new RegExp(`(^|[\\s'"\`(\\[=:,])/(${ROOTS.join('|')})/`, 'm');
const WINDOWS_PATH = /\b[A-Za-z]:\\(Users|Documents and Settings)\\/;

/** Every line of the text that names a machine path, as "line: text". */
export function machinePaths(text: string): string[] {
	return text.split('\n').flatMap((line, index) => (MACHINE_PATH.test(line) || WINDOWS_PATH.test(line) ? [`${index + 1}: ${line.trim()}`] : []));
}

function trackedFiles(): string[] {
	return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
		.split('\0')
		.filter((file) => file !== '' && file !== 'package-lock.json');
}

it('recognises the paths it is meant to catch, and not web addresses', () => {
	const slash = '/';
	expect(machinePaths(`see ${slash}tmp${slash}team/readme.md`)).toHaveLength(1);
	expect(machinePaths(`Seed files are in \`${slash}work${slash}shared/seeds/\``)).toHaveLength(1);
	expect(machinePaths(`cwd: '${slash}home${slash}dev/n8n'`)).toHaveLength(1);
	expect(machinePaths('C:\\Users\\dev\\n8n')).toHaveLength(1);
	expect(machinePaths('https://example.com/tmp/x and ${editor.url}/home/credentials and ../shared/seeds/000.txt:12')).toEqual([]);
});

it('no tracked file names a path of a developer\'s machine', () => {
	const found: string[] = [];
	for (const file of trackedFiles()) {
		const full = path.join(ROOT, file);
		if (!fs.existsSync(full) || fs.statSync(full).isDirectory()) continue;
		const buffer = fs.readFileSync(full);
		if (buffer.includes(0)) continue; // binary (icons)
		for (const hit of machinePaths(buffer.toString('utf8'))) found.push(`${file}:${hit}`);
	}
	expect(found).toEqual([]);
});
