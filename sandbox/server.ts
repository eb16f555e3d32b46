/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// The HTTP side: one request's way through capacity, latency, faults, auth, routing, body parsing
// and idempotency, and a close() that leaves no socket or timer behind.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Capacity } from './capacity';
import type { ApiRequest, ApiResponse, Core } from './core';
import { CcvError, inputError, plainError, type CcvErrorBody } from './errors';
import type { Faults } from './faults';
import { withIdempotency } from './idempotency';
import { countingTextAs } from './validate';
import { parseExact, stringifyExact } from './json';
import { caseTransaction, cased, type Readings } from './readings';
import { runRoute, type Route, type Router } from './router';
import type { FaultSpec, RequestLogEntry } from './types';

export interface ServerDeps {
	core: Core;
	router: Router;
	faults: Faults;
	capacity: Capacity;
	log: RequestLogEntry[];
	apiKey: () => string;
	latencyMs: () => number;
	/** Handles /_sandbox/...: no auth, no log, no faults, no capacity. */
	control: (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => Promise<void> | void;
}

const BODY_METHODS = ['POST', 'PUT', 'PATCH'];
const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;
const FAULT_MESSAGES: Record<number, { type: CcvErrorBody['type']; message: string }> = {
	429: { type: 'process_error', message: 'Too many requests' },
	500: { type: 'unexpected_error', message: 'An unexpected error occurred' },
	502: { type: 'unexpected_error', message: 'Bad gateway' },
	503: { type: 'unexpected_error', message: 'Service temporarily unavailable' },
	504: { type: 'process_error', message: 'Processing the request took too long' },
};

export class SandboxServer {
	readonly http: Server;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private closing: Promise<void> | undefined;

