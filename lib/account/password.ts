import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { authTokens, users } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { liftAccountThrottle, verifyCurrentPassword } from '@/lib/auth/attempts';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-policy';
import { normalizeIdentifier } from '@/lib/auth/throttle';
import type { Clock } from '@/lib/clock';
import { formatDateTime } from '@/lib/format';
import { queueEmails, type OutgoingEmail } from '@/lib/mail/outbox';
import { portalUrl, townName } from '@/lib/town';
import { ok, refused, Refusal, refusalAsResult, type Result } from '@/lib/result';
import { consumeToken, issueToken, retireTokens } from './tokens';

export const RESET_LINK_VALIDITY_MS = 60 * 60_000;
export const DESK_RESET_LINK_VALIDITY_MS = 7 * 24 * 60 * 60_000;
// One reset e-mail per account per few minutes: the form cannot be used to flood a mailbox.
const RESET_REQUEST_INTERVAL_MS = 5 * 60_000;

async function findUser(db: Db, userId: number) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

function passwordChangedEmail(user: typeof users.$inferSelect, clock: Clock): OutgoingEmail {
  return {
    to: user.email!,
    template: 'password-changed',
    familyId: user.familyId,
    props: { town: townName(), firstName: user.firstName, changedAt: formatDateTime(clock.now()) },
  };
}

/**
 * Sets a new password, ends every other session of the user (their tokens carry the old version)
 * and retires every link still out there (reset, e-mail change): whoever stole the old password
 * and asked for one loses it with the password.
 */
async function setPassword(db: Db, clock: Clock, user: typeof users.$inferSelect, newPassword: string, actor: Actor, how: string) {
  const passwordHash = await hashPassword(newPassword);
  const notice = user.email ? passwordChangedEmail(user, clock) : null;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await retireTokens(tx, clock, user.id);
    await recordAudit(tx, clock, actor, { action: `password.${how}`, entityType: 'user', entityId: user.id, familyId: user.familyId });
    if (notice) await queueEmails(tx, clock, [notice]);
  });
}

export async function changePassword(
  db: Db,
  clock: Clock,
  userId: number,
  input: { currentPassword: string; newPassword: string },
): Promise<Result> {
  const user = await findUser(db, userId);
  if (!user || !user.active) return refused('Compte introuvable.');
  const current = await verifyCurrentPassword(db, clock, user, input.currentPassword);
  if (!current.ok) return current;
  if (input.newPassword === input.currentPassword) {
    return refused('Le nouveau mot de passe doit être différent de l’actuel.', { field: 'newPassword' });
  }
  const problem = passwordProblem(input.newPassword, user);
  if (problem) return refused(problem, { field: 'newPassword' });
  await setPassword(db, clock, user, input.newPassword, { id: user.id, role: user.role }, 'change');
  return ok();
}

/**
 * "Mot de passe oublié": sends a single-use link valid one hour when the login or e-mail belongs
 * to an active account with an e-mail address. The caller answers the same whatever happened.
 */
export async function requestPasswordReset(db: Db, clock: Clock, identifier: string): Promise<void> {
  const normalized = normalizeIdentifier(identifier);
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`(lower(${users.login}) = ${normalized} or lower(${users.email}) = ${normalized})`, eq(users.active, true)))
    .limit(1);
  if (!user?.email) return;
  const now = clock.now();
  const [recent] = await db
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.userId, user.id),
        eq(authTokens.purpose, 'password_reset'),
        gt(authTokens.createdAt, new Date(now.getTime() - RESET_REQUEST_INTERVAL_MS)),
      ),
    )
    .limit(1);
  if (recent) return;
  await db.transaction(async (tx) => {
    const { token, expiresAt } = await issueToken(tx, clock, { userId: user.id, purpose: 'password_reset', validForMs: RESET_LINK_VALIDITY_MS });
    await queueEmails(tx, clock, [
      {
        to: user.email!,
        template: 'password-reset',
        familyId: user.familyId,
        props: { town: townName(), firstName: user.firstName, validUntil: formatDateTime(expiresAt) },
        secrets: { link: resetLink(token) },
      },
    ]);
    await recordAudit(tx, clock, { id: null, role: 'anonymous' }, { action: 'password.reset_requested', entityType: 'user', entityId: user.id, familyId: user.familyId });
  });
}

export const resetLink = (token: string) => `${portalUrl()}/mot-de-passe-oublie/nouveau?jeton=${encodeURIComponent(token)}`;

/** Uses a reset link once: sets the new password and ends every session of the user. */
export async function resetPassword(db: Db, clock: Clock, token: string, newPassword: string): Promise<Result> {
  return refusalAsResult(() =>
    db.transaction(async (tx) => {
      const check = await consumeToken(tx, clock, 'password_reset', token);
      if (!check.ok) return check;
      const user = await findUser(tx, check.value.userId);
      if (!user || !user.active) return refused('Compte introuvable.');
      const problem = passwordProblem(newPassword, user);
      // Thrown, not returned: the token is rolled back and the person may try a better password.
      if (problem) throw new Refusal(problem, 'newPassword');
      await setPassword(tx, clock, user, newPassword, { id: user.id, role: user.role }, 'reset');
      // Whoever proved they own the mailbox may log in at once, whatever a guesser did before.
      await liftAccountThrottle(tx, clock, user.id);
      return ok();
    }),
  );
}

/** At the desk: staff give a family without e-mail a reset link (valid 7 days) to hand over. */
export async function issueDeskPasswordReset(db: Db, clock: Clock, staff: Actor, userId: number): Promise<Result<{ link: string; expiresAt: Date }>> {
  const user = await findUser(db, userId);
  if (!user || user.role !== 'family') return refused('Compte famille introuvable.');
  return db.transaction(async (tx) => {
    const { token, expiresAt } = await issueToken(tx, clock, { userId, purpose: 'password_reset', validForMs: DESK_RESET_LINK_VALIDITY_MS });
    await recordAudit(tx, clock, staff, { action: 'password.reset_issued', entityType: 'user', entityId: userId, familyId: user.familyId });
    return ok({ link: resetLink(token), expiresAt });
  });
}
