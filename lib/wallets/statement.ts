import { asc, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { walletEntries } from '@/db/schema';
import type { IsoDate } from '@/lib/clock';
import { walletBalances } from './balances';

export interface StatementLine {
  id: number;
  occurredOn: IsoDate;
  label: string;
  kind: 'consumption' | 'payment' | 'correction';
  amountCents: number;
  /** The wallet's balance after this entry. */
  balanceCents: number;
}

/**
 * A family's statement ("relevé"): each wallet's entries, oldest first (by date, then as written),
 * with the balance after each one; the last balance is the wallet's balance.
 */
export async function familyStatement(db: Db, familyId: number) {
  const balances = await walletBalances(db, familyId);
  const entries = balances.length
    ? await db
        .select({ id: walletEntries.id, walletId: walletEntries.walletId, occurredOn: walletEntries.occurredOn, label: walletEntries.label, kind: walletEntries.kind, amountCents: walletEntries.amountCents })
        .from(walletEntries)
        .where(inArray(walletEntries.walletId, balances.map((wallet) => wallet.walletId)))
        .orderBy(asc(walletEntries.occurredOn), asc(walletEntries.id))
    : [];
  return balances.map((wallet) => {
    let running = 0;
    const lines: StatementLine[] = entries
      .filter((entry) => entry.walletId === wallet.walletId)
      .map((entry) => {
        running += entry.amountCents;
        return { id: entry.id, occurredOn: entry.occurredOn, label: entry.label, kind: entry.kind, amountCents: entry.amountCents, balanceCents: running };
      });
    return { ...wallet, lines };
  });
}

