// Where an address points, read from its host as a URL parser reads it (so 127.1, 0x7f.0.0.1 and
// [::ffff:127.0.0.1] are all this machine). CCV's servers call webhook URLs from the internet: a
// host on this machine, a private network or a link-local range is one they can never reach.

export type HostKind = 'public' | 'loopback' | 'private' | 'link-local' | 'shared' | 'unspecified' | 'reserved';

/** In words, completing "… is …". */
export const HOST_KIND_WORDS: Record<Exclude<HostKind, 'public'>, string> = {
	loopback: 'this machine (localhost)',
	private: 'a private network address',
	'link-local': 'a link-local address (such as 169.254.169.254, a cloud server\'s own metadata service)',
	shared: 'a carrier-grade NAT address (100.64.0.0/10)',
	unspecified: 'the "any address" 0.0.0.0 or ::',
	reserved: 'a reserved or multicast address',
};

function ipv4Kind(a: number, b: number): HostKind {
	if (a === 0) return 'unspecified';
	if (a === 127) return 'loopback';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
	if (a === 169 && b === 254) return 'link-local';
	if (a === 100 && b >= 64 && b <= 127) return 'shared';
	if (a >= 224) return 'reserved';
	return 'public';
}

function parseIpv4(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
	return parts.map(Number);
}

/** The 8 groups of an IPv6 address (as the URL parser writes it: lower case, "::" allowed, no dotted tail). */
function parseIpv6(host: string): number[] | undefined {
	const [head, tail, extra] = host.split('::');
	if (extra !== undefined) return undefined;
	const groups = (text: string) => (text === '' ? [] : text.split(':').map((g) => parseInt(g, 16)));
	const front = groups(head);
	const back = tail === undefined ? [] : groups(tail);
	const missing = 8 - front.length - back.length;
	if ((tail === undefined && missing !== 0) || missing < 0 || [...front, ...back].some((g) => Number.isNaN(g))) return undefined;
	return [...front, ...new Array<number>(missing).fill(0), ...back];
}

function ipv6Kind(g: number[]): HostKind {
	if (g.every((x) => x === 0)) return 'unspecified';
	if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
	// ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible): the IPv4 address decides.
	if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return ipv4Kind(g[6] >> 8, g[6] & 0xff);
	if ((g[0] & 0xfe00) === 0xfc00) return 'private';
	if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
	if ((g[0] & 0xff00) === 0xff00) return 'reserved';
	return 'public';
}

/** What kind of address a URL's host (as `new URL(...).hostname` gives it) is. */
export function hostKind(hostname: string): HostKind {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	if (host.startsWith('[') && host.endsWith(']')) {
		const groups = parseIpv6(host.slice(1, -1));
		return groups ? ipv6Kind(groups) : 'reserved';
	}
	const v4 = parseIpv4(host);
	return v4 ? ipv4Kind(v4[0], v4[1]) : 'public';
}

/** The URL's host kind, or undefined when it is not a URL with a host. */
export function urlHostKind(url: string): HostKind | undefined {
	try {
		const { hostname } = new URL(url.trim());
		return hostname === '' ? undefined : hostKind(hostname);
	} catch {
		return undefined;
	}
}

/** True when the URL's host is this machine: the local CCV sandbox's base URL is. */
export function isLoopbackUrl(url: unknown): boolean {
	return typeof url === 'string' && urlHostKind(url) === 'loopback';
}
