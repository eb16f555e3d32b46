import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	brandName,
	brandsOf,
	issuersOf,
	listPaymentMethods,
	methodName,
} from '../actions/paymentMethod/paymentMethod.helpers';
import type { CcvPaymentMethod } from '../actions/paymentMethod/paymentMethod.helpers';
import { CcvClient } from '../transport';

/** Dropdown lists the editor loads from CCV with the node's credential (GET /api/v1/method). */

async function merchantMethods(ctx: ILoadOptionsFunctions): Promise<CcvPaymentMethod[]> {
	// Few retries and short waits: someone is waiting for the dropdown to open.
	return await listPaymentMethods(new CcvClient(ctx, { maxRetries: 2, maxWaitMs: 5_000, timeoutMs: 15_000 }));
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** The methods the merchant's account offers, with the brands or banks each one has. */
export async function getPaymentMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const methods = await merchantMethods(this);
	return methods
		.map((entry) => {
			const brands = brandsOf(entry).map(brandName);
			const issuers = issuersOf(entry).map((issuer) => issuer.name);
			const description = brands.length
				? `Brands: ${brands.join(', ')}`
				: issuers.length
					? `Banks: ${issuers.join(', ')}`
					: entry.method === 'landingpage'
						? 'The customer picks a method on CCV\'s page'
						: undefined;
			return { name: methodName(entry.method), value: entry.method, ...(description ? { description } : {}) };
		})
		.sort(byName);
}

/** The card brands of the Card method (value as CCV expects it in `brand`). */
export async function getCardBrands(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const methods = await merchantMethods(this);
	const brands = methods.filter((entry) => entry.method === 'card').flatMap(brandsOf);
	return [...new Set(brands)].map((brand) => ({ name: brandName(brand), value: brand })).sort(byName);
}

/** The iDEAL banks (value: the issuer ID CCV expects in `issuer`). */
export async function getIdealIssuers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const methods = await merchantMethods(this);
	return methods
		.filter((entry) => entry.method === 'ideal')
		.flatMap(issuersOf)
		.map((issuer) => ({ name: issuer.name, value: issuer.id, ...(issuer.group ? { description: issuer.group } : {}) }))
		.sort(byName);
}
