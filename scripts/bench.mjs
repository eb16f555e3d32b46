// `npm run bench`: runs the benchmarks in test/bench/ (jest, one at a time) and passes their output through.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync('npx', ['jest', '-c', 'jest.bench.config.js', '--runInBand', ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
	env: process.env,
});
process.exit(result.status ?? 1);
