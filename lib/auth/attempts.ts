import crypto from 'node:crypto';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { replayable } from '@/db/reconnecting';
import { loginAttempts } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { ok, refused, type Result } from '@/lib/result';
import { verifyPassword } from './password';
import { UNKNOWN_ADDRESS } from './request-ip';
import {
  IDENTIFIER_FREE_FAILURES,
  IP_FREE_FAILURES,
  THROTTLE_WINDOW_MS,
  accountThrottleKey,
  throttleMessage,
  waitBeforeNextTry,
} from './throttle';

// Password checks made outside the login form (current password, reset) have no address; this
// value is never an address, so they never count against one.
const NO_ADDRESS = 'none';

// First key of pg_advisory_xact_lock(int, int): the login throttle's own lock space.
const THROTTLE_LOCK_SPACE = 0x4c4f47; // "LOG"

export interface AttemptOptions {
  /** Test-only: counts and records without the lock, to show what the lock prevents. */
  unsafeWithoutLocking?: boolean;
}

const lockNumber = (name: string) => crypto.createHash('sha256').update(name).digest().readInt32BE(0);

/** The failures of a throttle key within the window, since its last success (which wipes the slate). */
export async function failuresOfKey(tx: Db, key: string, since: Date) {
  const rows = await tx
    .select({ attemptedAt: loginAttempts.attemptedAt, succeeded: loginAttempts.succeeded })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.identifier, key), gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt), desc(loginAttempts.id))
    .limit(200);
  // A success wipes the account's slate.
  const failures: Date[] = [];
  for (const row of rows) {
    if (row.succeeded) break;
    failures.push(row.attemptedAt);
  }
  return failures;
}

async function failuresOfAddress(tx: Db, ip: string, since: Date) {
  // Successes of others from the same address do not excuse its failures.
  const rows = await tx
    .select({ attemptedAt: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(200);
  return rows.map((row) => row.attemptedAt);
}

/**
 * Claims the right to check one password for `key` (and `ip`, from the login form): refused with
 * the throttle message when they must wait, else records the attempt as a failure and commits it
 * before the caller runs argon2, so concurrent tries count it. The caller turns it into a success
 * with `recordSuccess` when the password is right. `db` must not be an open transaction, or the
 * attempt would stay invisible to the others until it ends.
 */
export async function claimAttempt(
  db: Db,
  clock: Clock,
  { key, ip }: { key: string; ip?: string },
  { unsafeWithoutLocking = false }: AttemptOptions = {},
): Promise<Result<number>> {
  // Run again if its connection is lost before the commit (lockingTransaction, which also sets the
  // lock timeout); not after a lost commit: it would record the attempt twice.
  return lockingTransaction(db, async (tx) => {
    if (!unsafeWithoutLocking) {
      // Lock order: the key's and the address's locks by ascending lock number, so two attempts
      // never wait on each other in a circle. Held for a count and an insert, never during argon2.
      const locks = [...new Set([lockNumber(`key:${key}`), ...(ip ? [lockNumber(`ip:${ip}`)] : [])])].sort((a, b) => a - b);
      for (const lock of locks) await tx.execute(sql`select pg_advisory_xact_lock(${THROTTLE_LOCK_SPACE}, ${lock})`);
    }
    const now = clock.now();
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
    const wait = Math.max(
      waitBeforeNextTry(await failuresOfKey(tx, key, since), IDENTIFIER_FREE_FAILURES, now),
      // An unknown address (no trusted proxy) is everyone's: throttling it would let a few typos
      // lock the whole town out on the morning bookings open. The account throttle still holds.
      ip && ip !== UNKNOWN_ADDRESS ? waitBeforeNextTry(await failuresOfAddress(tx, ip, since), IP_FREE_FAILURES, now) : 0,
    );
    if (wait > 0) return refused(throttleMessage(wait), { code: 'throttled', retryAfterMs: wait });
    const [attempt] = await tx
      .insert(loginAttempts)
      .values({ identifier: key, ip: ip ?? NO_ADDRESS, succeeded: false, attemptedAt: now })
      .returning({ id: loginAttempts.id });
    return ok(attempt!.id);
  });
}

/** The password of a claimed attempt was right. */
export async function recordSuccess(db: Db, attemptId: number): Promise<void> {
  await replayable(() => db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId)));
}

/** Lifts an account's throttle (a completed password reset): a success wipes its slate. */
export async function liftAccountThrottle(db: Db, clock: Clock, userId: number): Promise<void> {
  await db.insert(loginAttempts).values({ identifier: accountThrottleKey(userId), ip: NO_ADDRESS, succeeded: true, attemptedAt: clock.now() });
}

export const WRONG_CURRENT_PASSWORD = 'Le mot de passe actuel est incorrect.';

/**
 * Checks a signed-in person's current password (password or e-mail change), under the same
 * throttle as their logins: a stolen session gives no more guesses than the login form.
 */
export async function verifyCurrentPassword(
  db: Db,
  clock: Clock,
  user: { id: number; passwordHash: string },
  password: string,
  options: AttemptOptions = {},
): Promise<Result> {
  const attempt = await claimAttempt(db, clock, { key: accountThrottleKey(user.id) }, options);
  if (!attempt.ok) return { ...attempt, field: 'currentPassword' };
  if (!(await verifyPassword(user.passwordHash, password))) return refused(WRONG_CURRENT_PASSWORD, { field: 'currentPassword' });
  await recordSuccess(db, attempt.value);
  return ok();
}
