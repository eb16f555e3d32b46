import { createHash } from 'crypto';

import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
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
import { seeFix } from '../helpers/fixLinks';
import { ccvApiError, ccvNetworkError, wrongUrlError } from './ccvError';
import { FixedGate } from './gate';
import type { RequestGate } from './gate';
import { apiOfRequest, baseUrlOf, isLiveKey, keyFor, liveKeyOverHttp } from '../rules';
import { containsSecret, credentialSecrets, redactDeep, secretForms } from './redact';
import { OUTCOME_OPEN_STATUSES, decideRetry, isIdempotent, networkFailure, parseRetryAfter, retryWaitMs, throttleVerdict } from './retryPolicy';
import type { AttemptFailure, ThrottleCount } from './retryPolicy';

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
	/**
	 * The user's "Retries": repeats of a request whose outcome was open (5xx, timeout, dropped
	 * connection) or whose connection was refused, and 429s in a row while the run makes no progress.
	 * See retryPolicy.ts.
	 */
	maxRetries: number;
	/** No longer used: 429s count against maxRetries (kept so older callers still compile). */
	maxThrottleRetries?: number;
	/** The longest single wait before a repeat; a longer Retry-After ends the request with an error. */
	maxWaitMs: number;
	timeoutMs: number;
	gate: RequestGate;
	random?: () => number;
	/**
	 * A moment (epoch ms) after which no attempt runs and no repeat is started, whatever Retries allows:
	 * the trigger's caller waits for its answer (each attempt's timeout ends there too).
	 */
	deadline?: number;
	/** Reads the CCV credential (default: the context's getCredentials); the trigger passes one that holds it. */
	readCredential?: () => Promise<ICredentialDataDecryptedObject>;
}

