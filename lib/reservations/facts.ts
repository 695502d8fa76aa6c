import { and, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { reservations } from '@/db/schema';
import { ageOn, parisToday, type Clock, type IsoDate } from '@/lib/clock';
import { isPastDeadline, type DeadlineRule } from './deadlines';
import type { TimeFacts } from './rules';

export const LIVE_STATUSES = ['pending', 'confirmed', 'waitlisted', 'attended', 'absent'] as const;

/** Places taken (pending + confirmed) and waiting-list length of each opening day. */
export async function dayCounts(db: Db, activityDayIds: number[]) {
  const counts = new Map<number, { taken: number; waiting: number }>();
  for (const id of activityDayIds) counts.set(id, { taken: 0, waiting: 0 });
  if (activityDayIds.length === 0) return counts;
  const rows = await db
    .select({
      activityDayId: reservations.activityDayId,
      taken: sql<number>`count(*) filter (where ${reservations.status} in ('pending', 'confirmed'))::int`,
      waiting: sql<number>`count(*) filter (where ${reservations.status} = 'waitlisted')::int`,
    })
    .from(reservations)
    .where(and(inArray(reservations.activityDayId, activityDayIds), inArray(reservations.status, ['pending', 'confirmed', 'waitlisted'])))
    .groupBy(reservations.activityDayId);
  for (const row of rows) counts.set(row.activityDayId, { taken: row.taken, waiting: row.waiting });
  return counts;
}

export interface DayContext {
  date: IsoDate;
  capacity: number;
  waitlistCapacity: number;
  opensAt: Date;
  closesAt: Date;
}

/** The facts of `dayVerdict` and `decideAddition`, but the counts and the child's own reservation. */
export function timeFacts(
  clock: Clock,
  day: DayContext,
  activity: DeadlineRule & { minAgeYears: number; maxAgeYears: number; active: boolean },
  child: { birthDate: IsoDate },
): TimeFacts {
  const now = clock.now();
  const age = ageOn(child.birthDate, day.date);
  return {
    activityActive: activity.active,
    windowOpen: day.opensAt <= now && now < day.closesAt,
    windowOpensLater: now < day.opensAt,
    eligible: age >= activity.minAgeYears && age < activity.maxAgeYears,
    pastDeadline: day.date <= parisToday(clock) || isPastDeadline(day.date, activity, now),
    capacity: day.capacity,
    waitlistCapacity: day.waitlistCapacity,
  };
}

