import { z } from 'zod/v4';

// Addresses in money requests. CCV calls webhooks over HTTPS only (REFERENCE §5); a terminal
// refund's Return URL may be an app link such as myapp://done, as long as it has a scheme (seed 004).

const MAX_URL = 2000;

function url() {
	return z.string({ error: 'must be text' }).trim().max(MAX_URL, { error: `must be at most ${MAX_URL} characters` });
}

/**
 * Where CCV calls us: https only (REFERENCE §5). One exception, the same as the credential's Default
 * Webhook URL: plain http to this machine (localhost, 127.x, [::1]), which only a local CCV sandbox can
 * call; CCV itself can never reach it, so it cannot send a status change to the wrong place.
 */
export const httpsUrl = url().regex(/^(https:\/\/[^\s/?#]+|http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?)([/?#]\S*)?$/i, {
	error: 'must be a web address starting with https:// (CCV calls HTTPS only)',
});

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
