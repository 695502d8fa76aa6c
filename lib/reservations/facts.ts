import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { activities, activityDays, basketItems, baskets, bookingPeriods, children, reservations } from '@/db/schema';
import { unitPriceOn } from '@/lib/activities/prices';
import { addDays, ageOn, parisDate, parisInstant, type Clock, type IsoDate } from '@/lib/clock';
import { modificationDeadline, type DeadlineRule } from './deadlines';
import type { LiveReservation, PlannedRequest } from './plan';
import { type ChildBooking, type TimeFacts } from './rules';

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
  /** A day the town closed is not bookable, like an activity it stopped offering. */
  closed?: boolean;
}

/** The facts of `dayVerdict` and `decideAddition`, but the counts and the child's own reservation. */
export function timeFacts(
  clock: Clock,
  day: DayContext,
  activity: DeadlineRule & { minAgeYears: number; maxAgeYears: number; active: boolean; promotionLeadDays: number },
  child: { birthDate: IsoDate },
): TimeFacts {
  const now = clock.now();
  const age = ageOn(child.birthDate, day.date);
  const deadline = modificationDeadline(day.date, activity);
  const morning = parisInstant(day.date);
  const closedSince = deadline < morning ? deadline : morning;
  const pastDeadline = now >= closedSince;
  return {
    activityActive: activity.active && !day.closed,
    windowOpen: day.opensAt <= now && now < day.closesAt,
    windowOpensLater: now < day.opensAt,
    eligible: age >= activity.minAgeYears && age < activity.maxAgeYears,
    pastDeadline,
    ...(pastDeadline ? { bookingClosedSince: closedSince } : {}),
    insidePromotionLead: parisDate(now) >= addDays(day.date, -activity.promotionLeadDays),
    capacity: day.capacity,
    waitlistCapacity: day.waitlistCapacity,
  };
}


/**
 * A basket's lines, each with what decides it apart from the day's counts, in the order the recap
 * and the result list them. Shared by "Valider" and the recap's forecast, so both plan the same lines.
 */
