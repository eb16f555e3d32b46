import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { version as packageVersion } from '../../../package.json';
import { ccvApiError, ccvNetworkError } from './ccvError';
import { FixedGate } from './gate';
import type { RequestGate } from './gate';
import { backoffMs, decideRetry, isIdempotent, networkFailure, parseRetryAfter } from './retryPolicy';
import type { AttemptFailure } from './retryPolicy';

export const CREDENTIAL_TYPE = 'ccvApi';
export const USER_AGENT = `n8n-nodes-ccv/${packageVersion}`;

export type RequestContext = IExecuteFunctions | IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

export interface CcvRequest {
	/** Payment API (default) or Boarding API: each has its own base URL in the credential. */
	api?: 'payment' | 'boarding';
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

export interface ClientSettings {
	/** Repeats of a request whose outcome is unknown (5xx, timeout, dropped connection). */
	maxRetries: number;
	/** Repeats of a request CCV answered 429 (it did not process it). */
	maxThrottleRetries: number;
	/** The longest single wait before a repeat; a longer Retry-After ends the request with an error. */
	maxWaitMs: number;
	timeoutMs: number;
	gate: RequestGate;
	random?: () => number;
}

export const DEFAULT_CLIENT_SETTINGS: Omit<ClientSettings, 'gate'> = {
	maxRetries: 3,
	maxThrottleRetries: 10,
	maxWaitMs: 60_000,
	timeoutMs: 60_000,
};

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

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

interface CredentialFacts {
	payment: string;
	boarding: string;
	/** Never let these appear in an error we raise. */
	secrets: string[];
	/**
	 * Handed to n8n with every request: otherwise n8n loads the credential from its database and
	 * decrypts it again for each request, which costs more CPU than the request in a bulk run.
	 */
	credential: ICredentialsDecrypted;
}

/** One client per node execution: every item's requests share its gate and settings. */
export class CcvClient {
	private fromCredential: Promise<CredentialFacts> | undefined;

	readonly settings: ClientSettings;

	constructor(
		private readonly ctx: RequestContext,
		settings: Partial<ClientSettings> = {},
	) {
		this.settings = {
			...DEFAULT_CLIENT_SETTINGS,
			...settings,
			gate: settings.gate ?? new FixedGate(Number.MAX_SAFE_INTEGER),
		};
	}

	/** Read once per execution (the credential is the same for every item). */
	private async credentialFacts(): Promise<CredentialFacts> {
		this.fromCredential ??= this.ctx.getCredentials(CREDENTIAL_TYPE).then((c) => {
			const ref = this.ctx.getNode().credentials?.[CREDENTIAL_TYPE];
			return {
				payment: trimSlash(String(c.baseUrl || 'https://api.psp.ccv.eu')),
				boarding: trimSlash(String(c.boardingBaseUrl || '')),
				secrets: [c.apiKey, c.boardingApiKey].map((s) => String(s ?? '')).filter((s) => s.length >= 4),
				credential: { id: ref?.id ?? '', name: ref?.name ?? '', type: CREDENTIAL_TYPE, data: c },
			};
		});
		return await this.fromCredential;
	}

	async request<T = unknown>(req: CcvRequest, itemIndex?: number): Promise<CcvResponse<T>> {
		return (await this.perform<T>(req, itemIndex, false)) as CcvResponse<T>;
	}

	/** Like request, but a 404 (customer/card/transaction not found) is an answer, not an error. */
	async find<T = unknown>(req: CcvRequest, itemIndex?: number): Promise<CcvResponse<T> | NotFound> {
		return await this.perform<T>(req, itemIndex, true);
	}

