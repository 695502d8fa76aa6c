import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import { addDays, parisInstant, type IsoDate } from '../../lib/clock';
import { firstDayOf } from '../../lib/calendar/months';
import {
  FULL_ACTIVITY,
  fullDays,
  isEligible,
  type ActivityDay,
  type DemoActivities,
  type DemoOpeningDays,
  type DemoPeriods,
} from './activities';
import { notAfterNow, type DemoCalendar } from './calendar';
import { inChunks } from './in-chunks';
import type { DemoChild, DemoPeople } from './people';
import type { DemoRandom } from './random';

// The past period: DUPONT's history as in the guide, the attended days of a third of the other
// families, and FAURE's day that the overnight job has not posted yet. The open period: DUPONT's bookings, the two full days, and the other families'
// habits (some requests still waiting for the overnight transmission, a few cancelled).
// A child goes to at most one ALSH activity a day, and every day other than the full ones keeps
// free places.

type ReservationStatus = (typeof t.reservationStatus.enumValues)[number];

/**
 * The family whose last day of the past period is reserved and over but not yet posted: the next
 * `postConsumptions` charges it. Not one of the families that book the past period's days.
 */
export const UNPOSTED_DAY_FAMILY = 'faure';
export type Reservation = typeof t.reservations.$inferSelect;

/** The reservations to insert, and what they already take. */
function reservationBook() {
  const rows: Array<typeof t.reservations.$inferInsert> = [];
  const busy = new Set<string>();
  const live = new Map<number, number>();
  const reserve = (
    child: DemoChild,
    day: ActivityDay,
    status: ReservationStatus,
    requestedAt: Date,
    extra: { waitlistRank?: number; updatedAt?: Date } = {},
  ) => {
    if (status !== 'cancelled' && status !== 'refused') {
      busy.add(`${child.id}:${day.date}`);
      if (status !== 'waitlisted') live.set(day.id, (live.get(day.id) ?? 0) + 1);
    }
    rows.push({
      familyId: child.familyId,
      childId: child.id,
      activityDayId: day.id,
      status,
      waitlistRank: extra.waitlistRank ?? null,
      requestedAt,
      requestedBy: child.guardianId,
      updatedAt: extra.updatedAt ?? requestedAt,
      // The demo's history was told already: the first daily report tells only what changes next.
      reportedAt: extra.updatedAt ?? requestedAt,
    });
  };
  return {
    rows,
    reserve,
    isFree: (child: DemoChild, date: IsoDate) => !busy.has(`${child.id}:${date}`),
    /** Places taken on a day (waiting list aside). */
    taken: (day: ActivityDay) => live.get(day.id) ?? 0,
  };
}
type ReservationBook = ReturnType<typeof reservationBook>;

interface Context {
  calendar: DemoCalendar;
  random: DemoRandom;
  activities: DemoActivities;
  days: DemoOpeningDays;
  periods: DemoPeriods;
  people: DemoPeople;
  book: ReservationBook;
}

export async function insertReservations(db: Db, facts: Omit<Context, 'book'>): Promise<Reservation[]> {
  const context: Context = { ...facts, book: reservationBook() };
  bookPastPeriod(context);
  bookOpenPeriod(context);
  return inChunks(context.book.rows, (chunk) => db.insert(t.reservations).values(chunk).returning());
}

function bookPastPeriod(context: Context) {
  const { calendar, random, days, people, book } = context;
  const { liou, antoine } = people;
  const monthStart = firstDayOf(calendar.month);
  const attend = (child: DemoChild, code: string, date: IsoDate) => {
    const requestedOn = addDays(calendar.past.startsOn, date < monthStart ? -20 : -13);
    book.reserve(child, days.dayOf(code, date), 'attended', parisInstant(requestedOn, '20:30'), {
      updatedAt: parisInstant(date, '18:00'),
    });
  };
  for (const date of calendar.past.wednesdays) {
    if (calendar.past.holidayWeek.includes(date)) continue;
    attend(liou, 'ALSH612-MATIN', date);
    attend(antoine, 'ALSH36-MATIN', date);
  }
  calendar.past.holidayWeek.slice(0, 4).forEach((date, i) => {
    attend(antoine, 'ALSH36-JOURNEE', date);
    if (i < 3) attend(liou, 'ALSH612-JOURNEE', date);
  });

  const pool = people.otherChildren.filter((child) => people.familyIndex.get(child.familyId)! % 3 === 0);
  fillHabitually(context, calendar.past.dates, pool, 0.8, (child, day) =>
    book.reserve(
      child,
      day,
      'attended',
      random.between(calendar.past.opensAt, parisInstant(addDays(day.date, -3), '20:00')),
      { updatedAt: parisInstant(day.date, '18:00') },
    ),
  );

  const lastDay = calendar.past.dates.at(-1)!;
  const family = people.otherFamilies.find((f) => f.identifier === UNPOSTED_DAY_FAMILY)!;
  const child = people.otherChildren.find((c) => c.familyId === family.id && book.isFree(c, lastDay))!;
  book.reserve(child, days.dayOf(child.habit, lastDay), 'confirmed', parisInstant(addDays(lastDay, -6), '20:30'));
}

