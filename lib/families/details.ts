import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { families, users } from '@/db/schema';
import { walletBalances } from '@/lib/wallets/balances';
import { familyChildren } from './overview';

/** A family as staff see it: guardians, children, wallets. */
export async function familyDetails(db: Db, familyId: number) {
  const [family] = await db.select().from(families).where(eq(families.id, familyId));
  if (!family) return null;
  const [guardians, kids, balances] = await Promise.all([
    db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, login: users.login, email: users.email, phone: users.phone, isPayer: users.isPayer, active: users.active })
      .from(users)
      .where(eq(users.familyId, familyId))
      .orderBy(asc(users.id)),
    familyChildren(db, familyId),
    walletBalances(db, familyId),
  ]);
  return { ...family, guardians, children: kids, wallets: balances };
}
