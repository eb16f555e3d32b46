/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Helpers for the sandbox's own tests: an HTTP client that speaks to it as a CCV client would, and
// a tiny receiver for webhooks and notifications.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { parseExact, stringifyExact } from '../../sandbox/json';
import type { Sandbox } from '../../sandbox/sandbox';

export interface Answer {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON, or the text when not JSON, or undefined when empty. */
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read into CCV answers freely
	text: string;
}

export interface CallOptions {
	body?: unknown;
	/** Sent as is (no JSON encoding). */
	raw?: string;
	headers?: Record<string, string>;
	/** false = no Authorization header; a string = that API key. */
	auth?: string | false;
}

export function basic(apiKey: string, password = ''): string {
	return `Basic ${Buffer.from(`${apiKey}:${password}`).toString('base64')}`;
}

export class Client {
	readonly agent = new Agent({ keepAliveTimeout: 1000 });

	constructor(private readonly sandbox: Pick<Sandbox, 'url' | 'apiKey'>) {}

	async call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
		const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
		const auth = opts.auth ?? this.sandbox.apiKey;
		if (auth !== false) headers.authorization = basic(auth);
		let body: string | undefined = opts.raw;
		if (opts.body !== undefined) {
			body = stringifyExact(opts.body);
			headers['content-type'] ??= 'application/json';
		}
		const res = await request(`${this.sandbox.url}${path}`, { method: method as 'GET', headers, body, dispatcher: this.agent });
		const text = await res.body.text();
		let parsed: unknown;
		if (text !== '') {
			try {
				parsed = parseExact(text);
			} catch {
				parsed = text;
			}
		}
		const flat: Record<string, string> = {};
		for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
		return { status: res.statusCode, headers: flat, body: parsed, text };
	}

	get = (path: string, opts?: CallOptions) => this.call('GET', path, opts);
	post = (path: string, body?: unknown, opts?: CallOptions) => this.call('POST', path, { ...opts, body });
	put = (path: string, body?: unknown, opts?: CallOptions) => this.call('PUT', path, { ...opts, body });
	delete = (path: string, opts?: CallOptions) => this.call('DELETE', path, opts);

	close(): Promise<void> {
		return this.agent.close();
	}
}

export interface Received {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** Status the receiver answers with (default 200). */
	answerWith(status: number): void;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	let status = 200;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
			res.writeHead(status).end('OK');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		answerWith: (s) => {
			status = s;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** A card payment body that CCV accepts. */
export function paymentBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		amount: '25.00',
		currency: 'eur',
		method: 'card',
		returnUrl: 'https://shop.example/return?order=1',
		merchantOrderReference: 'ORDER-1',
		description: 'Order 1',
		language: 'eng',
		...extra,
	};
}
