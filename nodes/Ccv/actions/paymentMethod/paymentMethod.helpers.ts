import type { IDataObject } from 'n8n-workflow';

import type { CcvClient } from '../../transport';

export const METHOD_PATH = '/api/v1/method';

/** One entry of `GET /api/v1/method`: the method and, where it has them, its brands or iDEAL issuers. */
export interface CcvPaymentMethod extends IDataObject {
	method: string;
	options?: IDataObject[];
}

/** How ops staff know the methods; an unknown method keeps CCV's own name. */
const METHOD_NAMES: Record<string, string> = {
	applepay: 'Apple Pay',
	banktransfer: 'Bank Transfer',
	card: 'Card',
	googlepay: 'Google Pay',
	ideal: 'iDEAL',
	klarna: 'Klarna',
	landingpage: 'Landing Page',
	payconiq: 'Payconiq',
	paypal: 'PayPal',
	softpos: 'SoftPOS',
	terminal: 'Terminal',
};

const BRAND_NAMES: Record<string, string> = {
	amex: 'American Express',
	bcmc: 'Bancontact',
	maestro: 'Maestro',
	mastercard: 'Mastercard',
	visa: 'Visa',
};

export function methodName(method: string): string {
	return METHOD_NAMES[method.toLowerCase()] ?? method;
}

export function brandName(brand: string): string {
	return BRAND_NAMES[brand.toLowerCase()] ?? brand;
}

/** The merchant's methods as CCV lists them; entries without a method name are left out. */
export async function listPaymentMethods(client: CcvClient, itemIndex?: number): Promise<CcvPaymentMethod[]> {
	const { body } = await client.request<unknown>({ method: 'GET', path: METHOD_PATH }, itemIndex);
	const list = Array.isArray(body) ? body : [];
	return list.filter(
		(entry): entry is CcvPaymentMethod =>
			!!entry && typeof entry === 'object' && typeof (entry as IDataObject).method === 'string' && (entry as IDataObject).method !== '',
	);
}

/** The card brands of a method (e.g. visa for card), as CCV names them. */
export function brandsOf(method: CcvPaymentMethod): string[] {
	return (method.options ?? []).map((option) => option.brand).filter((brand): brand is string => typeof brand === 'string' && brand !== '');
}

export interface Issuer {
	id: string;
	name: string;
	group?: string;
}

/** The iDEAL issuers (banks) of a method: issuerid and issuerdescription in CCV's list. */
export function issuersOf(method: CcvPaymentMethod): Issuer[] {
	const issuers: Issuer[] = [];
	for (const option of method.options ?? []) {
		if (typeof option.issuerid !== 'string' || option.issuerid === '') continue;
		const name = typeof option.issuerdescription === 'string' && option.issuerdescription !== '' ? option.issuerdescription : option.issuerid;
		issuers.push({ id: option.issuerid, name, ...(typeof option.group === 'string' ? { group: option.group } : {}) });
	}
	return issuers;
}
