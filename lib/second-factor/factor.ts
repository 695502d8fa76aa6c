import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recoveryCodes, totpFactors } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { open, seal } from './secret-box';

// The factor row of an account, read and written with its secret sealed.

const context = (userId: number) => `totp:${userId}`;
export const sealTotpSecret = (userId: number, secret: string) => seal(secret, context(userId));
export const openTotpSecret = (userId: number, sealed: string) => open(sealed, context(userId));

/** The account's factor row, locked until the transaction ends: every code check of one account runs alone. */
export async function lockedFactor(tx: Db, userId: number) {
  const [factor] = await tx.select().from(totpFactors).where(eq(totpFactors.userId, userId)).for('update');
  return factor;
}

/** Whether the account has a confirmed second factor. */
export async function hasSecondFactor(db: Db, userId: number): Promise<boolean> {
  const [factor] = await db
    .select({ userId: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)));
  return Boolean(factor);
}

/** Replaces the account's recovery codes with ten new ones; returns them (they are never readable again). */
export async function replaceRecoveryCodes(tx: Db, clock: Clock, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: clock.now() })));
  return codes;
}
