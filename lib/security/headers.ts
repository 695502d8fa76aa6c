// The security headers of every response, in one place. proxy.ts sends them on everything it sees
// (pages, server actions, API routes, its own redirects) with a fresh script nonce; next.config.ts
// sends the nonce-less set on what the proxy never sees (the build's static files).

export type RuntimeMode = string | undefined;

/** Pages opened from an e-mailed link whose `jeton` must never leave in a Referer header. */
export const tokenPages = ['/mot-de-passe-oublie/nouveau', '/confirmer-email'] as const;

// Staff read an e-mail's own HTML there, served as-is: it gets a sandbox and nothing else.
const emailPreviewPath = /^\/admin\/emails\/[^/]+\/apercu\/?$/;

export const emailPreviewPolicy =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

// Nothing in the portal uses these; a page or an injected frame may not ask for them.
const deniedFeatures = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
];

export const permissionsPolicy = deniedFeatures.map((feature) => `${feature}=()`).join(', ');

export const strictTransportSecurity = 'max-age=63072000; includeSubDomains';

/** 128 random bits, base64: a fresh one for every request the proxy sees. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * PayFiP's payment page. Without JavaScript « Paiement CB » is a form post answered by a redirect to
 * the gateway, and browsers hold such a redirect to form-action too; the sandbox bank is the
 * portal's own page.
 */
export const PAYFIP_PAYMENT_ORIGIN = 'https://www.payfip.gouv.fr';

/**
 * Next reads the nonce back from this header on the request and puts it on its own inline and
 * bundle scripts; 'strict-dynamic' lets those load the rest. Without a nonce (static files) no
 * inline script runs at all. React's `style` attributes need style-src-attr; `<style>` elements
 * need the nonce, except in development, where Next injects its CSS and overlay without one and
 * React rebuilds server error stacks with eval.
 */
export function contentSecurityPolicy({ nonce, mode }: { nonce?: string; mode: RuntimeMode }): string {
  const development = mode === 'development';
  const nonceSource = nonce ? [`'nonce-${nonce}'`] : [];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...nonceSource, ...(nonce ? ["'strict-dynamic'"] : []), ...(development ? ["'unsafe-eval'"] : [])]],
    ['style-src', ["'self'", ...(development ? ["'unsafe-inline'"] : nonceSource)]],
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'", PAYFIP_PAYMENT_ORIGIN]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

export function referrerPolicy(pathname: string): 'no-referrer' | 'strict-origin-when-cross-origin' {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return (tokenPages as readonly string[]).includes(path) ? 'no-referrer' : 'strict-origin-when-cross-origin';
}

export interface SecurityHeaders {
  'content-security-policy': string;
  'x-content-type-options': 'nosniff';
  'referrer-policy': string;
  'permissions-policy': string;
  'strict-transport-security'?: string;
}

/** Every security header of the response to `pathname`, by lower-case name. */
export function securityHeaders({ pathname, nonce, mode }: { pathname: string; nonce?: string; mode: RuntimeMode }): SecurityHeaders {
  return {
    'content-security-policy': emailPreviewPath.test(pathname) ? emailPreviewPolicy : contentSecurityPolicy({ nonce, mode }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': referrerPolicy(pathname),
    'permissions-policy': permissionsPolicy,
    ...(mode === 'production' ? { 'strict-transport-security': strictTransportSecurity } : {}),
  };
}

const asList = (headers: SecurityHeaders) => Object.entries(headers).map(([key, value]: [string, string]) => ({ key, value }));

/**
 * next.config.ts `headers()`: the nonce-less set on every path, so that the files the proxy skips
 * (`/_next/static`, the icon) get them too; the proxy replaces each of them on what it handles.
 */
export function staticHeaderRules(mode: RuntimeMode) {
  return [
    { source: '/:path*', headers: asList(securityHeaders({ pathname: '/', mode })) },
    ...tokenPages.map((page) => ({ source: page, headers: [{ key: 'referrer-policy', value: referrerPolicy(page) }] })),
  ];
}
