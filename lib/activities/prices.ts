import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, reservations } from '@/db/schema';
import type { IsoDate } from '@/lib/clock';

/*
 * Prices by quotient familial. The unit price a family pays for an activity on a day is the
 * bracket of the activity's grid holding the family's QF in force that day; without a QF that day,
 * or when no bracket holds it, the activity's own unit price. The rule is one database function,
 * family_unit_price_cents (migration 0021), so that the recap, "Valider", Soldes' estimate and the
 * posting cannot disagree on it.
 *
 * "Valider" fixes the price of each reservation it creates (reservations.unit_price_cents): what
 * is estimated and posted afterwards is that price, whatever the family's QF or the grid become.
 * Reservations without a fixed price (made before prices by QF) follow the rule of the day.
 */

/** The rule, as an SQL expression over columns or values. */
export const unitPriceOn = (activityId: SQL | unknown, familyId: SQL | unknown, date: SQL | unknown) =>
  sql<number>`family_unit_price_cents(${activityId}, ${familyId}, ${date}::date)`;

/** A reservation's unit price (in a query joining reservations, activity_days and activities). */
export const reservationUnitPrice = sql<number>`coalesce(${reservations.unitPriceCents}, ${unitPriceOn(activities.id, reservations.familyId, activityDays.date)})`;

/**
 * What a family pays per unit for an activity on a day. Through the query builder, so that it is
 * sent as a prepared statement (db/reconnecting.ts): the calendar asks it on every render.
 */
export async function familyUnitPrice(db: Db, familyId: number, activityId: number, date: IsoDate): Promise<number> {
  const [row] = await db
    .select({ price: unitPriceOn(activities.id, familyId, date).mapWith(Number) })
    .from(activities)
    .where(eq(activities.id, activityId));
  if (!row || row.price == null) throw new Error(`No price for activity ${activityId}.`);
  return row.price;
}