export async function basketRequests(db: Db, clock: Clock, familyId: number, basketId: number) {
  const rows = await db
    .select({
      item: basketItems,
      child: children,
      day: activityDays,
      activity: activities,
      period: bookingPeriods,
      // The family's price that day (its QF bracket): shown on the recap and fixed by "Valider".
      unitPriceCents: unitPriceOn(activities.id, familyId, activityDays.date).mapWith(Number),
    })
    .from(basketItems)
    .innerJoin(children, and(eq(children.id, basketItems.childId), eq(children.familyId, familyId)))
    .innerJoin(activityDays, eq(activityDays.id, basketItems.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .where(eq(basketItems.basketId, basketId))
    .orderBy(asc(activityDays.date), asc(activities.name), asc(children.firstName), asc(basketItems.id));
  return rows.map((row) => {
    const { item, child, day, activity, period, unitPriceCents } = row;
    const request: PlannedRequest = {
      action: item.action,
      childId: child.id,
      activityId: activity.id,
      activityDayId: day.id,
      unitPriceCents,
      line: {
        date: day.date,
        childName: `${child.lastName} ${child.firstName}`,
        activityName: activity.name,
        arrivalTime: activity.arrivalTime.slice(0, 5),
        departureTime: activity.departureTime.slice(0, 5),
        costCents: unitPriceCents * activity.quantity,
      },
      time: timeFacts(clock, { ...day, opensAt: period.opensAt, closesAt: period.closesAt }, activity, child),
    };
    return { ...row, request };
  });
}

/**
 * The family's live reservations on the dates concerned, in every activity: those of the days
 * requested (to cancel, or already held) and those that would put a child in two places at once.
 * The dates are given, or those of a basket's days (read with them, in the same statement).
 */
export async function liveReservations(db: Db, familyId: number, dates: IsoDate[] | { basketId: number }): Promise<LiveReservation[]> {
  if (Array.isArray(dates) && dates.length === 0) return [];
  const onDates = Array.isArray(dates)
    ? inArray(activityDays.date, [...new Set(dates)])
    : inArray(
        activityDays.date,
        db.select({ date: activityDays.date }).from(basketItems).innerJoin(activityDays, eq(activityDays.id, basketItems.activityDayId)).where(eq(basketItems.basketId, dates.basketId)),
      );
  const rows = await db
    .select({
      id: reservations.id,
      childId: reservations.childId,
      activityDayId: reservations.activityDayId,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
      activityId: activities.id,
      activityName: activities.name,
      date: activityDays.date,
      arrivalTime: activities.arrivalTime,
      departureTime: activities.departureTime,
    })
    .from(reservations)
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .where(and(eq(reservations.familyId, familyId), onDates, inArray(reservations.status, [...LIVE_STATUSES])));
  return rows.map(({ activityId, activityName, date, arrivalTime, departureTime, ...reservation }) => ({
    ...reservation,
    status: reservation.status as LiveReservation['status'],
    slot: { activityId, activityName, date, arrivalTime: arrivalTime.slice(0, 5), departureTime: departureTime.slice(0, 5) },
  }));
}

/**
 * Where a child already is on some dates, for a click and the calendar: the child's live
 * reservations (but those the basket asks to cancel, since "Valider" cancels before it adds) and
 * the days the basket asks for.
 */
export async function childBookings(db: Db, familyId: number, childId: number, dates: IsoDate[]): Promise<ChildBooking[]> {
  if (dates.length === 0) return [];
  const slotColumns = {
    activityDayId: activityDays.id,
    activityId: activities.id,
    activityName: activities.name,
    date: activityDays.date,
    arrivalTime: activities.arrivalTime,
    departureTime: activities.departureTime,
  };
  const onDates = and(eq(children.familyId, familyId), eq(children.id, childId), inArray(activityDays.date, [...new Set(dates)]));
  // The reservations held and the basket's requests, in one round trip: `status` is set on the
  // first, `action` on the second.
  const rows = await unionAll(
    db
      .select({ ...slotColumns, status: sql<string | null>`${reservations.status}::text`.as('status'), action: sql<string | null>`null::text`.as('action') })
      .from(reservations)
      .innerJoin(children, eq(children.id, reservations.childId))
      .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
      .innerJoin(activities, eq(activities.id, activityDays.activityId))
      .where(and(onDates, inArray(reservations.status, [...LIVE_STATUSES]))),
    db
      .select({ ...slotColumns, status: sql<string | null>`null::text`.as('status'), action: sql<string | null>`${basketItems.action}::text`.as('action') })
      .from(basketItems)
      .innerJoin(baskets, and(eq(baskets.id, basketItems.basketId), eq(baskets.familyId, familyId)))
      .innerJoin(children, eq(children.id, basketItems.childId))
      .innerJoin(activityDays, eq(activityDays.id, basketItems.activityDayId))
      .innerJoin(activities, eq(activities.id, activityDays.activityId))
      .where(onDates),
  );
  const held = rows.filter((row) => row.status !== null);
  const requested = rows.filter((row) => row.action !== null);
  const slot = (row: (typeof rows)[number]) => ({
    activityId: row.activityId,
    activityName: row.activityName,
    date: row.date,
    arrivalTime: row.arrivalTime.slice(0, 5),
    departureTime: row.departureTime.slice(0, 5),
  });
  const toCancel = new Set(requested.filter((row) => row.action === 'remove').map((row) => row.activityDayId));
  return [
    ...held.filter((row) => !toCancel.has(row.activityDayId)).map((row) => ({ kind: row.status === 'waitlisted' ? ('waitlisted' as const) : ('reserved' as const), slot: slot(row) })),
    ...requested.filter((row) => row.action === 'add').map((row) => ({ kind: 'requested' as const, slot: slot(row) })),
  ];
}
