// `npm run bench`: runs the benchmarks in test/bench/ (jest, one at a time) and passes their output through.
// `npm run bench -- --trigger` runs only the CCV Trigger rows (test/bench/trigger*.bench.ts: vs the Webhook
// node in real n8n, and the in-process cost per call);
// any other arguments go to jest (e.g. a file pattern).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).map((arg) => (arg === '--trigger' ? 'test/bench/trigger' : arg));
const result = spawnSync('npx', ['jest', '-c', 'jest.bench.config.js', '--runInBand', ...args], {
	cwd: root,
	stdio: 'inherit',
	env: process.env,
});
process.exit(result.status ?? 1);
