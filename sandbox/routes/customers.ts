// Customers & cards (seed 000): by CCV id, by external id, by customer reference (paged), cards.
import { json, NO_CONTENT, type ApiRequest, type ApiResponse, type Core } from '../core';
import { inputError, notFound } from '../errors';
import type { Route } from '../router';
import type { Card, Customer, LinkedCard } from '../types';
import type { RouteInput } from '../input';

const S = '000_e22deb89d35d45bf.txt';
const MAX_LEN = 64;
const PAGE_SIZE_DEFAULT = 10;
const PAGE_SIZE_MAX = 50;

type CustomerFields = Pick<Customer, 'externalId' | 'customerReference' | 'registrationExpiration' | 'linkReferences'>;

/**
 * A whole customer (add and PUT both send the complete state). `line` is the first row of the route's
 * parameter list in seed 000; only the PUT by external id marks registrationExpiration optional.
 */
function customerInput(line: number, expirationRequired: boolean): RouteInput {
	return {
		from: 'body',
		fields: [
			{ name: 'externalId', max: MAX_LEN, source: `${S}:${line}` },
			{ name: 'customerReference', required: true, max: MAX_LEN, source: `${S}:${line + 1}` },
			// A Java long (seed 000:580 "a long integer"): up to 9223372036854775807, kept as exact digits.
			{ name: 'registrationExpiration', kind: 'long', required: expirationRequired, source: `${S}:${line + 2}, ${S}:580` },
			{ name: 'linkReferences', kind: 'textList', maxItems: 25, max: MAX_LEN, source: `${S}:${line + 3}, ${S}:636` },
		],
		message: (first) => `${first.field.replace(/\[\d+\]$/, '')} is invalid`,
	};
}

