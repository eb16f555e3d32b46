/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in Node, never inside n8n */
// The control API under /_sandbox/ for other processes (e2e tests, `npm start`): no auth, loopback
// only, never logged, never faulted or limited. JSON in, JSON out; errors as {"error": "..."}.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlError } from './errors';
import type { PaymentFixture } from './fixtures';
import { payPage } from './pay-page';
import type { Sandbox } from './sandbox';
import type { CapacitySettings, FaultSpec, OrderStatus, TransactionStatus } from './types';
import { isObject } from './validate';
import { validateFault } from './faults';
import { stringifyExact } from './json';
import type { EventType } from './notifications';
import type { Core } from './core';

type ControlAnswer = { status: number; body?: unknown; headers?: Record<string, string>; html?: string };

function isLoopback(address: string | undefined): boolean {
	return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

export function controlHandler(sandbox: Sandbox, core: Core) {
	return (req: IncomingMessage, res: ServerResponse, url: URL, raw: string): void => {
		let answer: ControlAnswer;
		try {
			if (!isLoopback(req.socket.remoteAddress)) throw new ControlError(403, 'the control API answers loopback clients only');
			answer = route(sandbox, core, req.method ?? 'GET', url, raw);
		} catch (error) {
			const status = error instanceof ControlError ? error.status : 400;
			answer = { status, body: { error: error instanceof Error ? error.message : String(error) } };
		}
		if (res.destroyed) return;
		if (answer.html !== undefined) {
			res.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8' }).end(answer.html);
		} else if (answer.body === undefined) {
			res.writeHead(answer.status, answer.headers ?? {}).end();
		} else {
			const text = stringifyExact(answer.body, (_key, value: unknown) => (value instanceof RegExp ? value.source : value));
			res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(text);
		}
	};
}

function parse(raw: string): Record<string, unknown> {
	if (raw.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch {
		value = undefined;
	}
	if (!isObject(value)) throw new ControlError(400, 'the body must be a JSON object');
	return value;
}

function route(sandbox: Sandbox, core: Core, method: string, url: URL, raw: string): ControlAnswer {
	const path = url.pathname.replace(/\/+$/, '');
	const ok = (body: unknown): ControlAnswer => ({ status: 200, body });
	const done: ControlAnswer = { status: 204 };
	const key = `${method} ${path}`;
	switch (key) {
		case 'GET /_sandbox/log':
			return ok(sandbox.log);
		case 'DELETE /_sandbox/log':
			sandbox.clearLog();
			return done;
		case 'GET /_sandbox/state':
			return ok({
				customers: sandbox.state.customers(),
				cards: sandbox.state.cards(),
				transactions: sandbox.state.transactions(),
				mandates: sandbox.state.mandates(),
				orders: sandbox.state.orders(),
			});
		case 'POST /_sandbox/reset':
			sandbox.reset();
			return done;
		case 'GET /_sandbox/faults':
			return ok(sandbox.faults.list());
		case 'POST /_sandbox/faults':
			sandbox.faults.add(validateFault(parse(raw)) as FaultSpec);
			return done;
		case 'DELETE /_sandbox/faults':
			sandbox.faults.clear();
			return done;
		case 'GET /_sandbox/capacity':
			return ok(sandbox.capacity.get());
		case 'POST /_sandbox/capacity':
			sandbox.capacity.set(parse(raw) as CapacitySettings);
			return done;
		case 'POST /_sandbox/latency': {
			const { ms } = parse(raw);
			if (typeof ms !== 'number' || !(ms >= 0)) throw new ControlError(400, 'ms must be a number >= 0');
			sandbox.setLatency(ms);
			return done;
		}
		case 'POST /_sandbox/cards': {
			const { linkReference, ...card } = parse(raw);
			if (typeof linkReference !== 'string') throw new ControlError(400, 'linkReference must be a string');
			return ok(sandbox.linkCard(linkReference, card));
		}
		case 'POST /_sandbox/payments':
			return ok(sandbox.addPayment(parse(raw) as PaymentFixture));
		case 'GET /_sandbox/readings':
			return ok(sandbox.readings.get());
		case 'POST /_sandbox/readings':
			// A bad reading throws a plain Error: the handler answers it 400 with its message.
			sandbox.readings.set(parse(raw));
			return ok(sandbox.readings.get());
		case 'GET /_sandbox/orders': {
			const externalReference = url.searchParams.get('externalReference');
			if (externalReference === null) return ok(sandbox.state.orders());
			return ok(sandbox.ordersByExternalReference(externalReference));
		}
		case 'POST /_sandbox/balances': {
			const { method: payMethod, ...balance } = parse(raw);
			if (typeof payMethod !== 'string') throw new ControlError(400, 'method must be a string');
			sandbox.setBalance(payMethod, Object.keys(balance).length === 0 ? null : (balance as never));
			return done;
		}
		case 'GET /_sandbox/deliveries':
			return ok(sandbox.deliveries);
		case 'DELETE /_sandbox/deliveries':
			sandbox.deliveries.length = 0;
			return done;
		case 'GET /_sandbox/pay': {
			const page = payPage(core, url.searchParams.get('reference') ?? '');
			return { status: page.status, html: page.html };
		}
		case 'POST /_sandbox/pay': {
			const reference = url.searchParams.get('reference') ?? '';
			const tx = sandbox.settle(reference, (url.searchParams.get('status') ?? 'success') as TransactionStatus);
			if (tx.returnUrl) return { status: 303, headers: { location: tx.returnUrl } };
			return { status: 303, headers: { location: `/_sandbox/pay?reference=${encodeURIComponent(reference)}` } };
		}
	}
	const settle = /^\/_sandbox\/transactions\/([^/]+)\/settle$/.exec(path);
	if (settle && method === 'POST') {
		const { status, failureCode, cancelledBy } = parse(raw);
		if (failureCode !== undefined && typeof failureCode !== 'string') throw new ControlError(400, 'failureCode must be a string');
		if (cancelledBy !== undefined && typeof cancelledBy !== 'string') throw new ControlError(400, 'cancelledBy must be a string');
		return ok(sandbox.settle(decodeURIComponent(settle[1]), status as TransactionStatus, { failureCode, cancelledBy }));
	}
	const event = /^\/_sandbox\/transactions\/([^/]+)\/events$/.exec(path);
	if (event && method === 'POST') {
		const { eventType, data } = parse(raw);
		if (data !== undefined && !isObject(data)) throw new ControlError(400, 'data must be an object');
		const sent = sandbox.notify(decodeURIComponent(event[1]), eventType as EventType, data);
		return ok({ sent });
	}
	const order = /^\/_sandbox\/orders\/([^/]+)\/status$/.exec(path);
	if (order && method === 'POST') {
		return ok(sandbox.setOrderStatus(decodeURIComponent(order[1]), parse(raw).status as OrderStatus));
	}
	throw new ControlError(404, `no control action ${key}`);
}
