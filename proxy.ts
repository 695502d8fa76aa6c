import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { decodeSessionToken } from '@/lib/auth/session-token';
import { createNonce, securityHeaders } from '@/lib/security/headers';

// A first gate only: every page and action checks the session and role again on the server.
// It only reads the session cookie, never re-issues it: a request still in flight when a parent
// logs out could otherwise put the cookie back and undo the logout.
// It also puts the security headers on every response it lets through or redirects.

const publicPaths = [
  '/connexion',
  '/mot-de-passe-oublie',
  '/confirmer-email',
  '/api/auth',
  // Inngest authenticates its calls with the signing key.
  '/api/inngest',
  // A card gateway's server notifies the portal; the gateway's signature or detail call vouches for it.
  '/api/paiements/notification',
  // A guardian's private calendar feed: a phone's calendar app has no session; the token in the address is the key.
  '/api/agenda',
  // The sandbox gateway's test card page stands for a bank's page: the parent arrives from the portal, no session needed.
  '/banque-test',
  // What a public portal must show anyone: the footer's pages.
  '/accessibilite',
  '/mentions-legales',
  '/donnees-personnelles',
];

async function sessionRole(request: NextRequest): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  // The cookie has the __Secure- prefix when the site is served over HTTPS.
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret, secureCookie, decode: decodeSessionToken });
    if (token) return typeof token.role === 'string' ? token.role : null;
  }
  return null;
}

async function gate(request: NextRequest, pass: () => NextResponse): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return pass();
  const role = await sessionRole(request);
  if (!role) {
    const login = new URL('/connexion', request.nextUrl);
    if (pathname !== '/') login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith('/admin') && role === 'family') return NextResponse.redirect(new URL('/accueil', request.nextUrl));
  return pass();
}

export default async function proxy(request: NextRequest) {
  const headers = securityHeaders({ pathname: request.nextUrl.pathname, nonce: createNonce(), mode: process.env.NODE_ENV });
  const response = await gate(request, () => {
    // Next reads the nonce from the policy on the request and stamps its scripts with it.
    const forwarded = new Headers(request.headers);
    forwarded.set('content-security-policy', headers['content-security-policy']);
    return NextResponse.next({ request: { headers: forwarded } });
  });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
