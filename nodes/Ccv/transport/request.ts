import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { CcvApiName } from '../rules';

// What the transport takes and gives: a request as CCV documents it, the answer, and the preview
// Dry Run shows.

export type RequestContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

export interface CcvRequest {
	/** Payment API (default) or Boarding API: each has its own base URL in the credential (rules/api.ts). */
	api?: CcvApiName;
	method: IHttpRequestMethods;
	/** Path as CCV documents it, e.g. /api/v1/customer */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	idempotencyReference?: string;
}

export interface CcvResponse<T = unknown> {
	statusCode: number;
	/** Undefined for 204 No Content. */
	body: T;
	headers: Record<string, string>;
}

/** A 404 answer, when the caller said it is an expected outcome (see CcvClient.find). */
export interface NotFound {
	notFound: true;
	/** Sent again after an answer that left the outcome open: an earlier attempt may have done the work (e.g. a DELETE). */
	repeated: boolean;
	body: unknown;
}

/** What would be sent, for Dry Run output: never carries the key. */
export interface RequestPreview {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
}

export function isNotFound<T>(result: CcvResponse<T> | NotFound): result is NotFound {
	return 'notFound' in result;
}

export function previewOf(req: CcvRequest): RequestPreview {
	const preview: RequestPreview = { method: req.method, path: req.path };
	if (req.qs && Object.keys(req.qs).length) preview.qs = req.qs;
	if (req.body !== undefined) preview.body = req.body;
	if (req.idempotencyReference) preview.headers = { 'Idempotency-Reference': req.idempotencyReference };
	return preview;
}

/**
 * CCV's "this record does not exist" answer: 404 with CCV's error object of type input_error that
 * names the field (seed 000, every "Response Error: Customer not found" / "Card not found" row:
 * `{"type":"input_error","message":"Customer not found","field":"id"}`, field "id" or "externalId";
 * REFERENCE §3: "Not found gives 404 with input_error"). CCV also answers 404 for an address it does
 * not have (seed 002, HTTP Status: "404 Not Found Invalid URL"), and a proxy or a mistyped base URL
 * answers 404 with HTML or nothing: none of those may read as "not found".
 */
export function isCcvNotFoundAnswer(body: unknown): boolean {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	const b = body as { type?: unknown; field?: unknown };
	return b.type === 'input_error' && typeof b.field === 'string' && b.field.trim() !== '';
}
