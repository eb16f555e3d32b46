// `npm test`: build, typecheck, unit + integration suites (jest), the e2e suite in real n8n, then the
// browser check (Debian's Chromium in a real n8n editor; scripts/browser-setup.mjs installs it if missing).
// Ends with one line "N passed, N failed" that sums every suite it ran.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, '.tmp', 'test-reports');
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only the unit suite

function run(label, command, args) {
	console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
	console.log(`=== ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return result.status === 0;
}

function jestCounts(file) {
	if (!existsSync(file)) return undefined;
	const report = JSON.parse(readFileSync(file, 'utf8'));
	// A suite that failed to load counts as one failed test: it ran nothing it promised.
	const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
	return { passed: report.numPassedTests, failed: report.numFailedTests + brokenSuites };
}

let passed = 0;
let failed = 0;
const count = (ok) => (ok ? passed++ : failed++);

count(run('build', 'npm', ['run', '--silent', 'build']));
count(run('typecheck', 'npm', ['run', '--silent', 'typecheck'])); // the tests, scripts and the sandbox's own tsconfig

const suites = [
	{ name: 'unit', config: 'jest.config.js' },
	{ name: 'e2e', config: 'jest.e2e.config.js' },
	{ name: 'browser', config: 'jest.browser.config.js' },
];
for (const suite of suites) {
	if (only.length && !only.includes(suite.name)) continue;
	const out = join(reports, `${suite.name}.json`);
	const ok = run(`${suite.name} tests`, 'npx', ['jest', '-c', suite.config, '--passWithNoTests', '--json', `--outputFile=${out}`]);
	const counts = jestCounts(out);
	if (!counts) {
		failed++;
		continue;
	}
	passed += counts.passed;
	failed += counts.failed;
	if (!ok && counts.failed === 0) failed++; // jest failed outside any test (e.g. open handles, setup)
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
