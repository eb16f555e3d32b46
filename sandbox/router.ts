// Path matching for the CCV routes. Literal segments beat parameters position by position, so
// /customer/externalId/x is "by external id", never "customer 'externalId', sub-resource x".
import type { ApiRequest, ApiResponse, Core, Handler } from './core';
import { validateInput, type RouteInput } from './input';

/** One row of the route table: what CCV serves, what it answers, its field rules and their sources. */
export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
	/** Segments starting with ':' are parameters. */
	path: string;
	/** What it answers, in the README's words (e.g. "→ 200 customer; 404"). */
	answers: string;
	/** The seed lines (`file:line`), `REF §n` or `silent: our choice (why)` the route rests on. */
	sources: string[];
	/** Checked before the fields (e.g. the customer a PUT replaces: 404 before any field error). */
	exists?: (core: Core, req: ApiRequest) => void;
	/** The fields it reads and their rules, applied by validateInput before the handler runs. */
	input?: RouteInput;
	/** The behaviour: runs on valid input only (`req.input` holds the values read). */
	handler: Handler;
	/** Honours the Idempotency-Reference header (payment, capture, refund, reversal). */
	idempotent?: boolean;
	/** Answers transaction objects: the statusCase reading applies. 'refund' = seed 004's refund answer. */
	transactions?: 'yes' | 'refund';
}

/** Runs a route row: its existence check, its field rules, then its handler. */
export function runRoute(route: Route, core: Core, req: ApiRequest): ApiResponse {
	route.exists?.(core, req);
	if (route.input) req.input = validateInput(route.input, core, req);
	return route.handler(core, req);
}

export type RouteMatch =
	| { kind: 'found'; route: Route; params: Record<string, string> }
	| { kind: 'wrong-method'; allowed: string[] }
	| { kind: 'none' };

interface Compiled {
	route: Route;
	segments: string[];
}

export class Router {
	private readonly compiled: Compiled[];

	constructor(routes: Route[]) {
		this.compiled = routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));
	}

	match(method: string, path: string): RouteMatch {
		const parts = path.split('/').slice(1);
		let best: { shape: string; candidates: Array<{ c: Compiled; params: Record<string, string> }> } | undefined;
		for (const c of this.compiled) {
			const params = matchSegments(c.segments, parts);
			if (!params) continue;
			// '1' = literal, '0' = parameter; all shapes here have the same length, so the string order
			// is "literal beats parameter at the first position where they differ".
			const shape = c.segments.map((s) => (s.startsWith(':') ? '0' : '1')).join('');
			if (!best || shape > best.shape) best = { shape, candidates: [{ c, params }] };
			else if (shape === best.shape) best.candidates.push({ c, params });
		}
		if (!best) return { kind: 'none' };
		const hit = best.candidates.find(({ c }) => c.route.method === method);
		if (hit) return { kind: 'found', route: hit.c.route, params: hit.params };
		return { kind: 'wrong-method', allowed: best.candidates.map(({ c }) => c.route.method) };
	}
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
	if (segments.length !== parts.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		if (segment.startsWith(':')) {
			if (parts[i] === '') return undefined;
			let value: string;
			try {
				value = decodeURIComponent(parts[i]);
			} catch {
				return undefined;
			}
			params[segment.slice(1)] = value;
		} else if (segment !== parts[i]) {
			return undefined;
		}
	}
	return params;
}
