/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// A tiny local HTTP server for transport tests: answers whatever a test scripts (HTML, echoed keys,
// any status), logs every request that reached it, and can drop a connection after reading it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WireRequest {
	method: string;
	/** The raw request target, exactly as it arrived (path and query, nothing decoded). */
	url: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	at: number;
}

export type WireAnswer =
	| { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
	| 'drop';

export type WireHandler = (req: WireRequest, n: number) => WireAnswer;

export interface Wire {
	url: string;
	log: WireRequest[];
	/** Requests being answered right now (the one a handler is answering included). */
	readonly inFlight: number;
	handle(handler: WireHandler): void;
	close(): Promise<void>;
}

export async function startWire(): Promise<Wire> {
	let handler: WireHandler = () => ({ status: 200, body: {} });
	const log: WireRequest[] = [];
	let inFlight = 0;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry: WireRequest = {
				method: req.method ?? 'GET',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			};
			log.push(entry);
			inFlight++;
			const answer = handler(entry, log.length);
			if (answer === 'drop') {
				inFlight--;
				req.socket.destroy();
				return;
			}
			const isText = typeof answer.body === 'string';
			const text = answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body);
			const write = () => {
				inFlight--;
				res.writeHead(answer.status, {
					'content-type': isText ? 'text/html' : 'application/json',
					...(answer.headers ?? {}),
				});
				res.end(text);
			};
			if (answer.delayMs) setTimeout(write, answer.delayMs);
			else write();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		log,
		get inFlight() {
			return inFlight;
		},
		handle: (h) => {
			handler = h;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A port nothing listens on: a request there is refused (ECONNREFUSED). */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/**
 * One wire server per test file: started before the file's tests, closed after them; before each
 * test its log is emptied and, when `reset` is given, that handler is put back.
 */
export function useWire(reset?: WireHandler): Wire {
	let wire: Wire | undefined;
	const current = (): Wire => {
		if (!wire) throw new Error('useWire: the server starts in beforeAll; use it inside a test or hook');
		return wire;
	};
	beforeAll(async () => {
		wire = await startWire();
	});
	afterAll(async () => await wire?.close());
	beforeEach(() => {
		current().log.length = 0;
		if (reset) current().handle(reset);
	});
	return {
		get url() {
			return current().url;
		},
		get log() {
			return current().log;
		},
		get inFlight() {
			return current().inFlight;
		},
		handle: (handler) => current().handle(handler),
		close: async () => await current().close(),
	};
}
