import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { verifyCurrentPassword } from '@/lib/auth/attempts';
import type { Clock } from '@/lib/clock';
import { formatDateTime } from '@/lib/format';
import { queueEmails, type OutgoingEmail } from '@/lib/mail/outbox';
import { portalUrl, townName } from '@/lib/town';
import { ok, refused, Refusal, refusalAsResult, type Result } from '@/lib/result';
import { consumeToken, issueToken } from './tokens';

export const EMAIL_LINK_VALIDITY_MS = 24 * 60 * 60_000;
export const emailSchema = z
  .string()
  .trim()
  .max(254, 'L’adresse e-mail est trop longue.')
  .pipe(z.email({ error: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.' }))
  .transform((value) => value.toLowerCase());

const TAKEN = 'Cette adresse e-mail est déjà utilisée par un autre compte.';

async function emailTaken(db: Db, email: string, userId: number) {
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, ne(users.id, userId)))
    .limit(1);
  return Boolean(other);
}

/**
 * Asks for a new e-mail address: a link goes to the new address, a notice to the old one, and
 * nothing changes until the link is followed. An address another account already uses gets a
 * message saying so instead of the link, and the answer is the same.
 */
export async function requestEmailChange(
  db: Db,
  clock: Clock,
  userId: number,
  input: { newEmail: string; currentPassword: string },
): Promise<Result> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !user.active) return refused('Compte introuvable.');
  const current = await verifyCurrentPassword(db, clock, user, input.currentPassword);
  if (!current.ok) return current;
  if (user.email?.toLowerCase() === input.newEmail) {
    return refused('C’est déjà votre adresse e-mail.', { field: 'newEmail' });
  }
  if (await emailTaken(db, input.newEmail, userId)) return tellOwnerAddressTaken(db, clock, user, input.newEmail);

  await db.transaction(async (tx) => {
    const { token, expiresAt } = await issueToken(tx, clock, {
      userId,
      purpose: 'email_change',
      newEmail: input.newEmail,
      validForMs: EMAIL_LINK_VALIDITY_MS,
    });
    const link = `${portalUrl()}/confirmer-email?jeton=${encodeURIComponent(token)}`;
    const emails: OutgoingEmail[] = [
      {
        to: input.newEmail,
        template: 'email-change-verification',
        familyId: user.familyId,
        props: { town: townName(), firstName: user.firstName, newEmail: input.newEmail, validUntil: formatDateTime(expiresAt) },
        secrets: { link },
      },
    ];
    if (user.email) {
      emails.push({
        to: user.email,
        template: 'email-change-notice',
        familyId: user.familyId,
        props: { town: townName(), firstName: user.firstName, newEmail: input.newEmail },
      });
    }
    await queueEmails(tx, clock, emails);
    await recordAudit(tx, clock, { id: user.id, role: user.role }, {
      action: 'email.change_requested',
      entityType: 'user',
      entityId: user.id,
      familyId: user.familyId,
      details: { newEmail: input.newEmail },
    });
  });
  return ok();
}

/**
 * The answer to a request for an address another account uses: the same as for a free address
 * (and the same notice to the old one), so that the form tells nobody which addresses have an
 * account. The address's owner is told instead of being sent a link.
 */
async function tellOwnerAddressTaken(db: Db, clock: Clock, user: typeof users.$inferSelect, newEmail: string): Promise<Result> {
  const emails: OutgoingEmail[] = [{ to: newEmail, template: 'email-address-taken', familyId: user.familyId, props: { town: townName(), newEmail } }];
  if (user.email) {
    emails.push({ to: user.email, template: 'email-change-notice', familyId: user.familyId, props: { town: townName(), firstName: user.firstName, newEmail } });
  }
  await db.transaction(async (tx) => {
    await queueEmails(tx, clock, emails);
    await recordAudit(tx, clock, { id: user.id, role: user.role }, {
      action: 'email.change_requested',
      entityType: 'user',
      entityId: user.id,
      familyId: user.familyId,
      details: { newEmail, addressTaken: true },
    });
  });
  return ok();
}

/** Follows the link: the new address replaces the old one, once. */
export async function confirmEmailChange(db: Db, clock: Clock, token: string): Promise<Result> {
  return refusalAsResult(() =>
    db.transaction(async (tx) => {
      const check = await consumeToken(tx, clock, 'email_change', token);
      if (!check.ok) return check;
      const { userId, newEmail } = check.value;
      if (!newEmail) return refused('Ce lien n’est pas valide.');
      // Taken meanwhile by another account: thrown, so the link stays unused.
      if (await emailTaken(tx, newEmail, userId)) throw new Refusal(TAKEN);
      // Only an active account takes a new address; a deactivated one spends the link and keeps its own.
      const [user] = await tx
        .update(users)
        .set({ email: newEmail })
        .where(and(eq(users.id, userId), eq(users.active, true)))
        .returning();
      if (!user) return refused('Compte introuvable.');
      await recordAudit(tx, clock, { id: userId, role: user.role }, {
        action: 'email.changed',
        entityType: 'user',
        entityId: userId,
        familyId: user.familyId,
        details: { email: newEmail },
      });
      return ok();
    }),
  );
}
