// n8n's verification scan (@n8n/scan-community-package), run here before publishing: the same ESLint
// rules n8n applies to a community package, on both legs it scans: the source checkout (package.json,
// nodes/ and credentials/ .ts) and the packed tarball (compiled .js and the published package.json).
// The scanner ignores inline eslint-disable comments, so a rule can only be met, never silenced.
// Needs a build (dist/); `npm run scan` builds first. Prints one line per leg and exits 1 on any error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function packTarball() {
	const dir = mkdtempSync(join(tmpdir(), 'ccv-scan-'));
	const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
	if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
	const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
	const unpacked = join(dir, 'package');
	const untar = spawnSync('tar', ['-xzf', join(dir, tarball), '-C', dir], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	return { dir, unpacked };
}

const legs = [];
legs.push({ name: 'source checkout', result: await analyzePackage(root, SOURCE_FILE_PATTERNS) });
const { dir, unpacked } = packTarball();
try {
	legs.push({ name: 'packed tarball', result: await analyzePackage(unpacked, ['**/*.js', 'package.json']) });
} finally {
	rmSync(dir, { recursive: true, force: true });
}

let failed = 0;
for (const { name, result } of legs) {
	console.log(`scan ${name}: ${result.passed ? 'passed' : `FAILED (${result.message})`}`);
	if (!result.passed) {
		failed++;
		if (result.details) console.log(result.details);
	}
}
process.exit(failed === 0 ? 0 : 1);
