import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { recoveryCodes, totpFactors, users } from '@/db/schema';
import { emailSchema } from '@/lib/account/email';
import { DESK_RESET_LINK_VALIDITY_MS, resetLink } from '@/lib/account/password';
import { issueToken } from '@/lib/account/tokens';
import { recordAudit } from '@/lib/audit/record';
import { staffLoginSchema } from '@/lib/auth/administrators';
import { hashPassword } from '@/lib/auth/password';
import type { StaffMember } from '@/lib/auth/session';
import type { Clock } from '@/lib/clock';
import { Refusal, ok, refusalAsResult, refused, type Result } from '@/lib/result';

export const staffAccountSchema = z.object({
  login: staffLoginSchema,
  email: emailSchema,
  firstName: z.string().trim().min(1, 'Le prénom est obligatoire.').max(100, 'Le prénom est trop long.'),
  lastName: z.string().trim().min(1, 'Le nom est obligatoire.').max(100, 'Le nom est trop long.'),
  role: z.enum(['agent', 'admin'], { error: 'Choisissez agent ou administrateur.' }),
});
export type StaffAccountInput = z.output<typeof staffAccountSchema>;

export const staffRoleLabel = { agent: 'Agent', admin: 'Administrateur' } as const;

/** Every agent and admin, with whether they have a second factor. */
export async function listStaff(db: Db) {
  return db
    .select({
      id: users.id,
      login: users.login,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      role: users.role,
      active: users.active,
      secondFactor: sql<boolean>`exists (select 1 from ${totpFactors} where ${totpFactors.userId} = ${users.id} and ${totpFactors.confirmedAt} is not null)`,
    })
    .from(users)
    .where(inArray(users.role, ['agent', 'admin']))
    .orderBy(asc(users.lastName), asc(users.firstName));
}

/**
 * An admin creates a staff account: nobody knows its password (a random one), and a one-time
 * link (valid 7 days, the desk reset link) lets the person choose theirs. The link is shown once.
 */
export async function createStaffAccount(db: Db, clock: Clock, admin: StaffMember, input: StaffAccountInput): Promise<Result<{ id: number; link: string; expiresAt: Date }>> {
  if (admin.role !== 'admin') return refused('Cette action est réservée aux administrateurs.');
  const [taken] = await db
    .select({ login: users.login })
    .from(users)
    .where(sql`lower(${users.login}) = lower(${input.login}) or lower(${users.email}) = lower(${input.email})`)
    .limit(1);
  if (taken?.login.toLowerCase() === input.login.toLowerCase()) return refused('Cet identifiant est déjà utilisé par un autre compte.', { field: 'login' });
  if (taken) return refused('Cette adresse e-mail est déjà utilisée par un autre compte.', { field: 'email' });
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString('base64url'));
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ ...input, passwordHash })
      .returning({ id: users.id });
    const { token, expiresAt } = await issueToken(tx, clock, { userId: user!.id, purpose: 'password_reset', validForMs: DESK_RESET_LINK_VALIDITY_MS });
    await recordAudit(tx, clock, admin, { action: 'staff.create', entityType: 'user', entityId: user!.id, details: { role: input.role, login: input.login } });
    return ok({ id: user!.id, link: resetLink(token), expiresAt });
  });
}

/** Locks the staff member's row; refuses anyone else's account and an admin acting on their own. */
async function lockedStaff(tx: Db, admin: StaffMember, userId: number, ownMessage: string) {
  if (admin.role !== 'admin') throw new Refusal('Cette action est réservée aux administrateurs.');
  if (userId === admin.id) throw new Refusal(ownMessage);
  const [user] = await tx
    .select({ id: users.id, role: users.role, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), inArray(users.role, ['agent', 'admin'])))
    .for('update');
  if (!user) throw new Refusal('Compte du personnel introuvable.');
  return user;
}

/** Deactivates (the person is logged out at their next request) or reactivates a staff account. */
export async function setStaffActive(db: Db, clock: Clock, admin: StaffMember, userId: number, active: boolean): Promise<Result> {
  return refusalAsResult(() =>
    db.transaction(async (tx) => {
      const user = await lockedStaff(tx, admin, userId, 'Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.');
      if (user.active === active) return ok();
      await tx.update(users).set({ active }).where(eq(users.id, userId));
      await recordAudit(tx, clock, admin, { action: active ? 'staff.reactivate' : 'staff.deactivate', entityType: 'user', entityId: userId });
      return ok();
    }),
  );
}

/**
 * Removes a staff member's second factor (lost phone): they enrol again at their next login. Their
 * sessions end, since whoever holds a session may be the one who took the phone.
 */
export async function resetStaffSecondFactor(db: Db, clock: Clock, admin: StaffMember, userId: number): Promise<Result> {
  return refusalAsResult(() =>
    db.transaction(async (tx) => {
      await lockedStaff(tx, admin, userId, 'Gérez votre propre vérification en deux étapes depuis la page Sécurité.');
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      const removed = await tx.delete(totpFactors).where(eq(totpFactors.userId, userId)).returning({ userId: totpFactors.userId });
      if (removed.length === 0) throw new Refusal('Ce compte n’a pas de vérification en deux étapes.');
      await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
      await recordAudit(tx, clock, admin, { action: 'staff.second_factor_reset', entityType: 'user', entityId: userId });
      return ok();
    }),
  );
}
