import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activityDays, reservations } from '@/db/schema';
import type { IsoDate } from '@/lib/clock';

export interface DayWithFreedPlaces {
  activityDayId: number;
  activityId: number;
  date: IsoDate;
  capacity: number;
  /** Places taken: pending + confirmed reservations. */
  taken: number;
  waiting: number;
  freePlaces: number;
}

const taken = sql<number>`(count(*) filter (where ${reservations.status} in ('pending', 'confirmed')))::int`;
const waiting = sql<number>`(count(*) filter (where ${reservations.status} = 'waitlisted'))::int`;

/**
 * The opening days on or after `from` where a place is free and someone waits for it: the work of
 * the waiting-list promotion, found from the reservations and the days' capacities themselves
 * (the audit log is a log, not a queue), in date order.
 */
export async function daysWithFreedPlaces(db: Db, from: IsoDate): Promise<DayWithFreedPlaces[]> {
  const rows = await db
    .select({ activityDayId: activityDays.id, activityId: activityDays.activityId, date: activityDays.date, capacity: activityDays.capacity, taken, waiting })
    .from(activityDays)
    .innerJoin(reservations, and(eq(reservations.activityDayId, activityDays.id), inArray(reservations.status, ['pending', 'confirmed', 'waitlisted'])))
    .where(gte(activityDays.date, from))
    .groupBy(activityDays.id)
    .having(and(sql`${waiting} > 0`, sql`${taken} < ${activityDays.capacity}`))
    .orderBy(asc(activityDays.date), asc(activityDays.id));
  return rows.map((row) => ({ ...row, freePlaces: row.capacity - row.taken }));
}
