import { asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { children, families, users, walletEntries, wallets } from '@/db/schema';
import { walletBalances } from '@/lib/wallets/balances';

export interface ChildSummary {
  id: number;
  firstName: string;
  lastName: string;
  birthDate: string;
}

export async function familyChildren(db: Db, familyId: number): Promise<ChildSummary[]> {
  return db
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
    .from(children)
    .where(eq(children.familyId, familyId))
    .orderBy(asc(children.birthDate));
}

/** What Accueil shows a family about itself. */
export async function familyOverview(db: Db, familyId: number) {
  const [family] = await db.select({ name: families.name, identifier: families.identifier }).from(families).where(eq(families.id, familyId));
  if (!family) return null;
  const [kids, balances] = await Promise.all([familyChildren(db, familyId), walletBalances(db, familyId)]);
  return { ...family, children: kids, wallets: balances };
}

export interface FamilyRow {
  id: number;
  identifier: string;
  name: string;
  payer: string | null;
  email: string | null;
  childCount: number;
  balanceCents: number;
}

/** Staff list of families, by name, identifier, a guardian's name, login or e-mail, or a child's name. */
export async function searchFamilies(db: Db, query: string, limit = 100): Promise<FamilyRow[]> {
  const term = query.trim().slice(0, 100);
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const found = await db
    .select({ id: families.id, identifier: families.identifier, name: families.name })
    .from(families)
    .where(
      term
        ? or(
            ilike(families.name, pattern),
            ilike(families.identifier, pattern),
            sql`exists (select 1 from ${users} where ${users.familyId} = ${families.id} and (${users.email} ilike ${pattern} or ${users.login} ilike ${pattern} or ${users.lastName} ilike ${pattern} or ${users.firstName} ilike ${pattern}))`,
            sql`exists (select 1 from ${children} where ${children.familyId} = ${families.id} and (${children.firstName} ilike ${pattern} or ${children.lastName} ilike ${pattern}))`,
          )
        : undefined,
    )
    .orderBy(asc(families.name), asc(families.identifier))
    .limit(limit);
  if (found.length === 0) return [];
  const ids = found.map((family) => family.id);

  const [payers, childCounts, balances] = await Promise.all([
    db
      .selectDistinctOn([users.familyId], { familyId: users.familyId, firstName: users.firstName, lastName: users.lastName, email: users.email })
      .from(users)
      .where(inArray(users.familyId, ids))
      .orderBy(users.familyId, desc(users.isPayer), asc(users.id)),
    db
      .select({ familyId: children.familyId, n: count() })
      .from(children)
      .where(inArray(children.familyId, ids))
      .groupBy(children.familyId),
    db
      .select({ familyId: wallets.familyId, cents: sql<number>`coalesce(sum(${walletEntries.amountCents}), 0)::int` })
      .from(wallets)
      .leftJoin(walletEntries, eq(walletEntries.walletId, wallets.id))
      .where(inArray(wallets.familyId, ids))
      .groupBy(wallets.familyId),
  ]);
  const payerOf = new Map(payers.map((payer) => [payer.familyId, payer]));
  const childrenOf = new Map(childCounts.map((row) => [row.familyId, row.n]));
  const balanceOf = new Map(balances.map((row) => [row.familyId, row.cents]));
  return found.map((family) => {
    const payer = payerOf.get(family.id);
    return {
      ...family,
      payer: payer ? `${payer.lastName} ${payer.firstName}` : null,
      email: payer?.email ?? null,
      childCount: childrenOf.get(family.id) ?? 0,
      balanceCents: balanceOf.get(family.id) ?? 0,
    };
  });
}
