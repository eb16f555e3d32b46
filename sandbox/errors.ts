// CCV's error object (seed 002) and the helpers that build each kind of error answer.
import { randomBytes } from 'node:crypto';

export interface FieldError {
	field: string;
	message: string;
}

export interface CcvErrorBody {
	type: 'input_error' | 'process_error' | 'unexpected_error';
	message: string;
	reference: string;
	field?: string;
	fields?: FieldError[];
	failureCode?: string;
	transactionReference?: string;
	balance?: { creditAmount: number; debitAmount: number; total: number };
}

/** Thrown by handlers; the server turns it into the HTTP answer. */
export class CcvError extends Error {
	constructor(
		readonly status: number,
		readonly body: CcvErrorBody,
		readonly headers: Record<string, string> = {},
	) {
		super(body.message);
	}
}

/** The support reference every CCV error carries (8 hex characters, as in CCV's examples). */
export function errorReference(): string {
	return randomBytes(4).toString('hex');
}

/** 400 input_error: `field` is the first failed field, `fields` all of them. */
export function inputError(fields: FieldError[], message?: string): CcvError {
	const first = fields[0];
	return new CcvError(400, {
		type: 'input_error',
		message: message ?? first.message,
		reference: errorReference(),
		field: first.field,
		fields,
	});
}

/** 404 with the body CCV documents for a missing customer or card. */
export function notFound(message: string, field: string): CcvError {
	return new CcvError(404, { type: 'input_error', message, reference: errorReference(), field });
}

/** 400 process_error with a failure code (seed 002: every failure code is HTTP 400). */
export function processError(
	failureCode: string,
	message: string,
	extra: Partial<CcvErrorBody> = {},
): CcvError {
	return new CcvError(400, {
		type: 'process_error',
		message,
		reference: errorReference(),
		failureCode,
		...extra,
	});
}

export function plainError(
	status: number,
	type: CcvErrorBody['type'],
	message: string,
	headers: Record<string, string> = {},
): CcvError {
	return new CcvError(status, { type, message, reference: errorReference() }, headers);
}

/** A control-API or in-process helper refused (unknown reference, bad input, wrong state). */
export class ControlError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string,
	) {
		super(message);
	}
}
