import type { Db } from '../../db/client';
import * as t from '../../db/schema';
import { ageOn, parisInstant, type IsoDate } from '../../lib/clock';
import type { DemoCalendar } from './calendar';
import { inChunks } from './in-chunks';
import { CDC, walletTypeId, type WalletCode, type WalletType } from './ledger';

// The town's activities, its three booking periods (past, open, future) and their opening days.

export type Activity = typeof t.activities.$inferSelect;
export type ActivityDay = typeof t.activityDays.$inferSelect;

interface ActivitySpec {
  code: string;
  name: string;
  wallet: WalletCode;
  unitPriceCents: number;
  quantity: number;
  arrivalTime: string;
  departureTime: string;
  minAgeYears: number;
  maxAgeYears: number;
  defaultCapacity: number;
  defaultWaitlistCapacity: number;
  deadlineDays: number;
  deadlineTime: string;
  deadlineCountsWorkingDays: boolean;
}

const alsh = (
  code: string,
  name: string,
  unitPriceCents: number,
  quantity: number,
  [arrivalTime, departureTime]: [string, string],
  [minAgeYears, maxAgeYears]: [number, number],
  defaultCapacity: number,
  deadline: { days: number; workingDays: boolean } = { days: 2, workingDays: false },
): ActivitySpec => ({
  code,
  name,
  wallet: CDC,
  unitPriceCents,
  quantity,
  arrivalTime,
  departureTime,
  minAgeYears,
  maxAgeYears,
  defaultCapacity,
  defaultWaitlistCapacity: 5,
  deadlineDays: deadline.days,
  deadlineTime: '12:00',
  deadlineCountsWorkingDays: deadline.workingDays,
});

const ALSH_ACTIVITIES: ActivitySpec[] = [
  alsh('ALSH36-MATIN', 'ALSH 3-6 ans Matin', 475, 1, ['09:00', '13:30'], [3, 6], 24),
  alsh('ALSH36-APM', 'ALSH 3-6 ans Après-midi', 475, 1, ['12:00', '17:30'], [3, 6], 20),
  alsh('ALSH36-JOURNEE', 'ALSH 3-6 ans Journée', 665, 2, ['09:00', '17:30'], [3, 6], 24),
  alsh('ALSH612-MATIN', 'ALSH 6-12 ans Matin', 1035, 1, ['09:00', '13:30'], [6, 12], 24),
  alsh('ALSH612-JOURNEE', 'ALSH 6-12 ans Journée', 1485, 1, ['09:00', '17:30'], [6, 12], 22, {
    days: 3,
    workingDays: true,
  }),
];

// Consumed, not reserved: they have no opening days, only consumptions.
const CONSUMED_ACTIVITIES: ActivitySpec[] = [
  {
    ...alsh('RESTAURATION', 'Restauration scolaire', 345, 1, ['11:30', '13:30'], [3, 12], 250),
    wallet: 'RESTAURATION',
    defaultWaitlistCapacity: 0,
  },
  {
    ...alsh('PERI-MATIN', 'Accueil périscolaire matin', 120, 1, ['07:30', '08:30'], [3, 12], 60),
    wallet: 'PERISCOLAIRE',
    defaultWaitlistCapacity: 0,
  },
];

export interface DemoActivities {
  rows: Activity[];
  /** The reservable ones, in the order of ALSH_ACTIVITIES. */
  alsh: Activity[];
  byCode(code: string): Activity;
  byId(id: number): Activity;
}

export async function insertActivities(db: Db, walletTypes: WalletType[]): Promise<DemoActivities> {
  const rows = await db
    .insert(t.activities)
    .values(
      [...ALSH_ACTIVITIES, ...CONSUMED_ACTIVITIES].map(({ wallet, ...spec }) => ({
        ...spec,
        walletTypeId: walletTypeId(walletTypes, wallet),
        approval: 'automatic' as const,
      })),
    )
    .returning();
  const byCode = (code: string) => rows.find((a) => a.code === code)!;
  const byId = new Map(rows.map((a) => [a.id, a]));
  return { rows, alsh: ALSH_ACTIVITIES.map((spec) => byCode(spec.code)), byCode, byId: (id) => byId.get(id)! };
}

