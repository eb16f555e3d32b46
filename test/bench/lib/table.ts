/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test tooling: runs in Node, never inside n8n */
// Prints one benchmark table straight to stdout (jest's console adds stack lines around console.log).

export type Cell = string | number;

export function fmt(n: number, digits = 2): string {
	return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

export function printTable(title: string, headers: string[], rows: Cell[][], notes: string[] = []): void {
	const cells = [headers, ...rows.map((r) => r.map(String))];
	const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
	const line = (r: string[]) => '| ' + r.map((v, c) => (v ?? '').padEnd(widths[c])).join(' | ') + ' |';
	const out = [
		'',
		`## ${title}`,
		`${new Date().toISOString()} · node ${process.version} · ${process.platform}/${process.arch}`,
		'',
		line(headers),
		'|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
		...cells.slice(1).map(line),
		...(notes.length ? ['', ...notes] : []),
		'',
	];
	process.stdout.write(out.join('\n') + '\n');
}