/**
 * DUPONT: Liou on the first two Wednesday mornings, Antoine waiting for the overnight
 * transmission on the 4th Wednesday; never Antoine on the afternoon 3-6.
 */
function bookOpenPeriod(context: Context) {
  const { calendar, random, days, people, book } = context;
  const { today, yesterday, open } = calendar;
  let pendingCount = 0;
  const requestedToday = () => {
    const k = pendingCount++;
    const wanted = new Date(parisInstant(today, '07:00').getTime() + k * 4 * 60_000);
    return notAfterNow(calendar, wanted);
  };
  const requestedLastWeek = () => random.between(open.opensAt, parisInstant(yesterday, '22:00'));
  const minutesAfterOpening = (minutes: number) => new Date(open.opensAt.getTime() + minutes * 60_000);

  book.reserve(people.liou, days.dayOf('ALSH612-MATIN', open.wednesdays[0]!), 'confirmed', minutesAfterOpening(47));
  book.reserve(people.liou, days.dayOf('ALSH612-MATIN', open.wednesdays[1]!), 'confirmed', minutesAfterOpening(48));
  book.reserve(people.antoine, days.dayOf('ALSH36-MATIN', open.wednesdays[3]!), 'pending', requestedToday());

  fillFullDays(context, minutesAfterOpening);

  fillHabitually(
    context,
    open.dates,
    people.otherChildren,
    1,
    (child, day) => {
      if (random.chance(0.05)) book.reserve(child, day, 'pending', requestedToday());
      else book.reserve(child, day, 'confirmed', requestedLastWeek());
    },
    (child, day) => {
      if (random.chance(0.03)) {
        const requestedAt = requestedLastWeek();
        const cancelledAt = new Date(
          Math.min(requestedAt.getTime() + random.int(2, 30) * 60 * 60_000, parisInstant(yesterday, '23:30').getTime()),
        );
        book.reserve(child, day, 'cancelled', requestedAt, { updatedAt: cancelledAt });
      }
    },
  );
}

/** The full days: every place confirmed soon after opening, then the waiting list in rank order. */
function fillFullDays(context: Context, minutesAfterOpening: (minutes: number) => Date) {
  const { calendar, random, activities, days, people, book } = context;
  const afternoon = activities.byCode(FULL_ACTIVITY);
  fullDays(calendar).forEach((full, f) => {
    const day = days.dayOf(afternoon.code, full.date);
    const takers = random
      .shuffle(
        people.otherChildren.filter((child) => isEligible(child, afternoon, full.date) && book.isFree(child, full.date)),
      )
      .slice(0, full.capacity + full.waitlisted);
    if (takers.length < full.capacity + full.waitlisted) throw new Error('Not enough 3-6 year-olds to fill a day.');
    takers.forEach((child, i) => {
      if (i < full.capacity) {
        book.reserve(child, day, 'confirmed', minutesAfterOpening(5 + i * 23 + f * 11));
      } else {
        const rank = i - full.capacity + 1;
        const requestedAt = new Date(parisInstant(addDays(calendar.today, -3), '19:00').getTime() + rank * 17 * 60_000);
        book.reserve(child, day, 'waitlisted', requestedAt, { waitlistRank: rank });
      }
    });
  });
}

/**
 * Each child of the pool books its habitual activity on a date with its assiduity (times a
 * factor), leaving three places free on every day; `skip` sees the children who do not book.
 */
function fillHabitually(
  context: Context,
  dates: IsoDate[],
  pool: DemoChild[],
  assiduityFactor: number,
  reserve: (child: DemoChild, day: ActivityDay) => void,
  skip: (child: DemoChild, day: ActivityDay) => void = () => {},
) {
  const { calendar, random, activities, days, periods, book } = context;
  const full = fullDays(calendar);
  const fullActivityId = activities.byCode(FULL_ACTIVITY).id;
  for (const date of dates) {
    for (const a of activities.alsh) {
      const day = days.dayOf(a.code, date);
      if (a.id === fullActivityId && day.bookingPeriodId === periods.open.id && full.some((d) => d.date === date)) {
        continue;
      }
      const limit = Math.max(0, day.capacity - 3 - book.taken(day));
      let booked = 0;
      for (const child of pool) {
        if (child.habit !== a.code || !isEligible(child, a, date) || !book.isFree(child, date)) continue;
        if (booked < limit && random.chance(child.assiduity * assiduityFactor)) {
          reserve(child, day);
          booked++;
        } else {
          skip(child, day);
        }
      }
    }
  }
}