/** Whether a child is of age for an activity on a date. */
export function isEligible(
  child: { birthDate: IsoDate },
  activity: { minAgeYears: number; maxAgeYears: number },
  date: IsoDate,
): boolean {
  const age = ageOn(child.birthDate, date);
  return age >= activity.minAgeYears && age < activity.maxAgeYears;
}

/** The activity whose days of the open period are full. */
export const FULL_ACTIVITY = 'ALSH36-APM';

export interface FullDay {
  date: IsoDate;
  capacity: number;
  waitlistCapacity: number;
  /** How many children wait on it. */
  waitlisted: number;
}

/**
 * The afternoon 3-6 of the open period's 2nd Wednesday is full with room on the waiting list;
 * on the 3rd Wednesday both are full.
 */
export const fullDays = (calendar: DemoCalendar): FullDay[] => [
  { date: calendar.open.wednesdays[1]!, capacity: 8, waitlistCapacity: 4, waitlisted: 2 },
  { date: calendar.open.wednesdays[2]!, capacity: 8, waitlistCapacity: 3, waitlisted: 3 },
];

export type BookingPeriod = typeof t.bookingPeriods.$inferSelect;

export interface DemoPeriods {
  past: BookingPeriod;
  open: BookingPeriod;
  future: BookingPeriod;
}

export async function insertBookingPeriods(db: Db, calendar: DemoCalendar): Promise<DemoPeriods> {
  const { past, open, future } = calendar;
  const [pastPeriod, openPeriod, futurePeriod] = await db
    .insert(t.bookingPeriods)
    .values([
      {
        label: 'Période passée',
        startsOn: past.startsOn,
        endsOn: calendar.yesterday,
        opensAt: past.opensAt,
        closesAt: parisInstant(calendar.yesterday, '23:59'),
      },
      {
        label: 'Mercredis et vacances',
        startsOn: open.dates[0]!,
        endsOn: open.dates.at(-1)!,
        opensAt: open.opensAt,
        closesAt: parisInstant(open.dates.at(-1)!, '23:59'),
      },
      {
        label: future.label,
        startsOn: future.dates[0]!,
        endsOn: future.dates.at(-1)!,
        opensAt: parisInstant(future.opensOn, '08:00'),
        closesAt: parisInstant(future.dates.at(-1)!, '23:59'),
      },
    ])
    .returning();
  return { past: pastPeriod!, open: openPeriod!, future: futurePeriod! };
}

export interface DemoOpeningDays {
  rows: ActivityDay[];
  dayOf(code: string, date: IsoDate): ActivityDay;
  byId(id: number): ActivityDay;
}

/** Every ALSH activity opens on every date of each period; the full days have a smaller capacity. */
export async function insertOpeningDays(
  db: Db,
  activities: DemoActivities,
  periods: DemoPeriods,
  calendar: DemoCalendar,
): Promise<DemoOpeningDays> {
  const full = fullDays(calendar);
  const fullActivityId = activities.byCode(FULL_ACTIVITY).id;
  const daysFor = (period: BookingPeriod, dates: IsoDate[]) =>
    dates.flatMap((date) =>
      activities.alsh.map((a) => {
        const fullDay = period.id === periods.open.id && a.id === fullActivityId && full.find((d) => d.date === date);
        return {
          activityId: a.id,
          bookingPeriodId: period.id,
          date,
          capacity: fullDay ? fullDay.capacity : a.defaultCapacity,
          waitlistCapacity: fullDay ? fullDay.waitlistCapacity : a.defaultWaitlistCapacity,
        };
      }),
    );
  const rows = await inChunks(
    [
      ...daysFor(periods.past, calendar.past.dates),
      ...daysFor(periods.open, calendar.open.dates),
      ...daysFor(periods.future, calendar.future.dates),
    ],
    (chunk) => db.insert(t.activityDays).values(chunk).returning(),
  );
  // One day per activity and date (a unique index says so).
  const byActivityAndDate = new Map(rows.map((d) => [`${d.activityId}:${d.date}`, d]));
  const byId = new Map(rows.map((d) => [d.id, d]));
  return {
    rows,
    dayOf: (code, date) => byActivityAndDate.get(`${activities.byCode(code).id}:${date}`)!,
    byId: (id) => byId.get(id)!,
  };
}
