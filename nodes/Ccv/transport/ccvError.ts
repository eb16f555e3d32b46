import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { CCV_PAYMENT_BASE_URL, baseUrlLabel } from '../rules';
import type { CcvApiName } from '../rules';
import { seeFix } from '../helpers/fixLinks';
import { failureCodeHeadline, failureCodeMeaning } from './failureCodes';

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
	403: 'CCV refused this API key from this address (IP address blocked)',
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

/**
 * One sentence that ends: n8n shows the description on one line (line breaks collapse), so every
 * part must end with a full stop or the next one runs into it.
 */
export function sentence(text: string): string {
	const t = text.trim().replace(/\s+/g, ' ');
	if (t === '') return '';
	return /[.!?]["')\]]?$/.test(t) ? t : `${t}.`;
}

/** A plain-words explanation of CCV's error for the person reading the execution: whole sentences. */
export function describeCcvError(statusCode: number, body: CcvErrorBody): string {
	const lines: string[] = [];
	if (body.type === 'input_error') {
		const fields = body.fields?.length
			? body.fields
			: body.field
				? [{ field: body.field, message: body.message }]
				: [];
		for (const f of fields) lines.push(sentence(`Field "${f.field}": ${f.message ?? 'is not valid'}`));
		if (fields.length === 0 && typeof body.message === 'string') lines.push(sentence(body.message));
	} else if (typeof body.message === 'string') {
		lines.push(sentence(body.message));
	}
	if (body.failureCode) {
		const meaning = failureCodeMeaning(body.failureCode) ?? 'See CCV\'s list of failure codes.';
		lines.push(sentence(`Failure code ${body.failureCode}: ${meaning}`));
	}
	if (body.balance) {
		const b = body.balance;
		lines.push(
			`Balance at CCV: credit ${b.creditAmount ?? '?'}, debit ${b.debitAmount ?? '?'}, total ${b.total ?? '?'}.`,
		);
	}
	// One rule (seed 002:484): an error naming a transactionReference means the transaction may exist;
	// a 504 leaves the outcome open; any other refusal created nothing.
	if (statusCode === 504) {
		lines.push(
			body.transactionReference
				? `The outcome is unknown: CCV may still complete it. Look up transaction ${body.transactionReference} (Transaction > Get) before trying again.`
				: 'The outcome is unknown: CCV may still complete it. Look the transaction up before trying again.',
		);
	} else if (body.transactionReference) {
		lines.push(`CCV names transaction ${body.transactionReference} for this request, so it may exist: look it up (Transaction > Get) before trying again.`);
	}
	if (statusCode === 401) lines.push(`Check the API key in the CCV credential (test keys start with t_, live keys with l_). ${seeFix('credential')}`);
	// CCV's own plugins show a 403 as "Your ip has been blocked. Please contact CCV." (PLUGINS.md).
	if (statusCode === 403) {
		lines.push(
			'CCV blocks a key when it is used from an address CCV does not allow. Contact CCV and give them the public IP address of your n8n server, so they can allow it for this key.',
		);
	}
	if (body.reference) lines.push(`CCV support reference: ${body.reference}.`);
	return lines.filter(Boolean).join(' ');
}

const SUBJECTS: Record<string, string> = {
	payment: 'payment',
	refund: 'refund',
	capture: 'capture',
	reversal: 'reversal',
};

/** What the request was, in a word for the headline: "the refund", else "the request". */
export function subjectOf(method?: string, path?: string): string {
	if (method !== 'POST' || !path) return 'request';
	const last = path.split('?')[0].split('/').filter(Boolean).pop() ?? '';
	return SUBJECTS[last] ?? 'request';
}

/** The error's headline, in words: never a bare code. */
function headlineOf(statusCode: number, body: CcvErrorBody, subject: string): string {
	if (body.failureCode) {
		const words = failureCodeHeadline(body.failureCode);
		return words
			? `CCV refused the ${subject}: ${words}`
			: `CCV refused the ${subject} (failure code ${body.failureCode})`;
	}
	if (statusCode === 400) {
		const field = body.type === 'input_error' ? (body.fields?.[0]?.field ?? body.field) : undefined;
		const more = (body.fields?.length ?? 0) > 1 ? ` (and ${body.fields!.length - 1} more)` : '';
		return field ? `CCV refused the ${subject}: field "${field}" is not valid${more}` : `CCV refused the ${subject}`;
	}
	const summary = STATUS_SUMMARIES[statusCode] ?? `CCV answered HTTP ${statusCode}`;
	const detail = body.type === 'input_error' && body.field ? ` (field "${body.field}")` : '';
	return `${summary}${detail}`;
}

export function ccvApiError(
	node: INode,
	statusCode: number,
	rawBody: unknown,
	extra: { itemIndex?: number; attempts?: number; note?: string; method?: string; path?: string } = {},
): NodeApiError {
	const body = asErrorBody(rawBody);
	const parts = [describeCcvError(statusCode, body)];
	if (extra.note) parts.push(sentence(extra.note));
	const error = new NodeApiError(node, { ...body, httpCode: String(statusCode) } as JsonObject, {
		message: headlineOf(statusCode, body, subjectOf(extra.method, extra.path)),
		description: parts.filter(Boolean).join(' '),
		httpCode: String(statusCode),
		itemIndex: extra.itemIndex,
	});
	error.context.ccvError = body;
	error.context.httpCode = statusCode;
	if (extra.attempts !== undefined) error.context.attempts = extra.attempts;
	return error;
}

/**
 * A 404 that is not CCV's "not found" answer (CCV's error object naming the field): the address
 * itself is wrong, most often the credential's base URL. Never read as "the record does not exist".
 */
export function wrongUrlError(
	node: INode,
	rawBody: unknown,
	extra: { itemIndex?: number; method: string; path: string; api?: CcvApiName },
): NodeApiError {
	const preview = typeof rawBody === 'string' ? rawBody.replace(/\s+/g, ' ').trim().slice(0, 200) : rawBody;
	const baseField = baseUrlLabel(extra.api ?? 'payment');
	const error = new NodeApiError(node, { httpCode: '404', answer: preview ?? null } as JsonObject, {
		message: `The URL looks wrong: CCV's address answered 404 for ${extra.method} ${extra.path}`,
		description: `This is not CCV's "not found" answer for a record (that names the field, e.g. "id"), so nothing is assumed about the record. Check the "${baseField}" in the CCV credential: it should be CCV's address without a path after it (for example ${CCV_PAYMENT_BASE_URL}). ${seeFix('credential')}`,
		httpCode: '404',
		itemIndex: extra.itemIndex,
	});
	error.context.httpCode = 404;
	error.context.wrongUrl = true;
	if (rawBody && typeof rawBody === 'object') error.context.ccvError = rawBody;
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
	extra: { itemIndex?: number; attempts: number; idempotent: boolean; method: string; path: string; notSent?: boolean },
): NodeApiError {
	const outcome = extra.notSent
		? ' Nothing reached CCV, so nothing was applied.'
		: extra.idempotent
			? ''
			: ' This request was not sent again automatically, because CCV may already have applied it: check the result at CCV (for example with Transaction > Get or Customer > Get) before running it again.';
	const error = new NodeApiError(
		node,
		{ networkError: code } as JsonObject,
		{
			// The code stays out of the message: n8n would swap such a message for its own generic text.
			message: `No answer from CCV for ${extra.method} ${extra.path}: ${NETWORK_WORDS[code] ?? 'the connection failed'}`,
			description: `The connection failed after ${extra.attempts} attempt(s) (${code}).${outcome}${code === 'ENOTFOUND' ? ` ${seeFix('credential')}` : ''}`,
			itemIndex: extra.itemIndex,
		},
	);
	error.context.networkError = code;
	error.context.attempts = extra.attempts;
	return error;
}
