// `npm run sandbox:table`: prints the sandbox's route table (sandbox/table.ts, from the route rows)
// into sandbox/README.md; `-- --check` only says whether the README is current (exit 1 when not).
// Runs under tsx (package.json), which loads the TypeScript rows.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ALL_ROUTES } from '../sandbox/routes/index.ts';
import { routeTable, withTable } from '../sandbox/table.ts';

const readmePath = join(dirname(fileURLToPath(import.meta.url)), '..', 'sandbox', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const current = withTable(readme, routeTable(ALL_ROUTES));
if (process.argv.includes('--check')) {
	console.log(current === readme ? 'sandbox/README.md: the route table is current' : 'sandbox/README.md: the route table is out of date (npm run sandbox:table)');
	process.exit(current === readme ? 0 : 1);
}
writeFileSync(readmePath, current);
console.log(`sandbox/README.md: route table written (${ALL_ROUTES.length} routes)`);
