import type { Session } from 'next-auth';
import { getToken, type JWT } from 'next-auth/jwt';
import { headers } from 'next/headers';
import { decodeSessionToken } from './session-token';
import type { Role } from './types';

/** The session's user as the token carries it: what Auth.js's session callback (auth.ts) gives. */
export const sessionUserOf = (token: JWT): Session['user'] => ({
  id: String(token.uid),
  role: token.role as Role,
  familyId: (token.familyId as number | null) ?? null,
  sessionVersion: (token.sessionVersion as number) ?? 0,
  sessionId: token.sessionId ?? '',
});

/**
 * Who is logged in on this request, from the session cookie alone: the user `auth()` gives, without
 * its session round trip (a Request and a Response inside the server, and the token encrypted anew
 * to push back its expiry). Pushing it back is moot: a session ends SESSION_MAX_MS after the login
 * whatever its cookie says (./sessions.ts), and a page cannot set a cookie anyway. As in the proxy,
 * the cookie has the __Secure- prefix when the site is served over HTTPS.
 */
export async function requestSession(): Promise<Pick<Session, 'user'> | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  // The cookie only: unlike `auth()`, getToken would also take a token from an Authorization header.
  const req = { headers: { cookie: (await headers()).get('cookie') ?? '' } };
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req, secret, secureCookie, decode: decodeSessionToken });
    if (token) return { user: sessionUserOf(token) };
  }
  return null;
}
