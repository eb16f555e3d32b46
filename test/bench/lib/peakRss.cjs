// Loaded into every process of one `n8n execute` with NODE_OPTIONS=--require (memory bench): on exit,
// writes the process's peak resident memory (process.resourceUsage().maxRSS, in KiB) to
// $CCV_BENCH_PEAK_DIR/<pid>.json, with its command line, so the bench tells n8n's main process from
// its task runner.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.CCV_BENCH_PEAK_DIR;
if (dir) {
	process.on('exit', () => {
		try {
			const record = { pid: process.pid, argv: process.argv.slice(1).join(' '), maxRssKiB: process.resourceUsage().maxRSS };
			fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(record));
		} catch {
			// a bench aid: never disturb the process it measures
		}
	});
}
