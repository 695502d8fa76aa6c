import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activityDays, baskets, wallets } from '@/db/schema';

/*
 * The one lock order of every writer, so that no two transactions ever wait on each other in a
 * cycle:
 *
 *   1. the family: its basket row (one change of a family's requests at a time). Only "Valider"
 *      creates reservations, and it holds this lock: so, under it, a family's live reservations
 *      cannot gain a row, and the check that a child is not booked elsewhere at the same hours
 *      (other activities, other days, not locked) needs no further lock;
 *   2. the activity days a change makes less (or more) available, by ascending id;
 *   3. the wallets it debits or credits, by ascending id.
 *
 * A writer takes only the levels it needs, in this order, each once and as late as possible, and
 * reads what it decides on (counts, balances) only once the locks are held. Inside the locks it
 * does only the reads and writes the decision needs: no rendering, no network.
 */

const RETRYABLE = new Set(['40001', '40P01', '55P03']); // serialization failure, deadlock, lock timeout
const LOCK_TIMEOUT = '5s';

function pgCode(error: unknown): string | undefined {
  const seen = error as { code?: string; cause?: { code?: string } };
  return seen?.code ?? seen?.cause?.code;
}

/**
 * Runs `work` in a transaction with a lock timeout; a lock timeout, a deadlock or a serialization
 * failure rolls it back and runs it again, after a short random wait, up to `maxAttempts` times.
 */
export async function lockingTransaction<T>(db: Db, work: (tx: Db) => Promise<T>, { maxAttempts = 5 } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
        return work(tx);
      });
    } catch (error) {
      if (attempt < maxAttempts && RETRYABLE.has(pgCode(error) ?? '')) {
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
        continue;
      }
      throw error;
    }
  }
}

/** Level 1: the family's basket row, if it is still there. */
export async function lockBasket(tx: Db, familyId: number, basketId: number) {
  const [basket] = await tx
    .select()
    .from(baskets)
    .where(and(eq(baskets.id, basketId), eq(baskets.familyId, familyId)))
    .for('update');
  return basket ?? null;
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
