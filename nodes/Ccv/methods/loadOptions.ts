import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import {
	brandName,
	brandsOf,
	issuersOf,
	listPaymentMethods,
	methodName,
} from '../actions/paymentMethod/paymentMethod.helpers';
import type { CcvPaymentMethod } from '../actions/paymentMethod/paymentMethod.helpers';
import { CcvClient, RETRY_PROFILES } from '../transport';

/** Dropdown lists the editor loads from CCV with the node's credential (GET /api/v1/method). */

/** What a list shows while the node has no CCV credential (n8n loads it again once one is set). */
export const PICK_CREDENTIAL_FIRST: INodePropertyOptions = {
	name: 'Pick a CCV Credential First',
	value: '',
	description: 'Choose or create a CCV credential at the top of this panel; the list then loads from CCV',
};

/**
 * Whether the node has a CCV credential. A node just added to a new workflow may have none yet:
 * n8n still asks for its lists, and n8n reloads them when the credential is set.
 */
function hasCredential(ctx: ILoadOptionsFunctions): boolean {
	const chosen = ctx.getNode().credentials?.ccvApi;
	return !!chosen && (!!chosen.id || !!chosen.name);
}

async function merchantMethods(ctx: ILoadOptionsFunctions): Promise<CcvPaymentMethod[] | undefined> {
	if (!hasCredential(ctx)) return undefined;
	return await listPaymentMethods(new CcvClient(ctx, RETRY_PROFILES.editorDropdown));
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** The methods the merchant's account offers, with the brands or banks each one has. */
export async function getPaymentMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const methods = await merchantMethods(this);
	if (!methods) return [PICK_CREDENTIAL_FIRST];
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
	if (!methods) return [PICK_CREDENTIAL_FIRST];
	const brands = methods.filter((entry) => entry.method === 'card').flatMap(brandsOf);
	return [...new Set(brands)].map((brand) => ({ name: brandName(brand), value: brand })).sort(byName);
}

/** The iDEAL banks (value: the issuer ID CCV expects in `issuer`). */
export async function getIdealIssuers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const methods = await merchantMethods(this);
	if (!methods) return [PICK_CREDENTIAL_FIRST];
	return methods
		.filter((entry) => entry.method === 'ideal')
		.flatMap(issuersOf)
		.map((issuer) => ({ name: issuer.name, value: issuer.id, ...(issuer.group ? { description: issuer.group } : {}) }))
		.sort(byName);
}
