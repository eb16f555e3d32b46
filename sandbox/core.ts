// What every route handler gets: the state, id source, outgoing calls, clock and base URL.
import type { Ids } from './ids';
import type { Readings } from './readings';
import type { Store } from './store';
import type { Deliverer } from './webhooks';

export interface Core {
	readonly store: Store;
	readonly ids: Ids;
	readonly deliverer: Deliverer;
	now(): number;
	/** The switches in force (live: the control API may change them). */
	readonly readings: Readings;
	/** 'http://127.0.0.1:PORT', known once the server listens; used for payUrl/signUrl. */
	baseUrl: string;
}

/** The parsed request a route handler sees. */
export interface ApiRequest {
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
	/** The values its route's field rules read (router.ts runRoute), when it has rules. */
	input?: Record<string, unknown>;
}

/** A handler's answer. `createdReference` names the transaction it created, if any (for 504s). */
export interface ApiResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	createdReference?: string;
	/** A non-JSON body (e.g. the HTML 404 page); `body` is then ignored. */
	raw?: { contentType: string; text: string };
}

export type Handler = (core: Core, req: ApiRequest) => ApiResponse;

export function json(body: unknown, status = 200): ApiResponse {
	return { status, body };
}

export const NO_CONTENT: ApiResponse = { status: 204 };