/** The unique values a customer's fields must keep (checked after the field rules, as CCV's examples show). */
function readCustomer(core: Core, req: ApiRequest, selfId?: string): CustomerFields {
	const input = req.input ?? {};
	const externalId = input.externalId as string | undefined;
	const linkReferences = input.linkReferences as string[] | undefined;
	const takenByOther = (holder: Customer | undefined) => holder !== undefined && holder.id !== selfId;
	if (externalId !== undefined && takenByOther(core.store.customerByExternalId(externalId))) {
		throw inputError([{ field: 'externalId', message: 'the value must be unique' }], 'externalId is not unique');
	}
	if (linkReferences) {
		const clash = linkReferences.some(
			(link, i) => takenByOther(core.store.customerByLinkReference(link)) || linkReferences.indexOf(link) !== i,
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
		customerReference: input.customerReference as string,
		registrationExpiration: (input.registrationExpiration as number | bigint | undefined) ?? null,
		linkReferences: linkReferences ? [...linkReferences] : null,
	};
}

export function toCard(card: LinkedCard): Card {
	return { id: card.id, maskedPan: card.maskedPan, created: card.created, lastUpdated: card.lastUpdated };
}

function addCustomer(core: Core, req: ApiRequest): ApiResponse {
	const fields = readCustomer(core, req);
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

function replaceCustomer(lookup: Lookup) {
	return (core: Core, req: ApiRequest): ApiResponse => {
		const customer = lookup(core, req);
		const fields = readCustomer(core, req, customer.id);
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

function customersByReference(core: Core, req: ApiRequest): ApiResponse {
	const { customerReference: reference, page, size } = req.input as { customerReference: string; page: number; size: number };
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

const exists = (lookup: Lookup) => (core: Core, req: ApiRequest) => void lookup(core, req);

export const customerRoutes: Route[] = [
	{
		method: 'POST',
		path: '/api/v1/customer',
		answers: '→ 200 customer; field errors: "customerReference is invalid" + `fields[]`; duplicate externalId → "externalId is not unique"',
		sources: [`${S}:670-706`, `${S}:723-740`, `${S}:741-757`],
		input: customerInput(682, true),
		handler: addCustomer,
	},
	{
		method: 'GET',
		path: '/api/v1/customer',
		answers: '`?customerReference=&page=&size=` → paged object; page from 0, size default 10, max 50; out of bounds → 400 on the field (not clamped)',
		sources: [`${S}:1305-1333`, `${S}:638-653`, 'silent: our choice (out of bounds refused, not clamped: strict)'],
		input: {
			from: 'query',
			fields: [
				{ name: 'customerReference', required: true, max: MAX_LEN, source: `${S}:1317` },
				{ name: 'page', kind: 'whole', min: 0, default: 0, source: `${S}:1318` },
				{ name: 'size', kind: 'whole', min: 1, max: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT, source: `${S}:1319` },
			],
			message: (first) => `${first.field} is invalid`,
		},
		handler: customersByReference,
	},
	{
		method: 'GET',
		path: '/api/v1/customer/:id',
		answers: '→ 200; 404 `input_error` "Customer not found" field `id`',
		sources: [`${S}:763-799`],
		handler: (core, req) => json(byId(core, req)),
	},
	{
		method: 'PUT',
		path: '/api/v1/customer/:id',
		answers: '→ 204 (replaces: omitted fields become null); registrationExpiration required; 404 before any field error',
		sources: [`${S}:805-884`, 'REF §11'],
		exists: exists(byId),
		input: customerInput(822, true),
		handler: replaceCustomer(byId),
	},
	{
		method: 'DELETE',
		path: '/api/v1/customer/:id',
		answers: '→ 204 (removes its cards); unknown → the GET\'s 404',
		sources: [`${S}:896-919`, `${S}:592`, 'silent: our choice (no 404 listed for DELETE; a 204 would hide a wrong id)'],
		handler: removeCustomer(byId),
	},
	{
		method: 'GET',
		path: '/api/v1/customer/:id/card',
		answers: '→ 200 unsorted array, 204 when none, 404',
		sources: [`${S}:925-977`],
		handler: listCards(byId),
	},
	{ method: 'DELETE', path: '/api/v1/customer/:id/card', answers: '→ 204, 404', sources: [`${S}:989-1018`], handler: removeCards(byId) },
	{
		method: 'GET',
		path: '/api/v1/customer/externalId/:externalId',
		answers: '→ 200 **array**, 404 field `externalId`',
		sources: [`${S}:1034-1064`],
		handler: (core, req) => json([byExternalId(core, req)]),
	},
	{
		// The docs mark registrationExpiration optional on this PUT only (required on the PUT by id).
		method: 'PUT',
		path: '/api/v1/customer/externalId/:externalId',
		answers: '→ 204, registrationExpiration optional; 404 before any field error',
		sources: [`${S}:1076-1155`],
		exists: exists(byExternalId),
		input: customerInput(1093, false),
		handler: replaceCustomer(byExternalId),
	},
	{
		method: 'DELETE',
		path: '/api/v1/customer/externalId/:externalId',
		answers: '→ 204',
		sources: [`${S}:1167-1190`],
		handler: removeCustomer(byExternalId),
	},
	{
		method: 'GET',
		path: '/api/v1/customer/externalId/:externalId/card',
		answers: '→ 200 array, 204 when none, 404',
		sources: [`${S}:1196-1289`],
		handler: listCards(byExternalId),
	},
	{
		method: 'DELETE',
		path: '/api/v1/customer/externalId/:externalId/card',
		answers: '→ 204, 404',
		sources: [`${S}:1196-1289`],
		handler: removeCards(byExternalId),
	},
	{
		method: 'GET',
		path: '/api/v1/card/:id',
		answers: '→ 200 card, 404 "Card not found"',
		sources: [`${S}:1372-1443`],
		handler: (core, req) => json(toCard(findCard(core, req))),
	},
	{
		method: 'DELETE',
		path: '/api/v1/card/:id',
		answers: '→ 204, 404',
		sources: [`${S}:1372-1443`],
		handler: (core, req) => {
			core.store.cards.delete(findCard(core, req).id);
			return NO_CONTENT;
		},
	},
];
