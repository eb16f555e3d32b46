// Which of CCV's two APIs a request is for. Each has its own base URL and may have its own key
// (credential: Boarding API Base URL, Boarding Key); the path alone decides, for the transport that
// picks the base URL and for the credential that picks the key.

export type CcvApiName = 'payment' | 'boarding';

/** Every Boarding API path starts with this (seed 003); everything else is the Payment API. */
export const BOARDING_PATH_PREFIX = '/api/ordercompletion/';

export function apiOfPath(path: string): CcvApiName {
	return path.startsWith(BOARDING_PATH_PREFIX) ? 'boarding' : 'payment';
}

/**
 * The API a transport request is for. A request that names its API must name the one its path
 * belongs to: otherwise the transport and the credential would pick different base URLs and keys.
 */
export function apiOfRequest(req: { api?: CcvApiName; path: string }): CcvApiName {
	const byPath = apiOfPath(req.path);
	if (req.api !== undefined && req.api !== byPath) {
		throw new Error(`The path ${req.path} belongs to the ${byPath === 'boarding' ? 'Boarding' : 'Payment'} API, not the ${req.api === 'boarding' ? 'Boarding' : 'Payment'} API`);
	}
	return byPath;
}

/** CCV's Payment API address: the credential's default and what an empty Base URL means. */
export const CCV_PAYMENT_BASE_URL = 'https://api.psp.ccv.eu';

/** How messages name the credential field that holds an API's base URL. */
export function baseUrlLabel(api: CcvApiName): string {
	return api === 'boarding' ? 'Boarding API Base URL' : 'Base URL';
}

export function trimSlash(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

/** The credential's base URL for each API (Payment: CCV's own when empty; Boarding: empty when not set). */
export function baseUrlOf(api: CcvApiName, credentials: Record<string, unknown>): string {
	if (api === 'boarding') return trimSlash(String(credentials.boardingBaseUrl || ''));
	return trimSlash(String(credentials.baseUrl || CCV_PAYMENT_BASE_URL));
}

/** The API a full request URL is for, given the credential it is sent with: the path after its base URL decides. */
export function apiOfUrl(url: string, credentials: Record<string, unknown>): CcvApiName {
	const boarding = baseUrlOf('boarding', credentials);
	if (boarding !== '' && url.startsWith(`${boarding}/`)) {
		if (apiOfPath(url.slice(boarding.length)) === 'boarding') return 'boarding';
	}
	const payment = baseUrlOf('payment', credentials);
	const path = url.startsWith(`${payment}/`) ? url.slice(payment.length) : pathOf(url);
	return apiOfPath(path);
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		return url;
	}
}