	private async perform<T>(req: CcvRequest, itemIndex: number | undefined, allowNotFound: boolean): Promise<CcvResponse<T> | NotFound> {
		const { payment, boarding, secrets, credential } = await this.credentialFacts();
		const base = req.api === 'boarding' ? boarding : payment;
		if (!base) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				'The CCV credential has no Boarding API Base URL',
				{
					itemIndex,
					description:
						'Order operations use CCV\'s Boarding API, which has its own address. Open the CCV credential and fill in "Boarding API Base URL" (CCV gives it to reseller partners).',
				},
			);
		}
		const headers: IDataObject = { Accept: 'application/json', 'User-Agent': USER_AGENT };
		if (req.body !== undefined) headers['Content-Type'] = 'application/json';
		if (req.idempotencyReference) headers['Idempotency-Reference'] = req.idempotencyReference;
		const options: IHttpRequestOptions = {
			method: req.method,
			url: base + req.path,
			headers,
			qs: req.qs,
			body: req.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.settings.timeoutMs,
		};
		try {
			return await this.send<T>(req, options, itemIndex, allowNotFound, credential);
		} catch (error) {
			throw scrubSecrets(error, secrets);
		}
	}

	private async send<T>(
		req: CcvRequest,
		options: IHttpRequestOptions,
		itemIndex: number | undefined,
		allowNotFound: boolean,
		credential: ICredentialsDecrypted,
	): Promise<CcvResponse<T> | NotFound> {
		const { gate, maxRetries, maxThrottleRetries, maxWaitMs, random } = this.settings;
		const idempotent = isIdempotent(req.method, Boolean(req.idempotencyReference));
		const node = this.ctx.getNode();
		let uncertainRetries = 0;
		let throttleRetries = 0;
		for (let attempt = 1; ; attempt++) {
			const ticket = await gate.acquire();
			let failure: AttemptFailure;
			let response: { statusCode: number; body: unknown; headers: Record<string, string> } | undefined;
			try {
				response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					CREDENTIAL_TYPE,
					{ ...options },
					// A copy each time, so nothing n8n does to it carries over to the next request.
					{ credentialsDecrypted: { ...credential, data: { ...credential.data } } },
				)) as { statusCode: number; body: unknown; headers: Record<string, string> };
			} catch (error) {
				gate.release(ticket, { kind: 'failed' });
				const network = networkFailure(error);
				if (!network) throw sanitizeUnknownError(node, error, itemIndex);
				failure = network;
			}
			if (response) {
				const { statusCode } = response;
				const throttled = statusCode === 429 || statusCode === 503;
				gate.release(ticket, { kind: throttled ? 'throttled' : statusCode < 500 ? 'ok' : 'failed' });
				if (statusCode >= 200 && statusCode < 300) {
					const body = statusCode === 204 || response.body === '' ? undefined : response.body;
					return { statusCode, body: body as T, headers: response.headers ?? {} };
				}
				if (statusCode === 404 && allowNotFound) {
					return { notFound: true, repeated: uncertainRetries > 0, body: response.body };
				}
				failure = {
					kind: 'status',
					statusCode,
					retryAfterMs: parseRetryAfter(response.headers?.['retry-after'], Date.now()),
				};
			}
			const decision = decideRetry(failure!, idempotent);
			const budgetLeft = decision.notProcessed
				? throttleRetries < maxThrottleRetries
				: uncertainRetries < maxRetries;
			const retryAfterMs = failure!.kind === 'status' ? failure!.retryAfterMs : undefined;
			const waitMs = retryAfterMs ?? backoffMs(decision.notProcessed ? throttleRetries : uncertainRetries, maxWaitMs, random);
			if (!decision.retry || !budgetLeft || waitMs > maxWaitMs) {
				throw this.finalError(failure!, response?.body, {
					itemIndex,
					attempts: attempt,
					idempotent,
					req,
					waitTooLong: decision.retry && budgetLeft ? waitMs : undefined,
				});
			}
			if (decision.notProcessed) {
				throttleRetries++;
				if (failure!.kind === 'status') {
					gate.noteRetryAfterThrottle();
					gate.pauseFor(waitMs);
				} else {
					await sleep(waitMs);
				}
			} else {
				uncertainRetries++;
				await sleep(waitMs);
			}
		}
	}

	private finalError(
		failure: AttemptFailure,
		body: unknown,
		info: { itemIndex?: number; attempts: number; idempotent: boolean; req: CcvRequest; waitTooLong?: number },
	): NodeApiError {
		const node = this.ctx.getNode();
		if (failure.kind === 'network') {
			return ccvNetworkError(node, failure.code, {
				itemIndex: info.itemIndex,
				attempts: info.attempts,
				idempotent: info.idempotent,
				method: info.req.method,
				path: info.req.path,
			});
		}
		const notes: string[] = [];
		if (info.attempts > 1) notes.push(`Tried ${info.attempts} times.`);
		if (info.waitTooLong !== undefined) {
			notes.push(
				`CCV asked to wait ${Math.ceil(info.waitTooLong / 1000)} s before trying again, longer than the node's "Max Retry Wait".`,
			);
		}
		if (!info.idempotent && [500, 502, 503, 504].includes(failure.statusCode) && failure.retryAfterMs === undefined) {
			notes.push(
				'This request was not sent again automatically, because CCV may already have applied it. Check at CCV before running it again.',
			);
		}
		return ccvApiError(node, failure.statusCode, body, {
			itemIndex: info.itemIndex,
			attempts: info.attempts,
			note: notes.join(' '),
		});
	}
}

function sanitizeUnknownError(node: ReturnType<RequestContext['getNode']>, error: unknown, itemIndex?: number) {
	if (error instanceof NodeOperationError) return error;
	// n8n's own wrapper may carry the request options (and so the Authorization header): keep only the message.
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(node, { message } as JsonObject, { message, itemIndex });
}

function scrubSecrets(error: unknown, secrets: string[]): unknown {
	if (!(error instanceof Error) || secrets.length === 0) return error;
	const forms = secrets.flatMap((s) => [s, Buffer.from(`${s}:`).toString('base64')]);
	const scrub = (text: unknown) =>
		typeof text === 'string' ? forms.reduce((t, s) => t.split(s).join('***'), text) : text;
	error.message = scrub(error.message) as string;
	const withDescription = error as Error & { description?: unknown };
	if (typeof withDescription.description === 'string') {
		withDescription.description = scrub(withDescription.description);
	}
	return error;
}
