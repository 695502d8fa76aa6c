import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { activityDays, basketItems, baskets, children, reservations } from '@/db/schema';
import { readCatalog, type CatalogActivity } from '@/lib/activities/catalog';
import { familyUnitPrice } from '@/lib/activities/prices';
import { ageOn, parisToday, type Clock, type IsoDate } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { childBookings, LIVE_STATUSES, timeFacts } from './facts';
import { dayVerdict, findOverlap } from './rules';
import type { ActivityChoice, CalendarDay, CalendarView, ChildChoice } from './types';

const activityChoice = (activity: CatalogActivity): ActivityChoice => ({
  id: activity.id,
  name: activity.name,
  unitPriceCents: activity.unitPriceCents,
  quantity: activity.quantity,
  arrivalTime: activity.arrivalTime,
  departureTime: activity.departureTime,
});

export async function familyChildChoices(db: Db, familyId: number): Promise<(ChildChoice & { birthDate: string })[]> {
  return db
    .select({ id: children.id, firstName: children.firstName, lastName: children.lastName, birthDate: children.birthDate })
    .from(children)
    .where(eq(children.familyId, familyId))
    .orderBy(asc(children.birthDate));
}

/**
 * "Activité concernée": the activities a child may book now — an opening day to come in an open
 * booking period, at an age the activity takes. From the catalog: nothing here is the family's.
 */
export async function bookableActivities(db: Db, clock: Clock, child: { birthDate: string }): Promise<ActivityChoice[]> {
  const now = clock.now();
  const today = parisToday(clock);
  const catalog = await readCatalog(db);
  const byId = new Map<number, ActivityChoice>();
  for (const day of catalog.days) {
    if (byId.has(day.activityId) || day.date <= today || day.opensAt > now || day.closesAt <= now) continue;
    const activity = catalog.activities.get(day.activityId);
    if (!activity?.active) continue;
    const age = ageOn(child.birthDate, day.date);
    if (age >= activity.minAgeYears && age < activity.maxAgeYears) byId.set(activity.id, activityChoice(activity));
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

interface DayState {
  /** Places taken (pending + confirmed) and the waiting list's length. */
  taken: number;
  waiting: number;
  /** The child's live reservation of the day, if any. */
  ownStatus: (typeof LIVE_STATUSES)[number] | null;
  ownRank: number | null;
  /** The family's request for the child on that day, in its basket. */
  basketAction: 'add' | 'remove' | null;
}

/**
 * Each day's counts, the child's own reservation and the basket's request for it, in one round
 * trip: what a month calendar reads for every day it shows, always fresh.
 */
async function dayStates(db: Db, familyId: number, childId: number, activityDayIds: number[]): Promise<Map<number, DayState>> {
  if (activityDayIds.length === 0) return new Map();
  const live = sql.join(
    LIVE_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  );
  const rows = rowsOf<DayState & { activityDayId: number }>(
    await db.execute(sql`
      select d.id as "activityDayId",
        count(r.id) filter (where r.status in ('pending', 'confirmed'))::int as taken,
        count(r.id) filter (where r.status = 'waitlisted')::int as waiting,
        max(r.status::text) filter (where r.child_id = ${childId} and r.status::text in (${live})) as "ownStatus",
        max(r.waitlist_rank) filter (where r.child_id = ${childId} and r.status::text in (${live}))::int as "ownRank",
        (select i.action::text from ${basketItems} i join ${baskets} b on b.id = i.basket_id
          where b.family_id = ${familyId} and i.child_id = ${childId} and i.activity_day_id = d.id) as "basketAction"
      from ${activityDays} d left join ${reservations} r on r.activity_day_id = d.id
      where d.id in (${sql.join(
        activityDayIds.map((id) => sql`${id}`),
        sql`, `,
      )})
      group by d.id`),
  );
  return new Map(rows.map(({ activityDayId, ...state }) => [activityDayId, state]));
}

export type CalendarQuery = { childId: number; activityId: number; month?: string };

/** The month grid of one child and one activity, each opening day in its "Code couleur" state. */
export async function calendarView(
  db: Db,
  clock: Clock,
  familyId: number,
  query: CalendarQuery,
): Promise<Result<CalendarView>> {
  const [child] = await db
    .select()
    .from(children)
    .where(and(eq(children.id, query.childId), eq(children.familyId, familyId)));
  if (!child) return refused('Cet enfant ne fait pas partie de votre famille.');
  return childCalendarView(db, clock, familyId, child, query);
}

/**
 * `calendarView` of a child already read as one of the family's (the Réservations page lists
 * them first): the activity and its days come from the catalog, the counts, the child's
 * reservations and the basket from the database, always fresh.
 */
export async function childCalendarView(
  db: Db,
  clock: Clock,
  familyId: number,
  child: ChildChoice & { birthDate: IsoDate },
  query: { activityId: number; month?: string },
): Promise<Result<CalendarView>> {
  const now = clock.now();
  const today = parisToday(clock);
  const catalog = await readCatalog(db);
  const activity = catalog.activities.get(query.activityId);
  if (!activity || !activity.active) return refused('Cette activité n’existe pas.');
  // Every opening day still to come in a booking period that is open or will open.
  const upcoming = catalog.days.filter((day) => day.activityId === activity.id && day.closesAt > now && day.date >= today);
  const months = [...new Set(upcoming.map((day) => day.date.slice(0, 7)))];
  if (months.length === 0) return refused('Aucun jour de cette activité n’est ouvert à la réservation.');
  const month = query.month && months.includes(query.month) ? query.month : months[0]!;
  const inMonth = upcoming.filter((day) => day.date.startsWith(month));
  const ids = inMonth.map((day) => day.id);

  // « Tarif de l'activité »: the family's price (its QF bracket) on the month's first opening day;
  // the recap gives each day's.
  const [states, elsewhere, unitPriceCents] = await Promise.all([
    dayStates(db, familyId, child.id, ids),
    childBookings(db, familyId, child.id, inMonth.map((day) => day.date)),
    familyUnitPrice(db, familyId, activity.id, inMonth[0]!.date),
  ]);

  const childName = `${child.lastName} ${child.firstName}`;
  const days: CalendarDay[] = inMonth.map((day) => {
    const state = states.get(day.id) ?? { taken: 0, waiting: 0, ownStatus: null, ownRank: null, basketAction: null };
    const verdict = dayVerdict({
      ...timeFacts(clock, day, activity, child),
      taken: state.taken,
      waiting: state.waiting,
      own: state.ownStatus ? { status: state.ownStatus as 'pending', waitlistRank: state.ownRank } : null,
      overlap: findOverlap(childName, { activityId: activity.id, activityName: activity.name, date: day.date, arrivalTime: activity.arrivalTime, departureTime: activity.departureTime }, elsewhere),
    });
    return { date: day.date, activityDayId: day.id, ...verdict, basket: state.basketAction };
  });

  return ok({
    child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
    activity: { ...activityChoice(activity), unitPriceCents },
    months,
    month,
    days,
    bookingOpensAt: inMonth.every((day) => day.opensAt > now) ? new Date(Math.min(...inMonth.map((day) => day.opensAt.getTime()))) : null,
  });
}

