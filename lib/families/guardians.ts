import crypto from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { databaseErrorCode } from '@/db/errors';
import { families, sessions, users } from '@/db/schema';
import { DESK_RESET_LINK_VALIDITY_MS, resetLink } from '@/lib/account/password';
import { issueToken, retireTokens } from '@/lib/account/tokens';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import type { Clock } from '@/lib/clock';
import { formatDateTime } from '@/lib/format';
import { queueEmails } from '@/lib/mail/outbox';
import { ok, refused, type Result } from '@/lib/result';
import { townName } from '@/lib/town';
import { firstFree, parseFields, readableSlug } from './records';
import { guardianFields, type GuardianFields } from './schemas';

/** What staff hand a guardian without e-mail: a letter with the login and the one-time link. */
export interface AccessLetter {
  name: string;
  login: string;
  link: string;
  validUntil: string;
}

/** A new login: `emailed` when the link went to the guardian's mailbox, else the letter to print. */
export type NewAccess = { id: number; login: string; emailed: true } | { id: number; login: string; emailed: false; letter: AccessLetter };

const EMAIL_TAKEN = 'Cette adresse e-mail est déjà celle d’un autre compte.';
const isUniqueViolation = (error: unknown) => databaseErrorCode(error) === '23505';

async function emailTaken(db: Db, email: string | null, exceptUserId?: number): Promise<boolean> {
  if (!email) return false;
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, exceptUserId ? ne(users.id, exceptUserId) : undefined))
    .limit(1);
  return Boolean(other);
}

/** "dupont", then "dupont.marie", then "dupont.marie2"…: readable, from the name, never taken. */
async function freeLogin(db: Db, firstName: string, lastName: string): Promise<string> {
  const last = readableSlug(lastName) || 'famille';
  const both = `${last}.${readableSlug(firstName) || 'parent'}`;
  const rows = await db
    .select({ login: sql<string>`lower(${users.login})` })
    .from(users)
    .where(sql`lower(${users.login}) in (${last}, ${both}) or lower(${users.login}) ~ ${`^${both.replace('.', '\\.')}[0-9]+$`}`);
  const taken = new Set(rows.map((row) => row.login));
  return taken.has(last) ? firstFree(both, taken) : last;
}

/**
 * A one-time link (7 days, like a reset given at the desk) with which the guardian chooses a
 * password: e-mailed when they have an address (the link only in the message sent), otherwise
 * returned for the printed letter. Inside the caller's transaction.
 */
async function sendAccessLink(db: Db, clock: Clock, user: { id: number; familyId: number; firstName: string; lastName: string; login: string; email: string | null }, purpose: 'activation' | 'reset'): Promise<AccessLetter | null> {
  const { token, expiresAt } = await issueToken(db, clock, { userId: user.id, purpose: 'password_reset', validForMs: DESK_RESET_LINK_VALIDITY_MS });
  const link = resetLink(token);
  const validUntil = formatDateTime(expiresAt);
  if (!user.email) return { name: `${user.lastName} ${user.firstName}`, login: user.login, link, validUntil };
  await queueEmails(db, clock, [
    purpose === 'activation'
      ? {
          to: user.email,
          template: 'account-activation',
          familyId: user.familyId,
          props: { town: townName(), firstName: user.firstName, login: user.login, validUntil },
          secrets: { link },
        }
      : {
          to: user.email,
          template: 'password-reset',
          familyId: user.familyId,
          props: { town: townName(), firstName: user.firstName, validUntil },
          secrets: { link },
        },
  ]);
  return null;
}

/**
 * Adds a guardian with their own login: the identifier is made from the name and nobody knows a
 * password until the guardian chooses one through the activation link.
 */
