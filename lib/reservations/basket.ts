import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, basketItems, baskets, bookingPeriods, children, reservations } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { ok, refused, Refusal, refusalAsResult, type Result } from '@/lib/result';
import { basketRequests, childBookings, dayCounts, liveReservations, LIVE_STATUSES, timeFacts } from './facts';
import { planValidation } from './plan';
import { dayVerdict, findOverlap } from './rules';
import type { BasketLine, BasketSummary, OutcomeResult } from './types';

export const REMARKS_MAX_LENGTH = 1000;

/** The family's basket, created if need be: the upsert locks its row (lock level 1 of lib/locks.ts). */
export async function openBasket(db: Db, familyId: number) {
  const [basket] = await db
    .insert(baskets)
    .values({ familyId })
    .onConflictDoUpdate({ target: baskets.familyId, set: { familyId } })
    .returning();
  return basket!;
}

/** A new version of the basket: a recap shown before it can no longer be validated. */
export const bumpBasket = (db: Db, basketId: number, clock: Clock) =>
  db
    .update(baskets)
    .set({ version: sql`${baskets.version} + 1`, updatedAt: clock.now() })
    .where(eq(baskets.id, basketId));

/**
 * A click on a calendar day: asks for the day (turns orange), asks to cancel the child's
 * reservation of it (turns green), or takes back that request. Only clickable days.
 */
export async function toggleBasketDay(
  db: Db,
  clock: Clock,
  familyId: number,
  input: { childId: number; activityDayId: number },
): Promise<Result<'add' | 'remove' | null>> {
  const [row] = await db
    .select({ child: children, activity: activities, day: activityDays, period: bookingPeriods })
    .from(activityDays)
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .innerJoin(children, and(eq(children.id, input.childId), eq(children.familyId, familyId)))
    .where(eq(activityDays.id, input.activityDayId));
  if (!row) return refused('Ce jour ou cet enfant est introuvable.');

  // A click toggles: run again after a COMMIT whose answer was lost, it would take back what it did.
  // So it runs again only when its connection was lost before the COMMIT (lockingTransaction).
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx): Promise<Result<'add' | 'remove' | null>> => {
      // Lock order of lib/locks.ts: the upsert locks the family's basket row; a click takes no place, so no day lock.
      // Under that lock the child's other bookings cannot change: only "Valider" creates
      // reservations, and it holds the same lock (a click during a validation waits for it).
      const basket = await openBasket(tx, familyId);
      const [existing] = await tx
        .select()
        .from(basketItems)
        .where(and(eq(basketItems.basketId, basket.id), eq(basketItems.childId, input.childId), eq(basketItems.activityDayId, input.activityDayId)));
      if (existing) {
        await tx.delete(basketItems).where(eq(basketItems.id, existing.id));
        await bumpBasket(tx, basket.id, clock);
        return ok(null);
      }
      const [own] = await tx
        .select({ status: reservations.status, waitlistRank: reservations.waitlistRank })
        .from(reservations)
        .where(
          and(
            eq(reservations.childId, input.childId),
            eq(reservations.activityDayId, input.activityDayId),
            inArray(reservations.status, [...LIVE_STATUSES]),
          ),
        );
      const [counts, elsewhere] = await Promise.all([
        dayCounts(tx, [input.activityDayId]).then((all) => all.get(input.activityDayId)!),
        childBookings(tx, familyId, input.childId, [row.day.date]),
      ]);
      const slot = { activityId: row.activity.id, activityName: row.activity.name, date: row.day.date, arrivalTime: row.activity.arrivalTime, departureTime: row.activity.departureTime };
      const verdict = dayVerdict({
        ...timeFacts(clock, { ...row.day, opensAt: row.period.opensAt, closesAt: row.period.closesAt }, row.activity, row.child),
        ...counts,
        own: own ? { status: own.status as 'pending', waitlistRank: own.waitlistRank } : null,
        overlap: findOverlap(`${row.child.lastName} ${row.child.firstName}`, slot, elsewhere),
      });
      // Thrown, not returned: the transaction rolls back and a refused click leaves no basket behind.
      if (!verdict.clickable) throw new Refusal(verdict.reason ?? 'Ce jour ne peut pas être modifié.');
      const action = own ? ('remove' as const) : ('add' as const);
      await tx.insert(basketItems).values({ basketId: basket.id, childId: input.childId, activityDayId: input.activityDayId, action, addedAt: clock.now() });
      await bumpBasket(tx, basket.id, clock);
      return ok(action);
    }),
  );
}

/**
 * "Récapitulatif de vos demandes": the basket's additions and cancellations, each with what
 * "Valider" would do with it now. The forecast is planValidation over the facts as they are (no
 * locks, nothing written), so a day that filled up, passed its deadline or closed while it waited
 * in the basket is flagged with its reason, and the totals count only the days that would be
 * reserved or cancelled. Validation re-decides under the locks; the recap says what it would say.
 */
export async function basketSummary(db: Db, clock: Clock, familyId: number): Promise<BasketSummary> {
  const [basket] = await db.select().from(baskets).where(eq(baskets.familyId, familyId));
  const empty: BasketSummary = { basketId: basket?.id ?? null, version: basket?.version ?? 0, remarks: basket?.remarks ?? '', additions: [], removals: [], additionsTotalCents: 0, removalsTotalCents: 0 };
  if (!basket) return empty;
  const rows = await basketRequests(db, clock, familyId, basket.id);
  const dayIds = [...new Set(rows.map((row) => row.day.id))];
  const dates = rows.map((row) => row.day.date);
  const [counts, live] = await Promise.all([dayCounts(db, dayIds), liveReservations(db, familyId, dates)]);
  const { outcomeOf } = planValidation({ requests: rows.map((row) => row.request), counts, live });
  const lines: BasketLine[] = rows.map(({ item, child, activity, request }) => {
    const outcome = outcomeOf.get(request)!;
    return {
      itemId: item.id,
      childId: child.id,
      activityDayId: request.activityDayId,
      activityId: activity.id,
      action: request.action,
      ...request.line,
      forecast: { result: outcome.result, waitlistRank: outcome.waitlistRank, reason: outcome.reason },
    };
  });
  const additions = lines.filter((line) => line.action === 'add');
  const removals = lines.filter((line) => line.action === 'remove');
  const total = (list: BasketLine[], result: OutcomeResult) => list.filter((line) => line.forecast.result === result).reduce((sum, line) => sum + line.costCents, 0);
  return { ...empty, additions, removals, additionsTotalCents: total(additions, 'pending'), removalsTotalCents: total(removals, 'cancelled') };
}

export async function setBasketRemarks(db: Db, clock: Clock, familyId: number, remarks: string) {
  const basket = await openBasket(db, familyId);
  await db
    .update(baskets)
    .set({ remarks: remarks.trim() || null, version: sql`${baskets.version} + 1`, updatedAt: clock.now() })
    .where(eq(baskets.id, basket.id));
}

/** "Abandonner": clears every request not yet validated. */
export async function abandonBasket(db: Db, clock: Clock, familyId: number, actor: Actor) {
  // Idempotent: run again after a lost COMMIT, it finds no basket and writes nothing.
  await lockingTransaction(
    db,
    async (tx) => {
      const deleted = await tx.delete(baskets).where(eq(baskets.familyId, familyId)).returning({ id: baskets.id });
      if (deleted.length) await recordAudit(tx, clock, actor, { action: 'basket.abandon', entityType: 'basket', entityId: deleted[0]!.id, familyId });
    },
    { idempotent: true },
  );
}