	constructor(private readonly deps: ServerDeps) {
		this.http = createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent && !res.destroyed) {
					this.write(res, errorAnswer(plainError(500, 'unexpected_error', error.message)));
				}
			});
		});
		this.http.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
	}

	listen(port: number, host: string): Promise<number> {
		return new Promise((resolve, reject) => {
			this.http.once('error', reject);
			this.http.listen(port, host, () => {
				this.http.off('error', reject);
				const address = this.http.address();
				resolve(typeof address === 'object' && address ? address.port : port);
			});
		});
	}

	/** Resolves after `ms`; never resolves if the server closes first (its timer is cleared). */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	close(): Promise<void> {
		this.closing ??= (async () => {
			for (const timer of this.timers) clearTimeout(timer);
			this.timers.clear();
			const serverClosed = new Promise<void>((resolve) => this.http.close(() => resolve()));
			const socketsClosed = [...this.sockets].map(
				(socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())),
			);
			for (const socket of this.sockets) socket.destroy();
			await Promise.all([serverClosed, ...socketsClosed]);
			// The listening handle finishes closing one turn after the 'close' event.
			await new Promise((resolve) => setImmediate(resolve));
			await new Promise((resolve) => setImmediate(resolve));
		})();
		return this.closing;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		// The path exactly as the client sent it: URL() would resolve "." and ".." segments.
		const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] || '/';
		const raw = await readBody(req);
		if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
			await this.deps.control(req, res, url, raw);
			return;
		}
		const started = performance.now();
		const entry: RequestLogEntry = {
			method: req.method ?? 'GET',
			path: rawPath,
			query: Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.get(k) as string])),
			headers: logHeaders(req),
			body: raw === '' ? undefined : parseOr(raw),
			status: 0,
			responseBody: undefined,
			startedAt: Date.now(),
			durationMs: 0,
			outcome: 'answered',
		};
		const finish = (outcome: RequestLogEntry['outcome'], answer?: ApiResponse, bodyText?: string) => {
			entry.outcome = outcome;
			entry.status = answer?.status ?? 0;
			entry.responseBody = bodyText ? (answer?.raw ? bodyText : parseExact(bodyText)) : undefined;
			entry.durationMs = performance.now() - started;
			this.deps.log.push(entry);
		};

		const admission = this.deps.capacity.admit();
		if (!admission.ok) {
			const answer = errorAnswer(plainError(429, 'process_error', 'Too many requests', { 'retry-after': admission.retryAfter }));
			finish('rejected-capacity', answer, this.write(res, answer));
			return;
		}
		try {
			const fault = this.deps.faults.pick(entry.method, entry.path);
			const delay = this.deps.latencyMs() + (fault?.kind === 'latency' ? fault.ms : 0);
			if (delay > 0) await this.sleep(delay);
			if (fault?.kind === 'drop-before-apply') {
				req.socket.destroy();
				finish('dropped');
				return;
			}
			if (fault?.kind === 'status' && fault.status !== 504) {
				const answer = faultAnswer(fault);
				finish('answered', answer, this.write(res, answer));
				return;
			}
			if (fault?.kind === 'respond') {
				const answer: ApiResponse = { status: fault.status, body: fault.body, headers: lowerCased(fault.headers) };
				finish('answered', answer, this.write(res, answer));
				return;
			}
			const applied = this.dispatch(req, url, entry, raw, rawPath);
			if (fault?.kind === 'drop-after-apply') {
				req.socket.destroy();
				finish('dropped');
				return;
			}
			// A 504 is "applied, but the answer timed out": CCV then names the transaction it made.
			const answer = fault?.kind === 'status' ? faultAnswer(fault, applied.createdReference) : applied;
			const text = fault?.kind === 'slow-body' ? await this.writeSlowly(res, answer, fault.ms) : this.write(res, answer);
			finish('answered', answer, text);
		} finally {
			this.deps.capacity.release();
		}
	}

	private dispatch(req: IncomingMessage, url: URL, entry: RequestLogEntry, raw: string, rawPath: string): ApiResponse {
		const { readings } = this.deps.core;
		let route: Route | undefined;
		try {
			if (!authorized(req.headers.authorization, this.deps.apiKey())) {
				throw plainError(401, 'input_error', 'The API key is missing or invalid', {
					'www-authenticate': 'Basic realm="CCV"',
				});
			}
			if (readings.dotSegments === 'reject' && hasDotSegment(rawPath)) return invalidUrl(readings);
			const path = readings.dotSegments === 'normalize' ? url.pathname : rawPath;
			const match = this.deps.router.match(entry.method, path);
			if (match.kind === 'none') return invalidUrl(readings);
			if (match.kind === 'wrong-method') {
				// Seed 002:463-469 list no 405: by default an unknown method is an invalid URL too.
				if (readings.wrongMethod === 'invalid-url') return invalidUrl(readings);
				throw plainError(405, 'input_error', `Method ${entry.method} is not supported for this URL`, {
					allow: match.allowed.join(', '),
				});
			}
			let body: unknown;
			if (BODY_METHODS.includes(entry.method)) {
				if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
					throw plainError(415, 'input_error', 'Content type must be application/json');
				}
				if (raw.trim() !== '') {
					try {
						body = parseExact(raw);
					} catch {
						// Seed 002:464 "400 Invalid input in the request"; 415 is only for another content type (002:467).
						throw inputError([{ field: 'body', message: 'The request body is not valid JSON' }]);
					}
				}
			}
			route = match.route;
			const apiReq: ApiRequest = {
				method: entry.method,
				path,
				params: match.params,
				query: entry.query,
				headers: entry.headers,
				body,
			};
			const { core } = this.deps;
			const run = () => countingTextAs(readings.textLength, () => runRoute(match.route, core, apiReq));
			return present(match.route.idempotent ? withIdempotency(core, apiReq, run) : run(), readings, route);
		} catch (error) {
			if (error instanceof CcvError) return present(errorAnswer(error), readings, route);
			const message = error instanceof Error ? error.message : String(error);
			return errorAnswer(plainError(500, 'unexpected_error', `Unexpected error: ${message}`));
		}
	}

	/** Writes the answer; returns the body text sent ('' for none). */
	private write(res: ServerResponse, answer: ApiResponse): string {
		const text = bodyText(answer);
		if (res.destroyed) return text;
		res.writeHead(answer.status, headersFor(answer, text)).end(text);
		return text;
	}

	private async writeSlowly(res: ServerResponse, answer: ApiResponse, ms: number): Promise<string> {
		const text = bodyText(answer);
		const half = Math.floor(text.length / 2);
		res.writeHead(answer.status, headersFor(answer, text));
		res.write(text.slice(0, half));
		await this.sleep(ms);
		res.end(text.slice(half));
		return text;
	}
}

