import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

// A first gate only: every page and action checks the session and role again on the server.
// It only reads the session cookie, never re-issues it: a request still in flight when a parent
// logs out could otherwise put the cookie back and undo the logout.

const publicPaths = ['/connexion', '/mot-de-passe-oublie', '/confirmer-email', '/api/auth'];

async function sessionRole(request: NextRequest): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  // The cookie has the __Secure- prefix when the site is served over HTTPS.
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret, secureCookie });
    if (token) return typeof token.role === 'string' ? token.role : null;
  }
  return null;
}

export default async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return NextResponse.next();
  const role = await sessionRole(request);
  if (!role) {
    const login = new URL('/connexion', request.nextUrl);
    if (pathname !== '/') login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith('/admin') && role === 'family') return NextResponse.redirect(new URL('/accueil', request.nextUrl));
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
