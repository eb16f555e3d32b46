/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// Stands in for n8n's webhook server in front of one published CCV Trigger. Each HTTP call runs
// the node's webhook() in n8n-core's WebhookContext (runWebhook); like n8n, it loads the node's
// static data when the call starts, saves it when the call is done, and answers as n8n does for
// responseMode "onReceived": what the node wrote itself, else its webhookResponse with 200, or
// 500 when webhook() threw.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CcvTrigger } from '../../../../nodes/Ccv/CcvTrigger.node';
import { forgetProcessMemory } from '../../../../nodes/Ccv/trigger/processMemory';
import { runWebhook } from '../../../helpers/engine';
import type { CcvCredentialData } from '../../../helpers/engine';

export interface HandledCall {
	query: IDataObject;
	body: unknown;
	status: number;
	answer: unknown;
	/** The items the trigger started an execution with; undefined when it started none. */
	emitted: IDataObject[] | undefined;
	error?: Error;
}

export interface TriggerReceiver {
	/** Base URL standing for the node's Production URL. */
	url: string;
	calls: HandledCall[];
	/** Every item emitted so far, in order. */
	emitted(): IDataObject[];
	staticData(): IDataObject;
	/** As when n8n restarts: what the process remembered is gone, static data stays. */
	restartProcess(): void;
	close(): Promise<void>;
}

const trigger = new CcvTrigger();

function parseBody(raw: string, contentType: string | undefined): unknown {
	if (raw === '') return '';
	if (!(contentType ?? '').includes('json')) return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

export async function startTriggerReceiver(opts: {
	parameters: INodeParameters;
	credentials: CcvCredentialData;
}): Promise<TriggerReceiver> {
	const calls: HandledCall[] = [];
	let saved: IDataObject = {};

	async function handle(method: string, url: URL, headers: Record<string, string>, raw: string) {
		const query: IDataObject = Object.fromEntries(url.searchParams.entries());
		const body = parseBody(raw, headers['content-type']);
		const loaded = structuredClone(saved);
		try {
			const result = await runWebhook({
				nodeType: trigger,
				parameters: opts.parameters,
				credentials: opts.credentials,
				staticData: loaded,
				request: { method, query, headers, body },
			});
			// n8n writes the whole static data back only when the node changed it; the last write wins.
			if (JSON.stringify(result.staticData) !== JSON.stringify(loaded)) saved = result.staticData;
			const emitted = result.workflowData?.[0]?.map((item) => item.json);
			const status = result.response.sent ? result.response.statusCode : 200;
			const answer = result.response.sent ? result.response.body : result.webhookResponse;
			calls.push({ query, body, status, answer, emitted });
			return { status, answer };
		} catch (error) {
			calls.push({ query, body, status: 500, answer: { message: 'Error in Webhook' }, emitted: undefined, error: error as Error });
			return { status: 500, answer: { message: 'Error in Webhook' } };
		}
	}

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
			const url = new URL(req.url ?? '/', 'http://receiver.local');
			void handle(req.method ?? 'POST', url, headers, Buffer.concat(chunks).toString('utf8')).then(({ status, answer }) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(answer ?? null));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/test-webhook-id/webhook`,
		calls,
		emitted: () => calls.flatMap((call) => call.emitted ?? []),
		staticData: () => structuredClone(saved),
		restartProcess: () => forgetProcessMemory(),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * For a test file: `start` opens a receiver, and each one started is closed after its test
 * (the set-up the trigger tests shared by copy before).
 */
export function useTriggerReceiver(): { start: typeof startTriggerReceiver } {
	const open: TriggerReceiver[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map(async (receiver) => await receiver.close()));
	});
	return {
		start: async (opts) => {
			const receiver = await startTriggerReceiver(opts);
			open.push(receiver);
			return receiver;
		},
	};
}
