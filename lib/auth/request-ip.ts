import { isIP } from 'node:net';

/**
 * The proxies in front of the app (`TRUSTED_PROXIES`): how many there are, or their addresses.
 * None (the default) means the X-Forwarded-For header is the client's own words, and is ignored.
 */
export type TrustedProxies = { count: number } | { addresses: ReadonlySet<string> };

/** Every request whose address cannot be known counts under this one key. */
export const UNKNOWN_ADDRESS = 'direct';

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = (value ?? '').trim();
  if (/^\d+$/.test(text)) return { count: Number(text) };
  if (text === '') return { count: 0 };
  const addresses = text.split(',').map((part) => part.trim());
  if (addresses.some((address) => !isIP(address))) {
    throw new Error(`TRUSTED_PROXIES must be a number of proxies or a comma-separated list of their IP addresses, not "${text}".`);
  }
  return { addresses: new Set(addresses) };
}

/** "203.0.113.7", "203.0.113.7:4711", "[2001:db8::1]:4711" → the bare address, else null. */
function bareAddress(hop: string): string | null {
  const text = hop.trim();
  if (isIP(text)) return text;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed && isIP(bracketed[1]!) === 6) return bracketed[1]!;
  const withPort = /^([\d.]+):\d+$/.exec(text);
  if (withPort && isIP(withPort[1]!) === 4) return withPort[1]!;
  return null;
}

/**
 * The client's address for login throttling: the right-most X-Forwarded-For hop that no trusted
 * proxy wrote. Each proxy appends the address of whoever connected to it, so with N proxies the
 * client is the N-th hop from the right; everything left of it may be forged by the client.
 * Next.js puts the socket address in X-Forwarded-For only when the request has none, so without a
 * trusted proxy the header cannot be told from a forgery: every request then counts as one.
 */
export function requestIp(headers: Headers, trusted: TrustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES)): string {
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  let client: string | undefined;
  if ('count' in trusted) {
    if (trusted.count === 0 || hops.length === 0) return UNKNOWN_ADDRESS;
    client = hops[Math.max(0, hops.length - trusted.count)];
  } else {
    const untrusted = hops.findLast((hop) => !trusted.addresses.has(bareAddress(hop) ?? hop));
    client = untrusted ?? hops[0];
  }
  return (client && bareAddress(client)) ?? UNKNOWN_ADDRESS;
}
