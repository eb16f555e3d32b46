import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { FAILURE_CODE_MEANINGS } from './failureCodes';

/** CCV's documented error object, kept exactly as CCV sent it. */
export interface CcvErrorBody {
	type?: string;
	message?: string;
	field?: string;
	fields?: Array<{ field?: string; message?: string }>;
	failureCode?: string;
	reference?: string;
	transactionReference?: string;
	balance?: { creditAmount?: number; debitAmount?: number; total?: number };
	[key: string]: unknown;
}

const STATUS_SUMMARIES: Record<number, string> = {
	400: 'CCV rejected the request',
	401: 'API key is invalid or expired',
	403: 'CCV refused access to this resource with this key',
	404: 'Not found at CCV',
	415: 'CCV expected a JSON body',
	429: 'CCV is receiving too many requests',
	500: 'CCV had an unexpected error',
	502: 'CCV could not be reached (bad gateway)',
	503: 'CCV is temporarily unavailable',
	504: 'CCV did not finish processing in time',
};

function asErrorBody(body: unknown): CcvErrorBody {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as CcvErrorBody;
	if (typeof body === 'string' && body.trim() !== '') return { message: body.slice(0, 500) };
	return {};
}

/** A plain-words explanation of CCV's error for the person reading the execution. */
export function describeCcvError(statusCode: number, body: CcvErrorBody): string {
	const lines: string[] = [];
	if (body.type === 'input_error') {
		const fields = body.fields?.length
			? body.fields
			: body.field
				? [{ field: body.field, message: body.message }]
				: [];
		for (const f of fields) lines.push(`Field "${f.field}": ${f.message ?? 'is not valid'}.`);
		if (fields.length === 0 && body.message) lines.push(body.message);
	} else if (body.message) {
		lines.push(body.message);
	}
	if (body.failureCode) {
		const meaning = FAILURE_CODE_MEANINGS[body.failureCode] ?? 'See CCV\'s list of failure codes.';
		lines.push(`Failure code ${body.failureCode}: ${meaning}`);
	}
	if (body.balance) {
		const b = body.balance;
		lines.push(
			`Balance at CCV: credit ${b.creditAmount ?? '?'}, debit ${b.debitAmount ?? '?'}, total ${b.total ?? '?'}.`,
		);
	}
	if (statusCode === 504 || (body.transactionReference && body.type !== 'input_error')) {
		lines.push(
			body.transactionReference
				? `The outcome is unknown: CCV may still complete it. Look up transaction ${body.transactionReference} (Transaction > Get) before trying again.`
				: 'The outcome is unknown: CCV may still complete it. Look the transaction up before trying again.',
		);
	}
	if (statusCode === 401) lines.push('Check the API key in the CCV credential (test keys start with t_, live keys with l_).');
	if (body.reference) lines.push(`CCV support reference: ${body.reference}.`);
	return lines.join(' ');
}

export function ccvApiError(
	node: INode,
	statusCode: number,
	rawBody: unknown,
	extra: { itemIndex?: number; attempts?: number; note?: string } = {},
): NodeApiError {
	const body = asErrorBody(rawBody);
	const summary = STATUS_SUMMARIES[statusCode] ?? `CCV answered HTTP ${statusCode}`;
	const detail = body.type === 'input_error' && body.field ? ` (field "${body.field}")` : '';
	const code = body.failureCode ? `: ${body.failureCode}` : '';
	const parts = [describeCcvError(statusCode, body)];
	if (extra.note) parts.push(extra.note);
	const error = new NodeApiError(node, { ...body, httpCode: String(statusCode) } as JsonObject, {
		message: `${summary}${code}${detail}`,
		description: parts.filter(Boolean).join(' '),
		httpCode: String(statusCode),
		itemIndex: extra.itemIndex,
	});
	error.context.ccvError = body;
	error.context.httpCode = statusCode;
	if (extra.attempts !== undefined) error.context.attempts = extra.attempts;
	return error;
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was dropped',
	ETIMEDOUT: 'it timed out',
	ECONNABORTED: 'it timed out',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name is unknown (check the base URL in the credential)',
	EAI_AGAIN: 'the host name could not be looked up',
};

export function ccvNetworkError(
	node: INode,
	code: string,
	extra: { itemIndex?: number; attempts: number; idempotent: boolean; method: string; path: string },
): NodeApiError {
	const outcome = extra.idempotent
		? ''
		: ' This request was not sent again automatically, because CCV may already have applied it: check the result at CCV (for example with Transaction > Get or Customer > Get) before running it again.';
	const error = new NodeApiError(
		node,
		{ networkError: code } as JsonObject,
		{
			// The code stays out of the message: n8n would swap such a message for its own generic text.
			message: `No answer from CCV for ${extra.method} ${extra.path}: ${NETWORK_WORDS[code] ?? 'the connection failed'}`,
			description: `The connection failed after ${extra.attempts} attempt(s) (${code}).${outcome}`,
			itemIndex: extra.itemIndex,
		},
	);
	error.context.networkError = code;
	error.context.attempts = extra.attempts;
	return error;
}
