// Customers & cards (seed 000): by CCV id, by external id, by customer reference (paged), cards.
import { json, NO_CONTENT, type ApiRequest, type ApiResponse, type Core } from '../core';
import { inputError, notFound } from '../errors';
import type { Route } from '../router';
import type { Card, Customer, LinkedCard } from '../types';
import { Fields, isObject, textLengthOf } from '../validate';

const MAX_LEN = 64;
const MAX_LINK_REFERENCES = 25;
const PAGE_SIZE_DEFAULT = 10;
const PAGE_SIZE_MAX = 50;
const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

type CustomerFields = Pick<Customer, 'externalId' | 'customerReference' | 'registrationExpiration' | 'linkReferences'>;

export function requireBody(body: unknown): Record<string, unknown> {
	if (body === undefined) return {};
	if (!isObject(body)) throw inputError([{ field: 'body', message: 'must be a JSON object' }]);
	return body;
}

/** Validates a whole customer (add and PUT both send the complete state). */
function readCustomer(core: Core, body: unknown, requireExpiration: boolean, selfId?: string): CustomerFields {
	const f = new Fields(requireBody(body));
	const externalId = f.string('externalId', { max: MAX_LEN });
	const customerReference = f.string('customerReference', { required: true, max: MAX_LEN });
	let registrationExpiration: number | bigint | null = null;
	const expiration = f.body.registrationExpiration;
	if (expiration === undefined || expiration === null) {
		if (requireExpiration) f.add('registrationExpiration', 'may not be null');
	} else if (typeof expiration === 'bigint') {
		// A Java long (seed 000:580 "a long integer"): up to 9223372036854775807, kept as exact digits.
		if (expiration > LONG_MAX || expiration < LONG_MIN) f.add('registrationExpiration', 'must be a long integer (epoch milliseconds)');
		else registrationExpiration = expiration;
	} else if (typeof expiration !== 'number' || !Number.isSafeInteger(expiration)) {
		f.add('registrationExpiration', 'must be a long integer (epoch milliseconds)');
	} else {
		registrationExpiration = expiration;
	}
	let linkReferences: string[] | null = null;
	const links = f.body.linkReferences;
	if (links !== undefined && links !== null) {
		if (!Array.isArray(links)) {
			f.add('linkReferences', 'must be an array of strings');
		} else if (links.length > MAX_LINK_REFERENCES) {
			f.add('linkReferences', `size must be between 0 and ${MAX_LINK_REFERENCES}`);
		} else {
			links.forEach((link, i) => {
				if (typeof link !== 'string') f.add(`linkReferences[${i}]`, 'must be a string');
				else if (link.length < 1 || textLengthOf(link) > MAX_LEN) {
					f.add(`linkReferences[${i}]`, `size must be between 1 and ${MAX_LEN}`);
				}
			});
			linkReferences = links as string[];
		}
	}
	f.check((first) => `${first.field.replace(/\[\d+\]$/, '')} is invalid`);

	const takenByOther = (holder: Customer | undefined) => holder !== undefined && holder.id !== selfId;
	if (externalId !== undefined && takenByOther(core.store.customerByExternalId(externalId))) {
		throw inputError([{ field: 'externalId', message: 'the value must be unique' }], 'externalId is not unique');
	}
	if (linkReferences) {
		const clash = linkReferences.some(
			(link, i) => takenByOther(core.store.customerByLinkReference(link)) || linkReferences?.indexOf(link) !== i,
		);
		if (clash) {
			throw inputError(
				[{ field: 'linkReferences', message: 'the value must be unique' }],
				'linkReferences is not unique',
			);
		}
	}
	return {
		externalId: externalId ?? null,
		customerReference: customerReference as string,
		registrationExpiration,
		linkReferences: linkReferences ? [...linkReferences] : null,
	};
}

export function toCard(card: LinkedCard): Card {
	return { id: card.id, maskedPan: card.maskedPan, created: card.created, lastUpdated: card.lastUpdated };
}

function addCustomer(core: Core, req: ApiRequest): ApiResponse {
	const fields = readCustomer(core, req.body, true);
	const now = core.now();
	const customer: Customer = {
		id: core.ids.uuid(),
		...fields,
		created: now,
		lastUpdated: now,
		registered: null,
	};
	core.store.putCustomer(customer);
	return json(customer);
}

// Two ways to name a customer: CCV's id (404 field "id") or the merchant's externalId.
type Lookup = (core: Core, req: ApiRequest) => Customer;

const byId: Lookup = (core, req) => {
	const customer = core.store.customers.get(req.params.id);
	if (!customer) throw notFound('Customer not found', 'id');
	return customer;
};

