import { and, asc, eq, inArray, isNull, lte, not, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, consumptions, reservations, walletTypes } from '@/db/schema';
import { reservationUnitPrice } from '@/lib/activities/prices';
import type { IsoDate } from '@/lib/clock';
import { walletBalances } from './balances';
import { estimateWallets, type ReservationCost } from './rules';

/**
 * Reservations that will be debited: held (pending or confirmed), attended, or absent without
 * justification, not posted yet. Waitlisted, refused, cancelled and "absent justifié" ones cost
 * nothing.
 */
export const COSTED_RESERVATION_STATUSES = ['pending', 'confirmed', 'attended', 'absent'] as const;

/**
 * The cost of a family's reservations not yet posted as consumptions, on days up to `until`
 * (past days included: a reservation is costed until its consumption is posted), per wallet type.
 * Each at the price it will be posted at: the one fixed by "Valider" (lib/activities/prices.ts).
 */
export async function unpostedReservationCosts(db: Db, familyId: number, until: IsoDate): Promise<ReservationCost[]> {
  return db
    .select({
      walletTypeId: walletTypes.id,
      walletType: walletTypes.label,
      costCents: sql<number>`sum(${reservationUnitPrice} * ${activities.quantity})::int`,
    })
    .from(reservations)
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(walletTypes, eq(walletTypes.id, activities.walletTypeId))
    .leftJoin(consumptions, eq(consumptions.reservationId, reservations.id))
    .where(
      and(
        eq(reservations.familyId, familyId),
        inArray(reservations.status, [...COSTED_RESERVATION_STATUSES]),
        or(isNull(reservations.absenceJustified), not(reservations.absenceJustified)),
        lte(activityDays.date, until),
        isNull(consumptions.id),
      ),
    )
    .groupBy(walletTypes.id, walletTypes.label, walletTypes.position)
    .orderBy(asc(walletTypes.position), asc(walletTypes.label));
}

/** "Soldes et paiements": each wallet's balance, the estimated cost of its reservations up to a date, and the new balance. */
export async function walletEstimates(db: Db, familyId: number, until: IsoDate) {
  const [balances, costs] = await Promise.all([walletBalances(db, familyId), unpostedReservationCosts(db, familyId, until)]);
  return estimateWallets(balances, costs);
}
