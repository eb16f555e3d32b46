import { z } from 'zod/v4';

import { NOTIFICATION_URL, WEBHOOK_URL, webhookUrlProblem } from '../rules';
import type { WebhookUrlRule } from '../rules';

// Addresses in money requests. CCV calls webhooks over HTTPS only (REFERENCE §5); a terminal
// refund's Return URL may be an app link such as myapp://done, as long as it has a scheme (seed 004).

const MAX_URL = 2000;

function url() {
	return z.string({ error: 'must be text' }).trim().max(MAX_URL, { error: `must be at most ${MAX_URL} characters` });
}

/**
 * Where CCV calls us back (REFERENCE §5; rules/webhookUrl.ts): https:// to an address CCV can reach
 * on the internet. An address on this machine (plain http included, as for the credential's Default
 * Webhook URL) passes here, where the credential is not read yet; it is checked again with the
 * credential before anything is sent, and goes out only when the base URL is the local sandbox.
 */
function callbackUrl(rule: Omit<WebhookUrlRule, 'loopback'>) {
	return url().superRefine((value, ctx) => {
		const problem = webhookUrlProblem(value, { ...rule, loopback: 'unknown' });
		if (problem && problem.kind !== 'length') ctx.addIssue({ code: 'custom', message: problem.message });
	});
}

/** A money request's Webhook URL. */
export const httpsUrl = callbackUrl(WEBHOOK_URL);

/** The Boarding Status Notification URL: https:// only, seed 003 ("we will only support https:// URLs"). */
export const notificationUrl = callbackUrl(NOTIFICATION_URL);

/** Where a browser is sent: http:// or https://. */
export const webUrl = url().regex(/^https?:\/\/[^\s/?#]+\S*$/i, { error: 'must be a web address starting with https://' });

/** Schemes that run code or read files instead of opening a page or an app. */
const UNSAFE_SCHEMES = /^(javascript|data|vbscript|file):/i;

/** Where a browser or a phone app is sent: any scheme (https://..., myapp://...), none that runs code. */
export const appOrWebUrl = url()
	.regex(/^[a-z][a-z0-9+.-]*:\S+$/i, {
		error: 'must be an address with a scheme, such as https://shop.example/done or myapp://done',
	})
	.refine((value) => !UNSAFE_SCHEMES.test(value), { error: 'must not be a javascript:, data:, vbscript: or file: address' });
