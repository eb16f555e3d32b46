// A route's fields as data: each rule names its field, what it must be and the CCV line it rests on.
// One validator applies them, in order (the order of `fields[]` in CCV's error answer); route rows
// carry them (routes/*.ts) and the README's source table is printed from them (table.ts).
import type { ApiRequest, Core } from './core';
import { inputError, type FieldError } from './errors';
import { readCallbackUrl, readNotificationRequests } from './notifications';
import { readPayoutInstructions } from './payout';
import { Fields, isObject, textLengthOf, type Body } from './validate';

/** What a field holds. 'text' when not said. */
export type FieldKind =
	| 'text'
	| 'amount'
	| 'yesNo'
	| 'boolean'
	| 'object'
	| 'array'
	| 'list'
	| 'textList'
	| 'long'
	| 'whole'
	| 'callbackUrl'
	| 'notificationRequests'
	| 'payoutInstructions';

/** A rule that depends on the request (the fields read so far, the readings): with the words the table prints. */
export interface Condition<T> {
	when: (values: Body, core: Core) => T;
	says: string;
}

export interface FieldRule {
	name: string;
	kind?: FieldKind;
	required?: boolean | Condition<boolean>;
	/** Text: at most this many characters (under the textLength reading); lists: items at most this long. */
	max?: number;
	/** The only values accepted (an enum); for 'list', the values each item may take. */
	oneOf?: readonly unknown[];
	/** 'textList': at most this many items. */
	maxItems?: number;
	/** 'whole': bounds and the value when absent. */
	min?: number;
	default?: number;
	/** One more rule once the value passed the others: answers the message, or undefined when fine. */
	check?: { test: (value: unknown, values: Body, core: Core) => string | undefined; says: string };
	/** Any failure of this field is answered with this one message (CCV's own wording for it). */
	message?: string;
	/** An object's own fields (errors named `name.field`). */
	fields?: FieldRule[];
	/** The seed line(s) it rests on (`file:line`), `REF §n`, or `silent: our choice (why)`. */
	source: string;
}

/** Where a route's fields are read and how its 400 is worded. */
export interface RouteInput {
	from: 'body' | 'query';
	fields: FieldRule[];
	/** The 400's message from the first failed field (CCV's default when absent). */
	message?: (first: FieldError) => string;
	/** Rules across fields, checked with the others (in the same 400). */
	across?: { test: (f: Fields, values: Body, core: Core) => void; says: string; source: string };
}

/** A body that is JSON but not an object (or absent: then no fields). */
export function requireBody(body: unknown): Body {
	if (body === undefined) return {};
	if (!isObject(body)) throw inputError([{ field: 'body', message: 'must be a JSON object' }]);
	return body;
}

/** Applies a route's rules; throws the 400 with every failed field; answers the values read. */
export function validateInput(input: RouteInput, core: Core, req: ApiRequest): Body {
	const f = new Fields(input.from === 'query' ? req.query : requireBody(req.body));
	const values = applyRules(f, input.fields, core);
	input.across?.test(f, values, core);
	f.check(input.message);
	return values;
}

function applyRules(f: Fields, rules: FieldRule[], core: Core): Body {
	const values: Body = {};
	for (const rule of rules) {
		const value = rule.message ? withOneMessage(f, rule, values, core) : applyRule(f, rule, values, core);
		if (value !== undefined) values[rule.name] = value;
	}
	return values;
}

function withOneMessage(f: Fields, rule: FieldRule, values: Body, core: Core): unknown {
	const own = new Fields(f.body);
	const value = applyRule(own, rule, values, core);
	if (own.errors.length === 0) return value;
	f.add(rule.name, rule.message as string);
	return undefined;
}

function isRequired(rule: FieldRule, values: Body, core: Core): boolean {
	const required = rule.required;
	return typeof required === 'object' ? required.when(values, core) : required === true;
}

