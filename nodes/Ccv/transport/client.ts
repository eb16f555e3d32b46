import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';

import { version as packageVersion } from '../../../package.json';
import { apiOfRequest } from '../rules';
import { ccvApiError, ccvNetworkError, wrongUrlError } from './ccvError';
import { CREDENTIAL_TYPE, accountIdOf, baseUrlFor, credentialFactsOf } from './credentialFacts';
import type { CredentialFacts } from './credentialFacts';
import { FixedGate } from './gate';
import type { RequestGate } from './gate';
import { unsafePathReason } from './pathSafety';
import { containsSecret, redactDeep } from './redact';
import { isCcvNotFoundAnswer } from './request';
import type { CcvRequest, CcvResponse, NotFound, RequestContext } from './request';
import { RETRY_PROFILES, RetryBudget, isIdempotent, networkFailure, parseRetryAfter } from './retry';
import type { AttemptFailure, RetryProfile } from './retry';

export const USER_AGENT = `n8n-nodes-ccv/${packageVersion}`;

/** A retry profile (retry/profiles.ts) and what one execution shares. */
export interface ClientSettings extends RetryProfile {
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

type Answer = { statusCode: number; body: unknown; headers: Record<string, string> };

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
		this.settings = { ...RETRY_PROFILES.run, ...settings, gate: settings.gate ?? new FixedGate(Number.MAX_SAFE_INTEGER) };
	}

	/** A non-secret field of the credential (e.g. its Default Webhook URL), from the one read per execution. */
	async credentialField(name: 'defaultWebhookUrl' | 'environment' | 'baseUrl' | 'boardingBaseUrl'): Promise<unknown> {
		return (await this.credentialFacts()).credential.data?.[name];
	}

	/** Which CCV account and address this client talks to, as a hash (never the key itself): see accountIdOf. */
	async accountId(): Promise<string> {
		return accountIdOf(await this.credentialFacts());
	}

	/** Read once per execution (the credential is the same for every item). */
	private async credentialFacts(): Promise<CredentialFacts> {
		const read = this.settings.readCredential ?? (async () => await this.ctx.getCredentials(CREDENTIAL_TYPE));
		this.fromCredential ??= read().then((data) => {
			const facts = credentialFactsOf(this.ctx, data);
			this.forms = facts.forms;
			return facts;
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
	 * pathSafety.ts). Every request passes here; Dry Run calls it too, so a preview is never shown
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
		const facts = await this.credentialFacts();
		const api = apiOfRequest(req);
		const base = baseUrlFor(this.ctx, facts, api, itemIndex);
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
		};
		let answer: CcvResponse<T> | NotFound;
		try {
			answer = await this.send<T>({ ...req, api }, options, itemIndex, allowNotFound, facts);
		} catch (error) {
			throw redactDeep(error, facts.forms);
		}
		// A server that echoes the key in a success answer must not put it in the output either.
		if (containsSecret(answer.body, facts.forms)) answer.body = redactDeep(answer.body, facts.forms) as T;
		if ('headers' in answer && containsSecret(answer.headers, facts.forms)) redactDeep(answer.headers, facts.forms);
		return answer;
	}

	/** Acquire a turn, send, ask the request's retry budget, sleep; until an answer or the budget says stop. */
	private async send<T>(
		req: CcvRequest,
		options: IHttpRequestOptions,
		itemIndex: number | undefined,
		allowNotFound: boolean,
		{ credential }: CredentialFacts,
	): Promise<CcvResponse<T> | NotFound> {
		const { gate } = this.settings;
		const budget = new RetryBudget(this.settings, isIdempotent(req.method, Boolean(req.idempotencyReference)));
		const node = this.ctx.getNode();
		for (;;) {
			const progressAtSend = this.progress;
			const ticket = await gate.acquire();
			const timeout = budget.startAttempt();
			let failure: AttemptFailure;
			let response: Answer | undefined;
			try {
				response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					CREDENTIAL_TYPE,
					{ ...options, timeout },
					// A copy each time, so nothing n8n does to it carries over to the next request.
					{ credentialsDecrypted: { ...credential, data: { ...credential.data } } },
				)) as Answer;
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
					if (allowNotFound) return { notFound: true, repeated: budget.repeated, body: response.body };
				}
				failure = { kind: 'status', statusCode, retryAfterMs: parseRetryAfter(response.headers?.['retry-after'], Date.now()) };
			}
			const step = budget.afterFailure(failure!);
			if (step.giveUp) throw this.finalError(failure!, response?.body, budget, req, itemIndex, step.waitTooLongMs);
			if (step.pauseRunMs) gate.pauseFor(step.pauseRunMs);
			await sleep(step.waitMs);
			if (!budget.afterWait(this.progress > progressAtSend)) throw this.finalError(failure!, response?.body, budget, req, itemIndex);
			if (step.throttled) gate.noteRetryAfterThrottle();
		}
	}

	private finalError(
		failure: AttemptFailure,
		body: unknown,
		budget: RetryBudget,
		req: CcvRequest,
		itemIndex: number | undefined,
		waitTooLongMs?: number,
	): NodeApiError {
		const node = this.ctx.getNode();
		const attempts = budget.attemptCount;
		if (failure.kind === 'network') {
			return ccvNetworkError(node, failure.code, {
				itemIndex,
				attempts,
				idempotent: budget.idempotent,
				notSent: failure.notSent,
				method: req.method,
				path: req.path,
			});
		}
		const note = budget.notes(failure.statusCode, waitTooLongMs);
		return ccvApiError(node, failure.statusCode, body, { itemIndex, attempts, note, method: req.method, path: req.path });
	}
}

function sanitizeUnknownError(node: ReturnType<RequestContext['getNode']>, error: unknown, itemIndex?: number) {
	if (error instanceof NodeOperationError) return error;
	// n8n's own wrapper may carry the request options (and so the Authorization header): keep only the message.
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(node, { message } as JsonObject, { message, itemIndex });
}
