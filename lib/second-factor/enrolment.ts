import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recoveryCodes, totpFactors, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { verifyPassword } from '@/lib/auth/password';
import { isStaff } from '@/lib/auth/types';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { townName } from '@/lib/town';
import { throttledCheck } from './attempts';
import { lockedFactor, openTotpSecret, replaceRecoveryCodes, sealTotpSecret } from './factor';
import { matchingTotpStep, newTotpSecret, normalizeTotpCode, totpUri } from './totp';

export const WRONG_ENROLMENT_CODE = 'Ce code ne correspond pas. Saisissez le code à 6 chiffres affiché maintenant par l’application.';
const WRONG_PASSWORD = 'Le mot de passe actuel est incorrect.';
const NOT_STARTED = 'Commencez par ajouter le compte dans votre application d’authentification.';
const ALREADY_ON = 'La vérification en deux étapes est déjà activée.';
const NOT_ON = 'La vérification en deux étapes n’est pas activée.';

export type SecondFactorStatus =
  | { state: 'off' }
  | { state: 'pending'; secret: string; uri: string }
  | { state: 'on'; since: Date; recoveryCodesLeft: number };

/** What the security page shows: nothing yet, an enrolment waiting for its first code, or an active factor. */
export async function secondFactorStatus(db: Db, userId: number): Promise<SecondFactorStatus> {
  const [row] = await db
    .select({ login: users.login, factor: totpFactors })
    .from(users)
    .leftJoin(totpFactors, eq(totpFactors.userId, users.id))
    .where(eq(users.id, userId));
  const factor = row?.factor;
  if (!row || !factor) return { state: 'off' };
  if (!factor.confirmedAt) {
    const secret = openTotpSecret(userId, factor.secretCiphertext);
    return { state: 'pending', secret, uri: totpUri(secret, `Compte Famille ${townName()}`, row.login) };
  }
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { state: 'on', since: factor.confirmedAt, recoveryCodesLeft: left?.n ?? 0 };
}

/** Draws a new secret for the account, to show as a QR code; it counts only once a first code confirms it. */
export async function startEnrolment(db: Db, clock: Clock, userId: number): Promise<Result> {
  return db.transaction(async (tx) => {
    const factor = await lockedFactor(tx, userId);
    if (factor?.confirmedAt) return refused(ALREADY_ON);
    const values = { secretCiphertext: sealTotpSecret(userId, newTotpSecret()), confirmedAt: null, lastUsedStep: null, createdAt: clock.now() };
    await tx.insert(totpFactors).values({ userId, ...values }).onConflictDoUpdate({ target: totpFactors.userId, set: values });
    return ok();
  });
}

async function userOf(db: Db, userId: number) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

/**
 * Confirms the enrolment with a first code from the app, and answers the ten recovery codes, to
 * show once. That code is spent: it cannot open a session afterwards.
 */
export async function confirmEnrolment(db: Db, clock: Clock, userId: number, input: { code: string; ip: string }): Promise<Result<string[]>> {
  return db.transaction(async (tx) => {
    const factor = await lockedFactor(tx, userId);
    const user = await userOf(tx, userId);
    if (!factor || !user) return refused(NOT_STARTED);
    if (factor.confirmedAt) return refused(ALREADY_ON);
    const step = matchingTotpStep(openTotpSecret(userId, factor.secretCiphertext), normalizeTotpCode(input.code), clock.now());
    const check = await throttledCheck(tx, clock, userId, input.ip, () => step !== null);
    if (!check.ok) return check;
    if (!check.value) return refused(WRONG_ENROLMENT_CODE, { field: 'code' });
    await tx.update(totpFactors).set({ confirmedAt: clock.now(), lastUsedStep: step }).where(eq(totpFactors.userId, userId));
    const codes = await replaceRecoveryCodes(tx, clock, userId);
    await recordAudit(tx, clock, { id: user.id, role: user.role }, { action: 'second_factor.enrolled', entityType: 'user', entityId: user.id, familyId: user.familyId });
    return ok(codes);
  });
}

/** Checks the account's password for a change to its second factor, throttled like a login. */
async function checkPassword(tx: Db, clock: Clock, user: typeof users.$inferSelect, input: { currentPassword: string; ip: string }): Promise<Result> {
  const check = await throttledCheck(tx, clock, user.id, input.ip, () => verifyPassword(user.passwordHash, input.currentPassword));
  if (!check.ok) return check;
  return check.value ? ok() : refused(WRONG_PASSWORD, { field: 'currentPassword' });
}

/** New recovery codes (the password is asked again); the old ones stop working. */
export async function regenerateRecoveryCodes(
  db: Db,
  clock: Clock,
  userId: number,
  input: { currentPassword: string; ip: string },
): Promise<Result<string[]>> {
  return db.transaction(async (tx) => {
    const factor = await lockedFactor(tx, userId);
    const user = await userOf(tx, userId);
    if (!user || !factor?.confirmedAt) return refused(NOT_ON);
    const password = await checkPassword(tx, clock, user, input);
    if (!password.ok) return password;
    const codes = await replaceRecoveryCodes(tx, clock, userId);
    await recordAudit(tx, clock, { id: user.id, role: user.role }, {
      action: 'second_factor.recovery_codes_regenerated',
      entityType: 'user',
      entityId: user.id,
      familyId: user.familyId,
    });
    return ok(codes);
  });
}

/** A family member turns the second factor off (the password is asked again). Staff keep theirs. */
export async function disableSecondFactor(db: Db, clock: Clock, userId: number, input: { currentPassword: string; ip: string }): Promise<Result> {
  return db.transaction(async (tx) => {
    const factor = await lockedFactor(tx, userId);
    const user = await userOf(tx, userId);
    if (!user || !factor?.confirmedAt) return refused(NOT_ON);
    if (isStaff(user.role)) return refused('Le personnel de la mairie garde la vérification en deux étapes.');
    const password = await checkPassword(tx, clock, user, input);
    if (!password.ok) return password;
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.delete(totpFactors).where(eq(totpFactors.userId, userId));
    await recordAudit(tx, clock, { id: user.id, role: user.role }, { action: 'second_factor.disabled', entityType: 'user', entityId: user.id, familyId: user.familyId });
    return ok();
  });
}
