import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { databaseErrorCode, isConnectionError } from '@/db/errors';
import { RIDE_OUT_MS, rideOutUntil } from '@/db/reconnecting';
import { activityDays, payments, wallets } from '@/db/schema';

/*
 * The one lock order of every writer, so that no two transactions ever wait on each other in a
 * cycle:
 *
 *   0. a payment row, alone: a reversal (lib/payments/reverse.ts) locks the payment it cancels
 *      before it appends to the ledger, and a settlement's conditional UPDATE of the payment row
 *      locks it the same way before it credits. Nothing takes a payment row while holding a lock
 *      of the levels below, and no writer takes two payment rows;
 *   1. the family: its basket row (one change of a family's requests at a time). Only "Valider"
 *      creates reservations, and it holds this lock: so, under it, a family's live reservations
 *      cannot gain a row, and the check that a child is not booked elsewhere at the same hours
 *      (other activities, other days, not locked) needs no further lock. "Valider" reads them
 *      before it takes this lock: finding its basket still there, at the version it read with
 *      them, proves that no validation of the family committed in between;
 *   2. the activity days a change makes less (or more) available, by ascending id;
 *   3. the wallets it debits or credits, by ascending id.
 *
 * Outside the levels: the editors of a family's quotients familiaux and of an activity's price grid
 * lock that one family or activity row (FOR NO KEY UPDATE, which the foreign-key checks of other
 * writers do not wait for) and take no other lock, so they can wait on nobody in a cycle.
 *
 * A writer takes only the levels it needs, in this order, each once and as late as possible, and
 * reads what it decides on (counts, balances) only once the locks are held. Inside the locks it
 * does only the reads and writes the decision needs: no rendering, no network.
 *
 * "Valider", the busiest writer of levels 1 and 2, takes them inside one database function
 * (validate_basket, migrations 0018 and 0019) run as a single statement in autocommit
 * (lockingStatement): it locks the basket, then the days by ascending id, and its commit releases
 * them, so no round trip to the application happens while the days are locked. It takes the time it
 * stamps its requests with under the day locks too, so that their order is the order of the locks.
 */

const LOCK_CONFLICTS = new Set(['40001', '40P01', '55P03']); // serialization failure, deadlock, lock timeout
/** How long a writer waits for a lock before it gives up and runs again (lock_timeout). */
export const LOCK_TIMEOUT = '5s';

export interface LockingOptions {
  maxAttempts?: number;
  /**
   * The work may run again after a COMMIT whose outcome is unknown (the connection was lost while
   * the COMMIT was on its way): run again, it finds what the first run committed and answers the
   * same, writing nothing twice. Validation is, per basket version.
   */
  idempotent?: boolean;
}

/**
 * Runs `work` in a transaction with a lock timeout, and runs it again, after a short random wait,
 * up to `maxAttempts` times in all, when the transaction was rolled back by:
 * - a lock timeout, a deadlock or a serialization failure;
 * - the loss of its connection before its COMMIT was sent (PostgreSQL rolls back the transaction of
 *   a backend that ends: `pg_terminate_backend`, a restart, a network failure). Lost while
 *   committing, the outcome is unknown: only `idempotent` work runs again. A lost connection is
 *   retried for RIDE_OUT_MS from the first attempt (as a statement is, db/reconnecting.ts), the
 *   attempts' own waits for a connection included (rideOutUntil): long enough for a restart, and a
 *   request waits no longer for a database that stays away than a single statement does.
 * Whatever else goes wrong, or the last failure, is thrown.
 */
export async function lockingTransaction<T>(db: Db, work: (tx: Db) => Promise<T>, options: LockingOptions = {}): Promise<T> {
  return retryingLockConflicts(async (committing) =>
    db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
      const result = await work(tx);
      committing();
      return result;
    }),
  options);
}

/**
 * Runs `statement`, one statement in autocommit that takes its locks itself (a database function
 * setting lock_timeout to LOCK_TIMEOUT), again on the same failures as lockingTransaction. A
 * connection lost while it runs leaves its outcome unknown: only `idempotent` work runs again.
 */
export async function lockingStatement<T>(statement: () => Promise<T>, options: LockingOptions = {}): Promise<T> {
  return retryingLockConflicts((committing) => {
    committing();
    return statement();
  }, options);
}

async function retryingLockConflicts<T>(run: (committing: () => void) => Promise<T>, { maxAttempts = 5, idempotent = false }: LockingOptions): Promise<T> {
  const deadline = Date.now() + RIDE_OUT_MS;
  return rideOutUntil(deadline, async () => {
    for (let attempt = 1; ; attempt++) {
      let committing = false;
      try {
        return await run(() => {
          committing = true;
        });
      } catch (error) {
        const conflict = LOCK_CONFLICTS.has(databaseErrorCode(error) ?? '');
        const lost = isConnectionError(error) && (!committing || idempotent) && Date.now() < deadline;
        if (attempt < maxAttempts && (conflict || lost)) {
          // A conflict clears as soon as the other transaction ends; a lost connection, once the
          // database is back (a restart, a failover): wait longer.
          const wait = conflict ? 20 * attempt + Math.random() * 50 : 100 * attempt + Math.random() * 100;
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        throw error;
      }
    }
  });
}

/** Level 0: one payment row (a reversal), if it exists. */
export async function lockPayment(tx: Db, paymentId: number) {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  return payment ?? null;
}

const ascending = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/** Level 2: activity days, by ascending id. */
export async function lockActivityDays(tx: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.select({ id: activityDays.id }).from(activityDays).where(inArray(activityDays.id, ascending(ids))).orderBy(asc(activityDays.id)).for('update');
}

/** Level 3: wallets, by ascending id. */
export async function lockWallets(tx: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.select({ id: wallets.id }).from(wallets).where(inArray(wallets.id, ascending(ids))).orderBy(asc(wallets.id)).for('update');
}
