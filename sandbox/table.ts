// The README's table of routes and field rules, printed from the route rows (routes/*.ts): one line
// per route (what it answers, its sources), one per field rule and one per rule across fields.
// `npm run sandbox:table` writes it into README.md; test/sandbox/sourceTable.test.ts compares.
import type { FieldRule } from './input';
import type { Route } from './router';

export const TABLE_START = '<!-- route table: printed from sandbox/routes/ by `npm run sandbox:table`; edit the rows there -->';
export const TABLE_END = '<!-- end of the route table -->';

const KIND_WORDS: Record<string, string> = {
	amount: 'an amount (decimal, at most 2 places)',
	yesNo: '"yes" or "no" only',
	boolean: 'a JSON boolean',
	object: 'an object',
	array: 'an array',
	list: 'an array',
	textList: 'an array of texts',
	long: 'a long integer (exact digits above 2^53-1)',
	whole: 'a whole number',
	callbackUrl: 'a callback URL ≤ 2000 (http:// per readings `allowHttpWebhooks`, `httpWebhookUrl`)',
	notificationRequests: 'notification requests {url, events?}',
	payoutInstructions: 'payout instructions [{amount required, externalReference ≤ 255}]',
};

/** A rule in words: "required, ≤ 64", "one of sale, authorise", ... */
export function describeRule(rule: FieldRule): string {
	const words: string[] = [];
	if (rule.kind && rule.kind !== 'text') words.push(KIND_WORDS[rule.kind]);
	if (rule.required === true) words.push('required');
	else if (typeof rule.required === 'object') words.push(`required ${rule.required.says}`);
	if (rule.kind === 'textList') words.push(`≤ ${rule.maxItems} items, each 1 to ${rule.max} characters`);
	else if (rule.kind === 'whole') {
		words.push([rule.min !== undefined ? `≥ ${rule.min}` : '', rule.max !== undefined ? `≤ ${rule.max}` : ''].filter(Boolean).join(', '));
		if (rule.default !== undefined) words.push(`default ${rule.default}`);
	} else if (rule.max !== undefined && rule.kind !== 'callbackUrl') words.push(`≤ ${rule.max}`);
	if (rule.oneOf) words.push(`${rule.kind === 'list' ? 'each ' : ''}one of ${rule.oneOf.join(', ')}`);
	if (rule.check) words.push(rule.check.says);
	if (rule.message) words.push(`any failure: "${rule.message}"`);
	if (rule.fields) words.push(`fields ${rule.fields.map((f) => `\`${f.name}\``).join(', ')}`);
	return words.join(', ') || 'optional';
}

function cell(text: string): string {
	return text.replace(/\|/g, '\\|');
}

function ruleLines(route: Route, rules: FieldRule[], prefix: string): string[] {
	return rules.flatMap((rule) => [
		`| ↳ \`${prefix}${rule.name}\`${route.input?.from === 'query' ? ' (query)' : ''}: ${cell(describeRule(rule))} | ${cell(rule.source)} |`,
		...ruleLines(route, rule.fields ?? [], `${prefix}${rule.name}.`),
	]);
}

/** Every rule the rows hold, with its source: what the table prints and the tests count. */
export function allRules(routes: Route[]): Array<{ route: string; rule: string; source: string }> {
	const walk = (route: Route, rules: FieldRule[], prefix: string): Array<{ route: string; rule: string; source: string }> =>
		rules.flatMap((rule) => [
			{ route: `${route.method} ${route.path}`, rule: `${prefix}${rule.name}`, source: rule.source },
			...walk(route, rule.fields ?? [], `${prefix}${rule.name}.`),
		]);
	return routes.flatMap((route) => [
		...route.sources.map((source) => ({ route: `${route.method} ${route.path}`, rule: '(route)', source })),
		...walk(route, route.input?.fields ?? [], ''),
		...(route.input?.across ? [{ route: `${route.method} ${route.path}`, rule: '(across fields)', source: route.input.across.source }] : []),
	]);
}

/** The markdown block between TABLE_START and TABLE_END (both included). */
export function routeTable(routes: Route[]): string {
	const lines = [TABLE_START, '', '| Route / rule | Source |', '|---|---|'];
	for (const route of routes) {
		const path = route.path.replace(/:(\w+)/g, '{$1}');
		lines.push(`| \`${route.method} ${path}\` ${cell(route.answers)} | ${cell(route.sources.join(', '))} |`);
		lines.push(...ruleLines(route, route.input?.fields ?? [], ''));
		const across = route.input?.across;
		if (across) lines.push(`| ↳ across fields: ${cell(across.says)} | ${cell(across.source)} |`);
	}
	lines.push('', TABLE_END);
	return lines.join('\n');
}

/** README text with its route table replaced by `table`. */
export function withTable(readme: string, table: string): string {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	if (start < 0 || end < start) throw new Error(`README has no route table between "${TABLE_START}" and "${TABLE_END}"`);
	return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}
