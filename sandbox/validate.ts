// Field validation that collects every failed field, as CCV reports them (`field` + `fields[]`).
import { inputError, type FieldError } from './errors';
import { parseAmount } from './money';
import { DEFAULT_READINGS, type Readings } from './readings';

export type Body = Record<string, unknown>;

export function isObject(value: unknown): value is Body {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The textLength reading (readings.ts) for the request being answered: handlers run synchronously,
// so the server sets it around each one (countingTextAs) and every Fields check reads it.
let textLength: Readings['textLength'] = DEFAULT_READINGS.textLength;

export function countingTextAs<T>(reading: Readings['textLength'], run: () => T): T {
	const before = textLength;
	textLength = reading;
	try {
		return run();
	} finally {
		textLength = before;
	}
}

/** A text's length under the current reading: UTF-16 units (Java's String.length()) or code points. */
export function textLengthOf(value: string): number {
	return textLength === 'codepoints' ? [...value].length : value.length;
}

export class Fields {
	readonly errors: FieldError[] = [];

	constructor(readonly body: Body) {}

	add(field: string, message: string): void {
		this.errors.push({ field, message });
	}

	has(name: string): boolean {
		return this.body[name] !== undefined && this.body[name] !== null;
	}

	/** A string field; undefined when absent (or null), after recording any error. */
	string(name: string, opts: { required?: boolean; max?: number; oneOf?: readonly string[] } = {}): string | undefined {
		const value = this.body[name];
		if (value === undefined || value === null) {
			if (opts.required) this.add(name, 'may not be null');
			return undefined;
		}
		if (typeof value !== 'string') {
			this.add(name, 'must be a string');
			return undefined;
		}
		if (opts.required && value.length === 0) {
			this.add(name, `size must be between 1 and ${opts.max ?? 255}`);
			return undefined;
		}
		if (opts.max !== undefined && textLengthOf(value) > opts.max) {
			this.add(name, `size must be between ${opts.required ? 1 : 0} and ${opts.max}`);
			return undefined;
		}
		if (opts.oneOf && !opts.oneOf.includes(value)) {
			this.add(name, `must be one of: ${opts.oneOf.join(', ')}`);
			return undefined;
		}
		return value;
	}

	/** An amount in cents; undefined when absent. */
	amount(name: string, opts: { required?: boolean } = {}): number | undefined {
		const value = this.body[name];
		if (value === undefined || value === null) {
			if (opts.required) this.add(name, 'An amount is required');
			return undefined;
		}
		const parsed = parseAmount(value);
		if ('error' in parsed) {
			this.add(name, parsed.error);
			return undefined;
		}
		return parsed.cents;
	}

	/** "yes"/"no", the only shape the docs show (seed 001:55, 001:178); JSON booleans are refused. */
	yesNo(name: string): boolean | undefined {
		const value = this.body[name];
		if (value === undefined || value === null) return undefined;
		if (value === 'yes') return true;
		if (value === 'no') return false;
		this.add(name, 'must be yes or no');
		return undefined;
	}

	object(name: string): Body | undefined {
		const value = this.body[name];
		if (value === undefined || value === null) return undefined;
		if (!isObject(value)) {
			this.add(name, 'must be an object');
			return undefined;
		}
		return value;
	}

	/** Throws the collected errors as one 400 input_error. */
	check(message?: (first: FieldError) => string): void {
		if (this.errors.length > 0) {
			throw inputError(this.errors, message ? message(this.errors[0]) : undefined);
		}
	}
}
