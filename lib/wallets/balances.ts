import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { walletEntries, walletTypes, wallets } from '@/db/schema';

export interface WalletBalance {
  walletId: number;
  walletTypeId: number;
  walletType: string;
  balanceCents: number;
}

/** A family's wallets with their balance: the sum of their ledger entries. */
export async function walletBalances(db: Db, familyId: number): Promise<WalletBalance[]> {
  return db
    .select({
      walletId: wallets.id,
      walletTypeId: wallets.walletTypeId,
      walletType: walletTypes.label,
      balanceCents: sql<number>`coalesce(sum(${walletEntries.amountCents}), 0)::int`,
    })
    .from(wallets)
    .innerJoin(walletTypes, eq(walletTypes.id, wallets.walletTypeId))
    .leftJoin(walletEntries, eq(walletEntries.walletId, wallets.id))
    .where(eq(wallets.familyId, familyId))
    .groupBy(wallets.id, walletTypes.label, walletTypes.position)
    .orderBy(asc(walletTypes.position), asc(walletTypes.label));
}
