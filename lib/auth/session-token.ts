import { decode, type JWT, type JWTDecodeParams } from 'next-auth/jwt';

// Decrypting a session cookie (a key derived by HKDF, its thumbprint, AES-CBC and HMAC) costs about
// 0.85 ms of CPU, and every family page did it twice, in the proxy and in the page: 12 to 18 % of
// the page's CPU. A parent's cookie is the same on every request of the session, so each process
// (and each of its two bundles, the proxy's and the pages') decrypts it once.
// Only tokens that decrypted under the current secret are kept; the page still checks the session
// row, the user and the role against the database on every request (./session.ts).

/** A town's opening-day rush is a few thousand parents; each cookie takes about a kilobyte here. */
const REMEMBERED_TOKENS = 10_000;
/** Auth.js's decode accepts a token this many seconds past its expiry: a remembered one, no longer. */
const CLOCK_TOLERANCE_SECONDS = 15;

const remembered = new Map<string, JWT>();
let rememberedSecret: JWTDecodeParams['secret'] | undefined;

const expired = (payload: JWT, nowSeconds: number) => typeof payload.exp === 'number' && payload.exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS;

/**
 * Auth.js's `decode`, remembering what each token decrypted to: pass it as getToken's `decode`.
 * A remembered token is refused once it expires, as Auth.js's decode would refuse it; a token that
 * does not decrypt is never remembered, so it costs its decryption every time, as before.
 */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  if (secret !== rememberedSecret) {
    remembered.clear();
    rememberedSecret = secret;
  }
  const key = `${salt}:${token}`;
  const nowSeconds = Date.now() / 1000;
  const known = remembered.get(key);
  if (known) {
    if (!expired(known, nowSeconds)) return { ...known };
    remembered.delete(key);
    return null;
  }
  const payload = await decode(params);
  if (!payload || expired(payload, nowSeconds)) return payload;
  if (remembered.size >= REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, payload);
  return { ...payload };
}
