import { CCV_PAYMENT_BASE_URL, baseUrlLabel } from './api';
import { seeFix } from '../helpers/fixLinks';
import type { CcvApiName } from './api';

// CCV's keys say where they work: t_ test keys (CCV Lab), l_ live keys (real money). The credential,
// the transport and the credential test read them with this one rule.

type CredentialData = Record<string, unknown>;

/**
 * Test or live, as the key's prefix says; undefined for any other key. Blanks around the key and the
 * letter's case are ignored, so a key that might be live (" l_...", "L_...") is always treated as live.
 */
export function keyEnvironment(key: unknown): 'test' | 'live' | undefined {
	if (typeof key !== 'string') return undefined;
	const prefix = key.trim().slice(0, 2).toLowerCase();
	if (prefix === 'l_') return 'live';
	if (prefix === 't_') return 'test';
	return undefined;
}

export function isLiveKey(key: unknown): boolean {
	return keyEnvironment(key) === 'live';
}

/** The key a request to this API carries: the Boarding key, or the API key when none is set. */
export function keyFor(api: CcvApiName, credentials: CredentialData): string {
	const apiKey = String(credentials.apiKey ?? '');
	return api === 'boarding' ? String(credentials.boardingApiKey || apiKey) : apiKey;
}

/** The key's prefix against the credential's Environment: a live key never runs under Test, nor a test key under Live. */
export function environmentProblem(credentials: CredentialData): string | undefined {
	const keyIs = keyEnvironment(credentials.apiKey);
	const marked = credentials.environment;
	if (marked === 'test' && keyIs === 'live') {
		return 'The API key is a LIVE key (l_...) but Environment is "Test". Set Environment to "Live (Real Money)" if you mean to move real money, or use a test key (t_...).';
	}
	if (marked === 'live' && keyIs === 'test') {
		return 'The API key is a test key (t_...) but Environment is "Live (Real Money)". Set Environment to "Test" or use your live key (l_...).';
	}
	return undefined;
}

/** The words for "a live key would go out over plain http": the node's error and the credential test's. */
export function liveKeyOverHttp(api: CcvApiName): { message: string; description: string } {
	const field = baseUrlLabel(api);
	return {
		message: 'Live API keys are only sent over https',
		description: `The CCV credential holds a live key (it starts with l_), and its ${field} does not start with https://. Nothing was sent. Change the address to https:// (CCV's is ${CCV_PAYMENT_BASE_URL}), or use a test key (t_) with a local sandbox. ${seeFix('credential')}`,
	};
}

/** True when a request to `url` for `api` would carry a live key over anything but https. */
export function sendsLiveKeyInsecurely(api: CcvApiName, url: string, credentials: CredentialData): boolean {
	if (!isLiveKey(keyFor(api, credentials))) return false;
	try {
		return new URL(url).protocol !== 'https:';
	} catch {
		return true;
	}
}
