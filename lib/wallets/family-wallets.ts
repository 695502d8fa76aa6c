import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { walletTypes, wallets } from '@/db/schema';
import { ok, refused, type Result } from '@/lib/result';

/**
 * The family's wallet of each of these types, by type: a family has a wallet of a type only once
 * something touched it, but may pay into one it only has reservations for. A missing wallet is
 * created (concurrent creations meet on the unique family × type index and both read the one row).
 * An unknown wallet type is refused and nothing is created.
 */
export async function familyWalletsOfTypes(db: Db, familyId: number, walletTypeIds: number[]): Promise<Result<Map<number, number>>> {
  const wanted = [...new Set(walletTypeIds)];
  if (wanted.length === 0) return ok(new Map());
  const known = await db.select({ id: walletTypes.id }).from(walletTypes).where(inArray(walletTypes.id, wanted));
  if (known.length !== wanted.length) return refused('Ce porte-monnaie n’existe pas.', { field: 'amounts' });
  await db
    .insert(wallets)
    .values(wanted.map((walletTypeId) => ({ familyId, walletTypeId })))
    .onConflictDoNothing({ target: [wallets.familyId, wallets.walletTypeId] });
  const rows = await db
    .select({ id: wallets.id, walletTypeId: wallets.walletTypeId })
    .from(wallets)
    .where(and(eq(wallets.familyId, familyId), inArray(wallets.walletTypeId, wanted)));
  return ok(new Map(rows.map((row) => [row.walletTypeId, row.id])));
}

/** Every wallet type, in the guide's order: the shares of a desk payment. */
export async function walletTypeChoices(db: Db) {
  return db.select({ id: walletTypes.id, label: walletTypes.label }).from(walletTypes).orderBy(asc(walletTypes.position), asc(walletTypes.label));
}
