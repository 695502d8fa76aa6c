import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { activities, activityPriceBrackets } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { ok, Refusal, refusalAsResult, type Result } from '@/lib/result';
import { euros, rowId, wholeNumber } from './form-fields';
import { bracketLabel, overlappingBracket } from './rules';

const QF_MAX = 100_000;

export const priceBracketSchema = z
  .object({
    activityId: rowId('Activité introuvable.'),
    qfMin: wholeNumber('Le quotient minimum', 0, QF_MAX),
    // Empty: no upper bound (« et plus »).
    qfMax: z.union([z.literal('').transform(() => null), wholeNumber('Le quotient maximum', 0, QF_MAX)]).default(null),
    unitPrice: euros('Le tarif'),
  })
  .refine((input) => input.qfMax === null || input.qfMin <= input.qfMax, { path: ['qfMax'], message: 'Le quotient maximum doit être au moins égal au quotient minimum.' });
export type PriceBracketInput = z.infer<typeof priceBracketSchema>;
export const PRICE_BRACKET_FIELDS = ['qfMin', 'qfMax', 'unitPrice'] as const;

export const removePriceBracketSchema = z.object({ activityId: rowId('Activité introuvable.'), bracketId: rowId('Tranche introuvable.') });

/** An activity's price grid by quotient familial, by QF. */
export async function activityPriceGrid(db: Db, activityId: number) {
  return db
    .select({ id: activityPriceBrackets.id, qfMin: activityPriceBrackets.qfMin, qfMax: activityPriceBrackets.qfMax, unitPriceCents: activityPriceBrackets.unitPriceCents })
    .from(activityPriceBrackets)
    .where(eq(activityPriceBrackets.activityId, activityId))
    .orderBy(asc(activityPriceBrackets.qfMin));
}

/**
 * « Ajouter la tranche »: a bracket of the activity's grid, refused when it shares a QF with
 * another. Under the activity's row lock (the grid's editors take it alone, no other lock), so
 * that two staff adding brackets at once cannot both pass the check. It prices the reservations
 * validated from now on; those already validated keep their price.
 */
export async function addPriceBracket(db: Db, clock: Clock, actor: Actor, input: PriceBracketInput): Promise<Result<{ id: number }>> {
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx) => {
      await lockActivity(tx, input.activityId);
      const grid = await activityPriceGrid(tx, input.activityId);
      const candidate = { qfMin: input.qfMin, qfMax: input.qfMax };
      const overlap = overlappingBracket(grid, candidate);
      if (overlap) throw new Refusal(`Cette tranche chevauche la tranche ${bracketLabel(overlap)} : un quotient ne peut relever que d’une tranche.`, 'qfMin');
      const [created] = await tx
        .insert(activityPriceBrackets)
        .values({ activityId: input.activityId, ...candidate, unitPriceCents: input.unitPrice })
        .returning({ id: activityPriceBrackets.id });
      await recordAudit(tx, clock, actor, {
        action: 'activity.price_bracket.add',
        entityType: 'activity',
        entityId: input.activityId,
        details: { bracketId: created!.id, ...candidate, unitPriceCents: input.unitPrice },
      });
      return ok({ id: created!.id });
    }),
  );
}

/** « Supprimer » a bracket: its QF pay the activity's unit price again, from the next validation. */
export async function removePriceBracket(db: Db, clock: Clock, actor: Actor, input: { activityId: number; bracketId: number }): Promise<Result> {
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx) => {
      await lockActivity(tx, input.activityId);
      const [removed] = await tx.delete(activityPriceBrackets).where(eq(activityPriceBrackets.id, input.bracketId)).returning();
      if (!removed || removed.activityId !== input.activityId) throw new Refusal('Cette tranche est introuvable.');
      await recordAudit(tx, clock, actor, {
        action: 'activity.price_bracket.remove',
        entityType: 'activity',
        entityId: input.activityId,
        details: { bracketId: removed.id, qfMin: removed.qfMin, qfMax: removed.qfMax, unitPriceCents: removed.unitPriceCents },
      });
      return ok();
    }),
  );
}

async function lockActivity(tx: Db, activityId: number) {
  const [activity] = await tx.select({ id: activities.id }).from(activities).where(eq(activities.id, activityId)).for('no key update');
  if (!activity) throw new Refusal('Cette activité est introuvable.');
}
