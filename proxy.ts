import NextAuth from 'next-auth';
import { NextResponse } from 'next/server';
import { authConfig } from '@/auth.config';

// A first gate only: every page and action checks the session and role again on the server.
const { auth } = NextAuth(authConfig);

const publicPaths = ['/connexion', '/api/auth'];

export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (publicPaths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) return NextResponse.next();
  const user = request.auth?.user;
  if (!user) {
    const login = new URL('/connexion', request.nextUrl);
    if (pathname !== '/') login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith('/admin') && user.role === 'family') return NextResponse.redirect(new URL('/accueil', request.nextUrl));
  return NextResponse.next();
});

export const config = {
  // Public files skip the proxy: it would re-issue the session cookie on each of them.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
