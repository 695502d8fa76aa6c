import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';

/** What Profil shows a person about their own account. */
export async function profileOf(db: Db, userId: number) {
  const [user] = await db
    .select({ firstName: users.firstName, lastName: users.lastName, login: users.login, email: users.email, phone: users.phone })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}
