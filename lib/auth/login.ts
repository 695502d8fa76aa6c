import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Refused, type Result } from '@/lib/result';
import { claimAttempt, recordSuccess, type AttemptOptions } from './attempts';
import { verifyAgainstNothing, verifyPassword } from './password';
import { INVALID_CREDENTIALS_MESSAGE, accountThrottleKey, normalizeIdentifier, throttleMessage, typedIdentifierThrottleKey } from './throttle';
import { homePath, type SessionUser } from './types';

/** The active account whose login name or e-mail is `identifier` (already normalized). */
const activeAccountNamed = (identifier: string) =>
  and(or(sql`lower(${users.login}) = ${identifier}`, sql`lower(${users.email}) = ${identifier}`), eq(users.active, true));

/**
 * Where a login without a page to go back to lands: the account's home (Accueil, or the staff
 * area), as `/` would redirect it. Going there directly spares the login's answer a detour: Next
 * renders the page a server action redirects to inside that action's answer, and `/` would only
 * redirect again. `/` when the identifier names no active account (the login is then refused anyway).
 */
export async function landingPath(db: Db, typedIdentifier: string): Promise<string> {
  const [user] = await db
    .select({ role: users.role })
    .from(users)
    .where(activeAccountNamed(normalizeIdentifier(typedIdentifier).slice(0, 200)))
    .limit(1);
  return user ? homePath(user.role) : '/';
}

/** A refused login as a code that travels through Auth.js (`CredentialsSignin.code`) to the login page. */
export const loginRefusalCode = (refusal: Refused) => (refusal.code === 'throttled' ? `throttled:${refusal.retryAfterMs}` : 'invalid');

/** The French message for a refused login's code. */
export function loginRefusalMessage(code: string | undefined): string {
  const [kind, wait] = (code ?? '').split(':');
  return kind === 'throttled' ? throttleMessage(Number(wait)) : INVALID_CREDENTIALS_MESSAGE;
}

export interface LoginInput {
  identifier: string;
  password: string;
  ip: string;
}

/**
 * Checks a login (by login name or e-mail) and password, throttled per account (per typed
 * identifier when it names none) and per IP address. Each try is recorded before its password is
 * checked, so however many arrive at once, no more are checked than the throttle allows.
 */
export async function logIn(db: Db, clock: Clock, input: LoginInput, options: AttemptOptions = {}): Promise<Result<SessionUser>> {
  const identifier = normalizeIdentifier(input.identifier).slice(0, 200);
  const [user] = await db.select().from(users).where(activeAccountNamed(identifier)).limit(1);
  const key = user ? accountThrottleKey(user.id) : typedIdentifierThrottleKey(identifier);
  const attempt = await claimAttempt(db, clock, { key, ip: input.ip }, options);
  if (!attempt.ok) return attempt;

  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!user || !valid) return refused(INVALID_CREDENTIALS_MESSAGE, { code: 'invalid' });
  await recordSuccess(db, attempt.value);
  return ok({ id: user.id, role: user.role, familyId: user.familyId, sessionVersion: user.sessionVersion });
}