const byExternalId: Lookup = (core, req) => {
	const customer = core.store.customerByExternalId(req.params.externalId);
	if (!customer) throw notFound('Customer not found', 'externalId');
	return customer;
};

function replaceCustomer(lookup: Lookup, requireExpiration: boolean) {
	return (core: Core, req: ApiRequest): ApiResponse => {
		const customer = lookup(core, req);
		const fields = readCustomer(core, req.body, requireExpiration, customer.id);
		core.store.putCustomer({ ...customer, ...fields, lastUpdated: core.now() });
		return NO_CONTENT;
	};
}

function removeCustomer(lookup: Lookup) {
	return (core: Core, req: ApiRequest): ApiResponse => {
		core.store.removeCustomer(lookup(core, req).id);
		return NO_CONTENT;
	};
}

function listCards(lookup: Lookup) {
	return (core: Core, req: ApiRequest): ApiResponse => {
		const cards = core.store.cardsOf(lookup(core, req).id);
		return cards.length === 0 ? NO_CONTENT : json(cards.map(toCard));
	};
}

function removeCards(lookup: Lookup) {
	return (core: Core, req: ApiRequest): ApiResponse => {
		core.store.removeCardsOf(lookup(core, req).id);
		return NO_CONTENT;
	};
}

function pageParam(f: Fields, name: string, fallback: number, min: number, max?: number): number {
	const raw = f.body[name];
	if (raw === undefined) return fallback;
	if (typeof raw !== 'string' || !/^\d+$/.test(raw)) {
		f.add(name, 'must be a whole number');
		return fallback;
	}
	const value = Number(raw);
	if (value < min) f.add(name, `must be greater than or equal to ${min}`);
	if (max !== undefined && value > max) f.add(name, `must be less than or equal to ${max}`);
	return value;
}

function customersByReference(core: Core, req: ApiRequest): ApiResponse {
	const f = new Fields(req.query);
	const reference = f.string('customerReference', { required: true, max: MAX_LEN });
	const page = pageParam(f, 'page', 0, 0);
	const size = pageParam(f, 'size', PAGE_SIZE_DEFAULT, 1, PAGE_SIZE_MAX);
	f.check((first) => `${first.field} is invalid`);
	const matching = [...core.store.customers.values()].filter((c) => c.customerReference === reference);
	return json({
		data: matching.slice(page * size, page * size + size),
		page: {
			size,
			totalElements: matching.length,
			totalPages: Math.ceil(matching.length / size),
			number: page,
		},
	});
}

function findCard(core: Core, req: ApiRequest): LinkedCard {
	const card = core.store.cards.get(req.params.id);
	if (!card) throw notFound('Card not found', 'id');
	return card;
}

export const customerRoutes: Route[] = [
	{ method: 'POST', path: '/api/v1/customer', handler: addCustomer },
	{ method: 'GET', path: '/api/v1/customer', handler: customersByReference },
	{ method: 'GET', path: '/api/v1/customer/:id', handler: (core, req) => json(byId(core, req)) },
	{ method: 'PUT', path: '/api/v1/customer/:id', handler: replaceCustomer(byId, true) },
	{ method: 'DELETE', path: '/api/v1/customer/:id', handler: removeCustomer(byId) },
	{ method: 'GET', path: '/api/v1/customer/:id/card', handler: listCards(byId) },
	{ method: 'DELETE', path: '/api/v1/customer/:id/card', handler: removeCards(byId) },
	{
		method: 'GET',
		path: '/api/v1/customer/externalId/:externalId',
		handler: (core, req) => json([byExternalId(core, req)]),
	},
	// The docs mark registrationExpiration optional on this PUT only (required on the PUT by id).
	{ method: 'PUT', path: '/api/v1/customer/externalId/:externalId', handler: replaceCustomer(byExternalId, false) },
	{ method: 'DELETE', path: '/api/v1/customer/externalId/:externalId', handler: removeCustomer(byExternalId) },
	{ method: 'GET', path: '/api/v1/customer/externalId/:externalId/card', handler: listCards(byExternalId) },
	{ method: 'DELETE', path: '/api/v1/customer/externalId/:externalId/card', handler: removeCards(byExternalId) },
	{ method: 'GET', path: '/api/v1/card/:id', handler: (core, req) => json(toCard(findCard(core, req))) },
	{
		method: 'DELETE',
		path: '/api/v1/card/:id',
		handler: (core, req) => {
			core.store.cards.delete(findCard(core, req).id);
			return NO_CONTENT;
		},
	},
];
