import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recoveryCodes, totpFactors, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { throttledCheck } from './attempts';
import { lockedFactor, openTotpSecret } from './factor';
import { hashRecoveryCode } from './recovery-codes';
import { matchingTotpStep, normalizeTotpCode } from './totp';

export const WRONG_CODE = 'Code incorrect ou déjà utilisé. Saisissez le code affiché maintenant par votre application.';
export const WRONG_RECOVERY_CODE = 'Code de secours incorrect ou déjà utilisé.';

export type SecondFactorProof = { code: string } | { recoveryCode: string };

/**
 * The second step of a login: a code from the app (this step, or one either side for a phone
 * clock a little off, and never a step already used) or an unused recovery code, which is then
 * spent. Throttled per account like the password.
 */
export async function verifySecondFactor(db: Db, clock: Clock, userId: number, proof: SecondFactorProof, ip: string): Promise<Result> {
  return db.transaction(async (tx) => {
    const factor = await lockedFactor(tx, userId);
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!factor?.confirmedAt || !user) return refused(WRONG_CODE);

    if ('code' in proof) {
      const step = matchingTotpStep(openTotpSecret(userId, factor.secretCiphertext), normalizeTotpCode(proof.code), clock.now());
      const fresh = step !== null && (factor.lastUsedStep === null || step > factor.lastUsedStep);
      const check = await throttledCheck(tx, clock, userId, ip, () => fresh);
      if (!check.ok) return check;
      if (!check.value) return refused(WRONG_CODE, { field: 'code' });
      await tx.update(totpFactors).set({ lastUsedStep: step }).where(eq(totpFactors.userId, userId));
      return ok();
    }

    const check = await throttledCheck(tx, clock, userId, ip, async () => {
      const [spent] = await tx
        .update(recoveryCodes)
        .set({ usedAt: clock.now() })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(proof.recoveryCode)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return Boolean(spent);
    });
    if (!check.ok) return check;
    if (!check.value) return refused(WRONG_RECOVERY_CODE, { field: 'recoveryCode' });
    const [left] = await tx
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    await recordAudit(tx, clock, { id: user.id, role: user.role }, {
      action: 'second_factor.recovery_code_used',
      entityType: 'user',
      entityId: user.id,
      familyId: user.familyId,
      details: { recoveryCodesLeft: left?.n ?? 0 },
    });
    return ok();
  });
}
