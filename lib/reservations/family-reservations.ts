import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, children, reservations } from '@/db/schema';
import { parisToday, type Clock } from '@/lib/clock';
import type { FamilyReservationRow } from './types';

export interface FamilyReservationFilter {
  scope: 'upcoming' | 'past';
  childId?: number;
  activityId?: number;
}

/** The "Suivi" tab: the family's reservations, upcoming (soonest first) or past (latest first). */
export async function familyReservations(db: Db, clock: Clock, familyId: number, filter: FamilyReservationFilter): Promise<FamilyReservationRow[]> {
  const today = parisToday(clock);
  const rows = await db
    .select({
      reservationId: reservations.id,
      date: activityDays.date,
      childId: children.id,
      firstName: children.firstName,
      lastName: children.lastName,
      activityId: activities.id,
      activityName: activities.name,
      arrivalTime: activities.arrivalTime,
      departureTime: activities.departureTime,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
    })
    .from(reservations)
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(children, eq(children.id, reservations.childId))
    .where(
      and(
        eq(reservations.familyId, familyId),
        filter.scope === 'upcoming' ? gte(activityDays.date, today) : lt(activityDays.date, today),
        filter.childId ? eq(reservations.childId, filter.childId) : undefined,
        filter.activityId ? eq(activities.id, filter.activityId) : undefined,
      ),
    )
    .orderBy(
      filter.scope === 'upcoming' ? asc(activityDays.date) : desc(activityDays.date),
      asc(activities.name),
      asc(children.firstName),
      desc(reservations.id),
    )
    .limit(1000);
  return rows.map((row) => ({
    reservationId: row.reservationId,
    date: row.date,
    childId: row.childId,
    childName: `${row.lastName} ${row.firstName}`,
    activityId: row.activityId,
    activityName: row.activityName,
    arrivalTime: row.arrivalTime.slice(0, 5),
    departureTime: row.departureTime.slice(0, 5),
    status: row.status,
    waitlistRank: row.waitlistRank,
  }));
}