function bodyText(answer: ApiResponse): string {
	if (answer.raw) return answer.raw.text;
	return answer.body === undefined ? '' : stringifyExact(answer.body);
}

/** A segment that is "." or ".." once percent-decoded (%2e counts: servers decode it too). */
function hasDotSegment(rawPath: string): boolean {
	return rawPath.split('/').some((segment) => {
		const decoded = segment.replace(/%2e/gi, '.');
		return decoded === '.' || decoded === '..';
	});
}

const NOT_FOUND_PAGE =
	'<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>' +
	'<p>The requested URL was not found on this server.</p></body></html>';

/** Seed 002:466 "404 Not Found: Invalid URL"; its body is the invalidUrlBody reading (default JSON: 002:453, 455-459). */
function invalidUrl(readings: Readings): ApiResponse {
	if (readings.invalidUrlBody === 'empty') return { status: 404 };
	if (readings.invalidUrlBody === 'html') {
		return { status: 404, raw: { contentType: 'text/html; charset=utf-8', text: NOT_FOUND_PAGE } };
	}
	return errorAnswer(plainError(404, 'input_error', 'Invalid URL'));
}

/** The statusCase reading, applied to what leaves the server (state keeps lower case). */
function present(answer: ApiResponse, readings: Readings, route: Route | undefined): ApiResponse {
	const body = answer.body as Record<string, unknown> | unknown[] | undefined;
	if (answer.status >= 400) {
		if (body && !Array.isArray(body) && typeof body.failureCode === 'string') {
			return { ...answer, body: { ...body, failureCode: cased(body.failureCode, readings) } };
		}
		return answer;
	}
	if (!route?.transactions || body === undefined) return answer;
	const one = (t: unknown) => caseTransaction(t as Record<string, unknown>, readings, route.transactions === 'refund');
	if (Array.isArray(body)) return { ...answer, body: body.map(one) };
	if (Array.isArray(body.data)) return { ...answer, body: { ...body, data: body.data.map(one) } };
	return { ...answer, body: one(body) };
}

function headersFor(answer: ApiResponse, text: string): Record<string, string> {
	const headers: Record<string, string> = { ...(answer.headers ?? {}) };
	if (text !== '') {
		headers['content-type'] = answer.raw?.contentType ?? 'application/json';
		headers['content-length'] = String(Buffer.byteLength(text));
	}
	return headers;
}

function errorAnswer(error: CcvError): ApiResponse {
	return { status: error.status, body: error.body, headers: error.headers };
}

function faultAnswer(fault: Extract<FaultSpec, { kind: 'status' }>, transactionReference?: string): ApiResponse {
	const { type, message } = FAULT_MESSAGES[fault.status];
	const headers: Record<string, string> = {};
	const retryAfter = fault.retryAfter ?? (fault.status === 429 ? '1' : undefined);
	if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
	const error = plainError(fault.status, type, message, headers);
	if (transactionReference) error.body.transactionReference = transactionReference;
	return errorAnswer(error);
}

function lowerCased(headers: Record<string, string> = {}): Record<string, string> {
	return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function authorized(header: string | undefined, apiKey: string): boolean {
	const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
	if (!match) return false;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	return decoded === `${apiKey}:`;
}

function logHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (name === 'authorization' || value === undefined) continue;
		headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

function parseOr(raw: string): unknown {
	try {
		return parseExact(raw);
	} catch {
		return raw;
	}
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.complete) reject(new Error('the client went away before sending the whole request'));
		});
	});
}