export async function addGuardian(db: Db, clock: Clock, staff: Actor, familyId: number, input: GuardianFields): Promise<Result<NewAccess>> {
  const fields = parseFields(guardianFields, input);
  if (!fields.ok) return fields;
  const { firstName, email, phone } = fields.value;
  const lastName = fields.value.lastName.toUpperCase();
  // A random password nobody is told: the account opens only through the link.
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString('base64url'));
  try {
    return await db.transaction(async (tx) => {
      const [family] = await tx.select({ id: families.id }).from(families).where(eq(families.id, familyId)).for('update');
      if (!family) return refused('Famille introuvable.');
      if (await emailTaken(tx, email)) return refused(EMAIL_TAKEN, { field: 'email' });
      // One login creation at a time: two guardians named alike must not both take one login.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.login'))`);
      const login = await freeLogin(tx, firstName, lastName);
      const [payer] = await tx.select({ id: users.id }).from(users).where(and(eq(users.familyId, familyId), eq(users.isPayer, true))).limit(1);
      const [user] = await tx
        .insert(users)
        .values({ role: 'family', familyId, login, firstName, lastName, email, phone, passwordHash, isPayer: !payer, createdAt: clock.now() })
        .returning({ id: users.id });
      const id = user!.id;
      await recordAudit(tx, clock, staff, { action: 'guardian.created', entityType: 'user', entityId: id, familyId, details: { login } });
      const letter = await sendAccessLink(tx, clock, { id, familyId, firstName, lastName, login, email }, 'activation');
      await recordAudit(tx, clock, staff, { action: 'account.activation_issued', entityType: 'user', entityId: id, familyId, details: { emailed: !letter } });
      return ok<NewAccess>(letter ? { id, login, emailed: false, letter } : { id, login, emailed: true });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refused(EMAIL_TAKEN, { field: 'email' });
    throw error;
  }
}

/** A guardian's login (never a staff account: those are managed elsewhere). */
async function familyGuardian(db: Db, userId: number) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, 'family')));
  return user?.familyId ? { ...user, familyId: user.familyId } : undefined;
}

export async function updateGuardian(db: Db, clock: Clock, staff: Actor, userId: number, input: GuardianFields): Promise<Result> {
  const fields = parseFields(guardianFields, input);
  if (!fields.ok) return fields;
  const { firstName, email, phone } = fields.value;
  const lastName = fields.value.lastName.toUpperCase();
  try {
    return await db.transaction(async (tx) => {
      const user = await familyGuardian(tx, userId);
      if (!user) return refused('Responsable introuvable.');
      const familyId = user.familyId;
      if (await emailTaken(tx, email, userId)) return refused(EMAIL_TAKEN, { field: 'email' });
      await tx.update(users).set({ firstName, lastName, email, phone }).where(eq(users.id, userId));
      const changed = (['firstName', 'lastName', 'email', 'phone'] as const).filter((key) => user[key] !== { firstName, lastName, email, phone }[key]);
      await recordAudit(tx, clock, staff, { action: 'guardian.updated', entityType: 'user', entityId: userId, familyId, details: { changed } });
      return ok();
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refused(EMAIL_TAKEN, { field: 'email' });
    throw error;
  }
}

/**
 * A new one-time link for an existing login (forgotten password, lost activation letter): by
 * e-mail when the guardian has one, else as a letter to print.
 */
export async function issueAccessLink(db: Db, clock: Clock, staff: Actor, userId: number): Promise<Result<{ emailed: true } | { emailed: false; letter: AccessLetter }>> {
  return db.transaction(async (tx) => {
    const user = await familyGuardian(tx, userId);
    if (!user) return refused('Responsable introuvable.');
    const familyId = user.familyId;
    if (!user.active) return refused('Ce compte est désactivé : réactivez-le d’abord.');
    const letter = await sendAccessLink(tx, clock, user, 'reset');
    await recordAudit(tx, clock, staff, { action: 'password.reset_issued', entityType: 'user', entityId: userId, familyId, details: { emailed: !letter } });
    return ok(letter ? { emailed: false as const, letter } : { emailed: true as const });
  });
}

/**
 * Deactivates or reactivates a login. Deactivated, it cannot log in, its sessions end at once
 * (ended on the server, and the session version moves on) and its pending links are retired.
 */
export async function setGuardianActive(db: Db, clock: Clock, staff: Actor, userId: number, active: boolean): Promise<Result> {
  return db.transaction(async (tx) => {
    const user = await familyGuardian(tx, userId);
    if (!user) return refused('Responsable introuvable.');
    const familyId = user.familyId;
    if (user.active === active) return ok();
    await tx
      .update(users)
      .set({ active, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    if (!active) {
      await tx.update(sessions).set({ endedAt: clock.now() }).where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
      await retireTokens(tx, clock, userId);
    }
    await recordAudit(tx, clock, staff, { action: active ? 'account.reactivated' : 'account.deactivated', entityType: 'user', entityId: userId, familyId });
    return ok();
  });
}
