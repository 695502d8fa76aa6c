import { and, asc, eq, gt, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, basketItems, baskets, bookingPeriods, children, reservations } from '@/db/schema';
import { ageOn, parisToday, type Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { childBookings, dayCounts, LIVE_STATUSES, timeFacts } from './facts';
import { dayVerdict, findOverlap } from './rules';
import type { ActivityChoice, CalendarDay, CalendarView, ChildChoice } from './types';

const activityColumns = {
  id: activities.id,
  name: activities.name,
  unitPriceCents: activities.unitPriceCents,
  quantity: activities.quantity,
  arrivalTime: activities.arrivalTime,
  departureTime: activities.departureTime,
};

export async function familyChildChoices(db: Db, familyId: number): Promise<(ChildChoice & { birthDate: string })[]> {
  return db
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
    .from(children)
    .where(eq(children.familyId, familyId))
    .orderBy(asc(children.birthDate));
}

/**
 * "Activité concernée": the activities a child may book now — an opening day to come in an open
 * booking period, at an age the activity takes.
 */
export async function bookableActivities(db: Db, clock: Clock, child: { birthDate: string }): Promise<ActivityChoice[]> {
  const now = clock.now();
  const rows = await db
    .selectDistinct({ ...activityColumns, minAgeYears: activities.minAgeYears, maxAgeYears: activities.maxAgeYears, date: activityDays.date })
    .from(activityDays)
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .where(
      and(
        eq(activities.active, true),
        lte(bookingPeriods.opensAt, now),
        gt(bookingPeriods.closesAt, now),
        gt(activityDays.date, parisToday(clock)),
        eq(activityDays.closed, false),
      ),
    );
  const byId = new Map<number, ActivityChoice>();
  for (const row of rows) {
    const age = ageOn(child.birthDate, row.date);
    if (age >= row.minAgeYears && age < row.maxAgeYears && !byId.has(row.id)) {
      byId.set(row.id, {
        id: row.id,
        name: row.name,
        unitPriceCents: row.unitPriceCents,
        quantity: row.quantity,
        arrivalTime: row.arrivalTime,
        departureTime: row.departureTime,
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export type CalendarQuery = { childId: number; activityId: number; month?: string };

/** The month grid of one child and one activity, each opening day in its "Code couleur" state. */
export async function calendarView(
  db: Db,
  clock: Clock,
  familyId: number,
  query: CalendarQuery,
): Promise<Result<CalendarView>> {
  const now = clock.now();
  const today = parisToday(clock);
  // The child, the activity and its opening days are three independent reads: one round trip.
  const [[child], [activity], upcoming] = await Promise.all([
    db
      .select()
      .from(children)
      .where(and(eq(children.id, query.childId), eq(children.familyId, familyId))),
    db.select().from(activities).where(eq(activities.id, query.activityId)),
    // Every opening day still to come in a booking period that is open or will open.
    db
      .select({
        id: activityDays.id,
        date: activityDays.date,
        capacity: activityDays.capacity,
        waitlistCapacity: activityDays.waitlistCapacity,
        opensAt: bookingPeriods.opensAt,
        closesAt: bookingPeriods.closesAt,
      })
      .from(activityDays)
      .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
      .where(and(eq(activityDays.activityId, query.activityId), eq(activityDays.closed, false), gt(bookingPeriods.closesAt, now), gte(activityDays.date, today)))
      .orderBy(asc(activityDays.date)),
  ]);
  if (!child) return refused('Cet enfant ne fait pas partie de votre famille.');
  if (!activity || !activity.active) return refused('Cette activité n’existe pas.');
  const months = [...new Set(upcoming.map((day) => day.date.slice(0, 7)))];
  if (months.length === 0) return refused('Aucun jour de cette activité n’est ouvert à la réservation.');
  const month = query.month && months.includes(query.month) ? query.month : months[0]!;
  const inMonth = upcoming.filter((day) => day.date.startsWith(month));
  const ids = inMonth.map((day) => day.id);

  const [counts, elsewhere, own, requests] = await Promise.all([
    dayCounts(db, ids),
    childBookings(db, familyId, child.id, inMonth.map((day) => day.date)),
    ids.length
      ? db
          .select({ activityDayId: reservations.activityDayId, status: reservations.status, waitlistRank: reservations.waitlistRank })
          .from(reservations)
          .where(and(eq(reservations.childId, child.id), inArray(reservations.activityDayId, ids), inArray(reservations.status, [...LIVE_STATUSES])))
      : [],
    ids.length
      ? db
          .select({ activityDayId: basketItems.activityDayId, action: basketItems.action })
          .from(basketItems)
          .innerJoin(baskets, eq(baskets.id, basketItems.basketId))
          .where(and(eq(baskets.familyId, familyId), eq(basketItems.childId, child.id), inArray(basketItems.activityDayId, ids)))
      : [],
  ]);
  const ownByDay = new Map(own.map((row) => [row.activityDayId, row]));
  const requestByDay = new Map(requests.map((row) => [row.activityDayId, row.action]));

  const childName = `${child.lastName} ${child.firstName}`;
  const days: CalendarDay[] = inMonth.map((day) => {
    const mine = ownByDay.get(day.id);
    const verdict = dayVerdict({
      ...timeFacts(clock, day, activity, child),
      ...counts.get(day.id)!,
      own: mine ? { status: mine.status as 'pending', waitlistRank: mine.waitlistRank } : null,
      overlap: findOverlap(childName, { activityId: activity.id, activityName: activity.name, date: day.date, arrivalTime: activity.arrivalTime, departureTime: activity.departureTime }, elsewhere),
    });
    return { date: day.date, activityDayId: day.id, ...verdict, basket: requestByDay.get(day.id) ?? null };
  });

  return ok({
    child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
    activity: {
      id: activity.id,
      name: activity.name,
      unitPriceCents: activity.unitPriceCents,
      quantity: activity.quantity,
      arrivalTime: activity.arrivalTime,
      departureTime: activity.departureTime,
    },
    months,
    month,
    days,
    bookingOpensAt: inMonth.every((day) => day.opensAt > now) ? new Date(Math.min(...inMonth.map((day) => day.opensAt.getTime()))) : null,
  });
}

