import { HOST_KIND_WORDS, isLoopbackUrl, urlHostKind } from './address';

// Where CCV calls us back: a money request's Webhook URL, the credential's Default Webhook URL and
// the Boarding Status Notification URL. CCV calls HTTPS only (REFERENCE §5; seed 003 for orders),
// from the internet: an address on this machine, a private network or a link-local range can never
// be reached, and a status change sent there is lost. One exception: the local CCV sandbox (its base
// URL on this machine) calls back on this machine, over http too where the URL allows it.

export const MAX_WEBHOOK_URL = 2000;

export interface WebhookUrlRule {
	/** Plain http:// to this machine, for the local sandbox (webhook URLs yes, the Boarding notification URL no). */
	httpToLoopback: boolean;
	/** The words when the address is not https:// (or not an address). */
	schemeMessage: string;
	/**
	 * Whether an address on this machine may be used: true when the API's base URL is on this machine
	 * (the local sandbox), false when it is not, 'unknown' where the credential is not read yet (the
	 * item checks: the address is checked again, with the credential, before anything is sent).
	 */
	loopback: boolean | 'unknown';
}

/** A money request's Webhook URL and the credential's Default Webhook URL. */
export const WEBHOOK_URL: Omit<WebhookUrlRule, 'loopback'> = {
	httpToLoopback: true,
	schemeMessage: 'must be a web address starting with https:// (CCV calls HTTPS only)',
};
/** The Boarding Status Notification URL: seed 003, "we will only support https:// URLs". */
export const NOTIFICATION_URL: Omit<WebhookUrlRule, 'loopback'> = {
	httpToLoopback: false,
	schemeMessage: 'must be a web address starting with https:// (CCV calls only https addresses)',
};

export type WebhookUrlProblem = { kind: 'scheme' | 'length' | 'host'; message: string };

/** The loopback permission that goes with an API's base URL. */
export function loopbackFor(baseUrl: unknown): boolean {
	return isLoopbackUrl(baseUrl);
}

/** What is wrong with a callback address, completing a sentence that starts with the field's name; undefined when it is fine. */
export function webhookUrlProblem(value: string, rule: WebhookUrlRule): WebhookUrlProblem | undefined {
	const url = value.trim();
	if (url.length > MAX_WEBHOOK_URL) return { kind: 'length', message: `must be at most ${MAX_WEBHOOK_URL} characters` };
	const scheme = /^(https?):\/\/[^\s/?#]+([/?#]\S*)?$/i.exec(url)?.[1]?.toLowerCase();
	const kind = scheme ? urlHostKind(url) : undefined;
	if (!scheme || !kind || (scheme === 'http' && !(rule.httpToLoopback && kind === 'loopback'))) {
		return { kind: 'scheme', message: rule.schemeMessage };
	}
	if (kind === 'public') return undefined;
	if (kind === 'loopback' && rule.loopback !== false) return undefined;
	const where = kind === 'loopback' ? ' (allowed only with the local CCV sandbox, whose Base URL is on this machine too)' : '';
	return {
		kind: 'host',
		message: `must be an address CCV can reach on the internet: this one is ${HOST_KIND_WORDS[kind]}${where}`,
	};
}