function applyRule(f: Fields, rule: FieldRule, values: Body, core: Core): unknown {
	const { name } = rule;
	const required = isRequired(rule, values, core);
	const raw = f.body[name];
	const absent = raw === undefined || raw === null;
	let value: unknown;
	switch (rule.kind ?? 'text') {
		case 'text':
			value = f.string(name, { required, max: rule.max, oneOf: rule.oneOf as readonly string[] | undefined });
			break;
		case 'amount':
			value = f.amount(name, { required });
			break;
		case 'yesNo':
			value = f.yesNo(name);
			break;
		case 'boolean':
			if (absent) {
				if (required) f.add(name, 'may not be null');
			} else if (typeof raw !== 'boolean') f.add(name, 'must be a boolean');
			else value = raw;
			break;
		case 'object':
			if (absent && required) f.add(name, 'may not be null');
			value = f.object(name);
			if (isObject(value) && rule.fields) {
				const sub = new Fields(value);
				applyRules(sub, rule.fields, core);
				for (const e of sub.errors) f.add(`${name}.${e.field}`, e.message);
			}
			break;
		case 'array':
			if (!absent && !Array.isArray(raw)) f.add(name, 'must be an array');
			else value = raw ?? undefined;
			break;
		case 'list':
			value = readList(f, rule, raw);
			break;
		case 'textList':
			value = readTextList(f, rule, raw);
			break;
		case 'long':
			value = readLong(f, name, raw, required);
			break;
		case 'whole':
			value = readWhole(f, rule, raw);
			break;
		case 'callbackUrl':
			value = readCallbackUrl(f, name, raw, core.readings);
			break;
		case 'notificationRequests':
			value = readNotificationRequests(f, core.readings);
			break;
		case 'payoutInstructions':
			value = readPayoutInstructions(f);
			break;
	}
	if (value !== undefined && rule.check) {
		const problem = rule.check.test(value, values, core);
		if (problem) f.add(name, problem);
	}
	return value;
}

function readList(f: Fields, rule: FieldRule, raw: unknown): unknown[] | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (!Array.isArray(raw)) {
		f.add(rule.name, 'must be an array');
		return undefined;
	}
	const allowed = rule.oneOf;
	if (allowed) {
		raw.forEach((item, i) => {
			if (!allowed.includes(item)) f.add(`${rule.name}[${i}]`, `must be one of: ${allowed.join(', ')}`);
		});
	}
	return raw;
}

function readTextList(f: Fields, rule: FieldRule, raw: unknown): string[] | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (!Array.isArray(raw)) {
		f.add(rule.name, 'must be an array of strings');
		return undefined;
	}
	if (rule.maxItems !== undefined && raw.length > rule.maxItems) {
		f.add(rule.name, `size must be between 0 and ${rule.maxItems}`);
		return undefined;
	}
	const max = rule.max ?? 255;
	raw.forEach((item, i) => {
		if (typeof item !== 'string') f.add(`${rule.name}[${i}]`, 'must be a string');
		else if (item.length < 1 || textLengthOf(item) > max) f.add(`${rule.name}[${i}]`, `size must be between 1 and ${max}`);
	});
	return raw as string[];
}

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** A Java long: a safe JSON number, or exact digits above 2^53-1 (parsed as bigint, json.ts). */
function readLong(f: Fields, name: string, raw: unknown, required: boolean): number | bigint | undefined {
	if (raw === undefined || raw === null) {
		if (required) f.add(name, 'may not be null');
		return undefined;
	}
	const long = typeof raw === 'bigint' ? raw <= LONG_MAX && raw >= LONG_MIN : typeof raw === 'number' && Number.isSafeInteger(raw);
	if (!long) {
		f.add(name, 'must be a long integer (epoch milliseconds)');
		return undefined;
	}
	return raw as number | bigint;
}

/** A whole number in a query string; out of bounds is a field error (never clamped). */
function readWhole(f: Fields, rule: FieldRule, raw: unknown): number | undefined {
	if (raw === undefined) return rule.default;
	if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
		f.add(rule.name, 'must be a whole number');
		return rule.default;
	}
	const value = Number(raw);
	if (rule.min !== undefined && value < rule.min) f.add(rule.name, `must be greater than or equal to ${rule.min}`);
	if (rule.max !== undefined && value > rule.max) f.add(rule.name, `must be less than or equal to ${rule.max}`);
	return value;
}
