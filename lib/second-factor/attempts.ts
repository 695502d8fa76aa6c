import type { Db } from '@/db/client';
import { loginAttempts } from '@/db/schema';
import { failuresOfKey } from '@/lib/auth/attempts';
import { IDENTIFIER_FREE_FAILURES, THROTTLE_WINDOW_MS, throttleMessage, waitBeforeNextTry } from '@/lib/auth/throttle';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';

// Second-factor codes and the password checks of the security page are throttled with the login
// rules, on one key per account, recorded beside the login attempts.
const attemptKey = (userId: number) => `second-factor:${userId}`;

/**
 * Runs one check for an account unless it must wait, and records its outcome. The caller holds
 * the lock on the account's factor row, so tries arriving together are counted one after another.
 * Answers whether the check passed, or refuses with the throttle message.
 */
export async function throttledCheck(tx: Db, clock: Clock, userId: number, ip: string, check: () => Promise<boolean> | boolean): Promise<Result<boolean>> {
  const now = clock.now();
  const failures = await failuresOfKey(tx, attemptKey(userId), new Date(now.getTime() - THROTTLE_WINDOW_MS));
  const wait = waitBeforeNextTry(failures, IDENTIFIER_FREE_FAILURES, now);
  if (wait > 0) return refused(throttleMessage(wait), { code: 'throttled', retryAfterMs: wait });
  const passed = await check();
  await tx.insert(loginAttempts).values({ identifier: attemptKey(userId), ip, succeeded: passed, attemptedAt: now });
  return ok(passed);
}
