import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { authTokens } from '@/db/schema';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';

type Purpose = (typeof authTokens.purpose.enumValues)[number];

/** Only this hash is stored: a leaked table gives no usable link. */
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Creates a single-use token; returns the secret to put in the link (never stored). */
export async function issueToken(
  db: Db,
  clock: Clock,
  values: { userId: number; purpose: Purpose; validForMs: number; newEmail?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + values.validForMs);
  await db.insert(authTokens).values({
    userId: values.userId,
    purpose: values.purpose,
    newEmail: values.newEmail ?? null,
    tokenHash: hashToken(token),
    expiresAt,
    createdAt: now,
  });
  return { token, expiresAt };
}

export type TokenCheck = Result<typeof authTokens.$inferSelect>;

export const INVALID_LINK = 'Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier, ou demandez-en un nouveau.';
export const USED_LINK = 'Ce lien a déjà été utilisé. Demandez-en un nouveau si besoin.';
export const EXPIRED_LINK = 'Ce lien a expiré. Demandez-en un nouveau.';

/** Looks a token up without using it (to show the form behind a link). */
export async function checkToken(db: Db, clock: Clock, purpose: Purpose, token: string): Promise<TokenCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return refused(INVALID_LINK);
  const [found] = await db
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose)));
  if (!found) return refused(INVALID_LINK);
  if (found.usedAt) return refused(USED_LINK);
  if (found.expiresAt <= clock.now()) return refused(EXPIRED_LINK);
  return ok(found);
}

/**
 * Uses a token: valid, unexpired and unused, it is marked used in the same statement, so two
 * clicks at once cannot both succeed. Call it inside the transaction that applies the change.
 */
export async function consumeToken(db: Db, clock: Clock, purpose: Purpose, token: string): Promise<TokenCheck> {
  const check = await checkToken(db, clock, purpose, token);
  if (!check.ok) return check;
  const [used] = await db
    .update(authTokens)
    .set({ usedAt: clock.now() })
    .where(and(eq(authTokens.id, check.value.id), isNull(authTokens.usedAt)))
    .returning();
  return used ? ok(used) : refused(USED_LINK);
}

/**
 * Retires every unused token of a user, whatever its purpose: a password change or reset ends any
 * link issued before it (a reset link would undo it; an e-mail change asked by someone who knew
 * the old password would hand them the account).
 */
export async function retireTokens(db: Db, clock: Clock, userId: number): Promise<void> {
  await db
    .update(authTokens)
    .set({ usedAt: clock.now() })
    .where(and(eq(authTokens.userId, userId), isNull(authTokens.usedAt)));
}
