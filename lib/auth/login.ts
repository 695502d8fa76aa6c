import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginAttempts, users } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Refused, type Result } from '@/lib/result';
import { verifyAgainstNothing, verifyPassword } from './password';
import {
  IDENTIFIER_FREE_FAILURES,
  INVALID_CREDENTIALS_MESSAGE,
  IP_FREE_FAILURES,
  THROTTLE_WINDOW_MS,
  normalizeIdentifier,
  throttleMessage,
  waitBeforeNextTry,
} from './throttle';
import type { SessionUser } from './types';

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

async function recentFailures(db: Db, column: typeof loginAttempts.identifier | typeof loginAttempts.ip, value: string, since: Date) {
  const rows = await db
    .select({ attemptedAt: loginAttempts.attemptedAt, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(column, value), gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(200);
  // For an identifier, a success wipes the slate; for an IP, successes of others do not.
  const failures: Date[] = [];
  for (const row of rows) {
    if (row.succeeded) {
      if (column === loginAttempts.identifier) break;
      continue;
    }
    failures.push(row.attemptedAt);
  }
  return failures;
}

/** Checks a login (by login name or e-mail) and password, throttled per identifier and per IP. */
export async function logIn(db: Db, clock: Clock, input: LoginInput): Promise<Result<SessionUser>> {
  const now = clock.now();
  const identifier = normalizeIdentifier(input.identifier).slice(0, 200);
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const wait = Math.max(
    waitBeforeNextTry(await recentFailures(db, loginAttempts.identifier, identifier, since), IDENTIFIER_FREE_FAILURES, now),
    waitBeforeNextTry(await recentFailures(db, loginAttempts.ip, input.ip, since), IP_FREE_FAILURES, now),
  );
  if (wait > 0) return refused(throttleMessage(wait), { code: 'throttled', retryAfterMs: wait });

  const [user] = await db
    .select()
    .from(users)
    .where(and(or(sql`lower(${users.login}) = ${identifier}`, sql`lower(${users.email}) = ${identifier}`), eq(users.active, true)))
    .limit(1);
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);

  await db.insert(loginAttempts).values({ identifier, ip: input.ip, succeeded: valid, attemptedAt: now });
  if (!user || !valid) return refused(INVALID_CREDENTIALS_MESSAGE, { code: 'invalid' });
  return ok({ id: user.id, role: user.role, familyId: user.familyId, sessionVersion: user.sessionVersion });
}