export const DEFAULT_CLIENT_SETTINGS: Omit<ClientSettings, 'gate'> = {
	maxRetries: 3,
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

/**
 * Last line of defence for "no value from an item or a caller may change which URL is called":
 * operations check their ids per kind, and this refuses any path that a server or a URL parser would
 * read as another route. Returns the problem in words, or undefined when the path is safe.
 */
export function unsafePathReason(path: string): string | undefined {
	if (typeof path !== 'string' || !path.startsWith('/')) return 'it does not start with "/"';
	if (/[?#\\\s]/.test(path) || hasControlCharacter(path)) return 'it holds "?", "#", "\\", a space or a control character';
	const segments = path.slice(1).split('/');
	for (const segment of segments) {
		if (segment === '') return 'one of its parts is empty ("//" or a trailing "/")';
		let decoded: string;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			return `the part "${segment}" is not correctly encoded`;
		}
		// Decode once more: a proxy that decodes before CCV does would otherwise see "%2e" as ".".
		let twice = decoded;
		try {
			twice = decodeURIComponent(decoded);
		} catch {
			// Not encoded twice: fine.
		}
		for (const d of [decoded, twice]) {
			if (d === '.' || d === '..') return `one of its parts is "${d}"`;
			if (d.trim() === '') return 'one of its parts is blank';
			if (hasControlCharacter(d)) return `the part "${segment}" stands for a control character`;
		}
	}
	return undefined;
}

function hasControlCharacter(text: string): boolean {
	for (let k = 0; k < text.length; k++) {
		const code = text.charCodeAt(k);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

function protocolOf(url: string): string {
	try {
		return new URL(url).protocol;
	} catch {
		return '';
	}
}

interface CredentialFacts {
	payment: string;
	boarding: string;
	/** Never let these appear in an error we raise. */
	secrets: string[];
	/** Every form of the keys (raw, base64 as in Basic auth, URL-encoded) to mask. */
	forms: string[];
	/** The key sent to each API is a live one (l_): only over https. */
	liveKey: { payment: boolean; boarding: boolean };
	/**
	 * Handed to n8n with every request: otherwise n8n loads the credential from its database and
	 * decrypts it again for each request, which costs more CPU than the request in a bulk run.
	 */
	credential: ICredentialsDecrypted;
}

/** One client per node execution: every item's requests share its gate and settings. */
export class CcvClient {
	private fromCredential: Promise<CredentialFacts> | undefined;

	/** Masks for the keys, once the credential was read (see redact). */
	private forms: string[] = [];

	/** Answers (other than 429 and 5xx) the run got: a 429 while the run makes progress is not counted against Retries. */
	private progress = 0;

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

	/** A non-secret field of the credential (e.g. its Default Webhook URL), from the one read per execution. */
	async credentialField(name: 'defaultWebhookUrl' | 'environment' | 'baseUrl' | 'boardingBaseUrl'): Promise<unknown> {
		return (await this.credentialFacts()).credential.data?.[name];
	}

	/**
	 * Which CCV account and address this client talks to, as a hash of the API key and base URL (never
	 * the key itself): memories of what was sent belong to one account (helpers/idempotency.ts).
	 */
	async accountId(): Promise<string> {
		const { payment, credential } = await this.credentialFacts();
		return createHash('sha256').update(`${String(credential.data?.apiKey ?? '')}\n${payment}`).digest('hex').slice(0, 32);
	}

	/** Read once per execution (the credential is the same for every item). */
	private async credentialFacts(): Promise<CredentialFacts> {
		const read = this.settings.readCredential ?? (async () => await this.ctx.getCredentials(CREDENTIAL_TYPE));
		this.fromCredential ??= read().then((c) => {
			const ref = this.ctx.getNode().credentials?.[CREDENTIAL_TYPE];
			const secrets = credentialSecrets(c);
			this.forms = secretForms(secrets);
			return {
				payment: baseUrlOf('payment', c),
				boarding: baseUrlOf('boarding', c),
				secrets,
				forms: this.forms,
				liveKey: { payment: isLiveKey(keyFor('payment', c)), boarding: isLiveKey(keyFor('boarding', c)) },
				credential: { id: ref?.id ?? '', name: ref?.name ?? '', type: CREDENTIAL_TYPE, data: c },
			};
		});
		return await this.fromCredential;
	}

	/**
	 * Masks the credential's keys in any value (in place for objects): a backstop for what the node
	 * outputs or throws. Knows the keys once the credential was read; before that nothing was sent.
	 */
	redact<T>(value: T): T {
		return redactDeep(value, this.forms);
	}

	/**
	 * Throws when the request's path could reach another route than the operation meant (see
	 * unsafePathReason). Every request passes here; Dry Run calls it too, so a preview is never shown
	 * for an address that would be refused.
	 */
	checkPath(req: Pick<CcvRequest, 'path'>, itemIndex?: number): void {
		const unsafe = unsafePathReason(req.path);
		if (!unsafe) return;
		throw new NodeOperationError(this.ctx.getNode(), `Refused to call CCV at "${req.path}": ${unsafe}`, {
			itemIndex,
			description:
				'A value from the item (an ID or reference) would change which address is called, so nothing was sent. Check the IDs this item gives: they may not be empty, "." or "..", and may not contain "/", "?" or "#".',
		});
	}

	async request<T = unknown>(req: CcvRequest, itemIndex?: number): Promise<CcvResponse<T>> {
		return (await this.perform<T>(req, itemIndex, false)) as CcvResponse<T>;
	}

	/** Like request, but a 404 (customer/card/transaction not found) is an answer, not an error. */
	async find<T = unknown>(req: CcvRequest, itemIndex?: number): Promise<CcvResponse<T> | NotFound> {
		return await this.perform<T>(req, itemIndex, true);
	}

	private async perform<T>(req: CcvRequest, itemIndex: number | undefined, allowNotFound: boolean): Promise<CcvResponse<T> | NotFound> {
		const { payment, boarding, forms, liveKey, credential } = await this.credentialFacts();
		const api = apiOfRequest(req);
		const base = api === 'boarding' ? boarding : payment;
		if (!base) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				'The CCV credential has no Boarding API Base URL',
				{
					itemIndex,
					description:
						`Order operations use CCV's Boarding API, which has its own address. Open the CCV credential and fill in "Boarding API Base URL" (CCV gives it to reseller partners). ${seeFix('credential')}`,
				},
			);
		}
		if (liveKey[api] && protocolOf(base) !== 'https:') {
			const { message, description } = liveKeyOverHttp(api);
			throw new NodeOperationError(this.ctx.getNode(), message, { itemIndex, description });
		}
		this.checkPath(req, itemIndex);
		const headers: IDataObject = { Accept: 'application/json', 'User-Agent': USER_AGENT };
		// Seed 000 lists Content-Type: application/json for its GETs too (000:934, 1205, 1314, 1379), none for DELETE.
		if (req.body !== undefined || req.method === 'GET') headers['Content-Type'] = 'application/json';
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
		let answer: CcvResponse<T> | NotFound;
		try {
			answer = await this.send<T>(req, options, itemIndex, allowNotFound, credential);
		} catch (error) {
			throw redactDeep(error, forms);
		}
		// A server that echoes the key in a success answer must not put it in the output either.
		if (containsSecret(answer.body, forms)) answer.body = redactDeep(answer.body, forms) as T;
		if ('headers' in answer && containsSecret(answer.headers, forms)) redactDeep(answer.headers, forms);
		return answer;
	}

	private async send<T>(
		req: CcvRequest,
		options: IHttpRequestOptions,
		itemIndex: number | undefined,
		allowNotFound: boolean,
		credential: ICredentialsDecrypted,
	): Promise<CcvResponse<T> | NotFound> {
		const { gate, maxRetries, maxWaitMs, random } = this.settings;
		const idempotent = isIdempotent(req.method, Boolean(req.idempotencyReference));
		const node = this.ctx.getNode();
		// Repeats so far, by reason (see retryPolicy): each is bounded by the user's Retries.
		let openRetries = 0;
		const throttled: ThrottleCount = { counted: 0, uncountedWaitMs: 0 };
		for (let attempt = 1; ; attempt++) {
			const progressAtSend = this.progress;
			const ticket = await gate.acquire();
			let failure: AttemptFailure;
			let response: { statusCode: number; body: unknown; headers: Record<string, string> } | undefined;
			try {
				response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					CREDENTIAL_TYPE,
					{ ...options, timeout: this.attemptTimeout(options.timeout) },
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
				// Only a 429 asks us to slow down; a 503 is trouble at CCV, not a pace signal.
				gate.release(ticket, { kind: statusCode === 429 ? 'throttled' : statusCode < 500 ? 'ok' : 'failed' });
				if (statusCode !== 429 && statusCode < 500) this.progress++;
				if (statusCode >= 200 && statusCode < 300) {
					const body = statusCode === 204 || response.body === '' ? undefined : response.body;
					return { statusCode, body: body as T, headers: response.headers ?? {} };
				}
				if (statusCode === 404) {
					if (!isCcvNotFoundAnswer(response.body)) {
						throw wrongUrlError(node, response.body, { itemIndex, method: req.method, path: req.path, api: req.api });
					}
					if (allowNotFound) return { notFound: true, repeated: openRetries > 0, body: response.body };
				}
				failure = {
					kind: 'status',
					statusCode,
					retryAfterMs: parseRetryAfter(response.headers?.['retry-after'], Date.now()),
				};
			}
			const decision = decideRetry(failure!, idempotent);
			const isThrottle = decision.reason === 'throttled';
			const repeats = isThrottle ? throttled.counted : openRetries;
			const waitMs = retryWaitMs(failure!, repeats, maxWaitMs, random);
			const budgetLeft = isThrottle ? throttleVerdict(throttled, { before: true }, waitMs, maxRetries, maxWaitMs) === 'resend' : repeats < maxRetries;
			const giveUp = (waitTooLong?: number) =>
				this.finalError(failure!, response?.body, { itemIndex, attempts: attempt, idempotent, req, waitTooLong });
			if (!decision.retry || !budgetLeft || waitMs > maxWaitMs) throw giveUp(decision.retry && budgetLeft ? waitMs : undefined);
			// A repeat that could not finish before the deadline is not started.
			if (this.settings.deadline !== undefined && Date.now() + waitMs >= this.settings.deadline) throw giveUp();
			if (isThrottle) {
				// CCV said when: the whole run waits that long. This request also backs off briefly (see retryWaitMs).
				const retryAfterMs = failure!.kind === 'status' ? failure!.retryAfterMs : undefined;
				if (retryAfterMs) gate.pauseFor(retryAfterMs);
				await sleep(waitMs);
				// Counted against Retries only when the run made no progress meanwhile (retryPolicy).
				const progressed = this.progress > progressAtSend;
				if (throttleVerdict(throttled, { before: false, progressed }, waitMs, maxRetries, maxWaitMs) === 'giveUp') throw giveUp();
				gate.noteRetryAfterThrottle();
			} else {
				openRetries++;
				await sleep(waitMs);
			}
		}
	}

	/** The attempt's timeout: the configured one, cut at the deadline (at least 1 ms). */
	private attemptTimeout(timeoutMs: number | undefined): number | undefined {
		const { deadline } = this.settings;
		if (deadline === undefined) return timeoutMs;
		return Math.max(1, Math.min(timeoutMs ?? Infinity, deadline - Date.now()));
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
				notSent: failure.notSent,
				method: info.req.method,
				path: info.req.path,
			});
		}
		const notes: string[] = [];
		if (info.attempts > 1) notes.push(`Tried ${info.attempts} times.`);
		if (info.waitTooLong !== undefined) {
			notes.push(
				`CCV asked to wait ${Math.ceil(info.waitTooLong / 1000)} s before trying again, longer than the node's "Max Retry Wait". ${seeFix('retries')}`,
			);
		}
		if (!info.idempotent && OUTCOME_OPEN_STATUSES.has(failure.statusCode)) {
			notes.push(
				'This request was not sent again automatically, because CCV may already have applied it. Check at CCV before running it again.',
			);
		}
		return ccvApiError(node, failure.statusCode, body, {
			itemIndex: info.itemIndex,
			attempts: info.attempts,
			note: notes.join(' '),
			method: info.req.method,
			path: info.req.path,
		});
	}
}

function sanitizeUnknownError(node: ReturnType<RequestContext['getNode']>, error: unknown, itemIndex?: number) {
	if (error instanceof NodeOperationError) return error;
	// n8n's own wrapper may carry the request options (and so the Authorization header): keep only the message.
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(node, { message } as JsonObject, { message, itemIndex });
}
