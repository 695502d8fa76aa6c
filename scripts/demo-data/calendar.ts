import { addMonths, eachDayOfInterval, format, getMonth, nextMonday, parseISO, startOfISOWeek } from 'date-fns';
import { addDays, isoWeekday, parisInstant, parisToday, type Clock, type IsoDate } from '../../lib/clock';
import { firstDayOf, monthOf, previousMonth, type YearMonth } from '../../lib/calendar/months';
import { isPublicHoliday } from '../../lib/calendar/public-holidays';

// Every date of the demo data, relative to today in Paris: nothing else in this folder computes
// a date from the clock.

export interface DemoCalendar {
  now: Date;
  today: IsoDate;
  yesterday: IsoDate;
  month: YearMonth;
  previousMonth: YearMonth;
  /** Every account, child and wallet was created then. */
  accountsCreatedAt: Date;
  /** The Wednesdays since the start of the previous month, and a holiday-like week. */
  past: { startsOn: IsoDate; wednesdays: IsoDate[]; holidayWeek: IsoDate[]; dates: IsoDate[]; opensAt: Date };
  /** Open for booking since a week ago: every Wednesday of the next two months and a holiday fortnight. */
  open: { wednesdays: IsoDate[]; dates: IsoDate[]; opensAt: Date };
  /** A fortnight about three months ahead, not yet open. */
  future: { label: string; dates: IsoDate[]; opensOn: IsoDate };
  /** The school days of the past period (no ALSH), when children eat at the canteen. */
  schoolDays: IsoDate[];
  /** This fortnight's working days, each with a menu. */
  menuDays: IsoDate[];
}

const isoDate = (date: Date): IsoDate => format(date, 'yyyy-MM-dd');

const datesBetween = (from: IsoDate, to: IsoDate): IsoDate[] =>
  eachDayOfInterval({ start: parseISO(from), end: parseISO(to) }).map(isoDate);

const mondayOnOrAfter = (date: IsoDate): IsoDate =>
  isoWeekday(date) === 1 ? date : isoDate(nextMonday(parseISO(date)));

const openingDaysOfFortnight = (monday: IsoDate) =>
  datesBetween(monday, addDays(monday, 11)).filter((date) => isoWeekday(date) <= 5 && !isPublicHoliday(date));

const wednesdaysBetween = (from: IsoDate, to: IsoDate) =>
  datesBetween(from, to).filter((date) => isoWeekday(date) === 3 && !isPublicHoliday(date));

const sortedUnique = (dates: IsoDate[]) => [...new Set(dates)].sort();

function holidayLabel(start: IsoDate): string {
  const month = getMonth(parseISO(start)) + 1;
  if (month <= 3) return "Vacances d'hiver";
  if (month <= 5) return 'Vacances de printemps';
  if (month <= 8) return "Vacances d'été";
  if (month <= 11) return 'Vacances de la Toussaint';
  return 'Vacances de Noël';
}

/** The date `months` calendar months away (the 31st becomes the month's last day). */
export const monthsAway = (date: IsoDate, months: number): IsoDate => isoDate(addMonths(parseISO(date), months));

export function demoCalendar(clock: Clock): DemoCalendar {
  const now = clock.now();
  const today = parisToday(clock);
  const yesterday = addDays(today, -1);
  const month = monthOf(today);
  const lastMonth = previousMonth(month);
  const previousMonthStart = firstDayOf(lastMonth);

  // The holiday-like week is the third full week of the previous month.
  const holidayWeekMonday = addDays(mondayOnOrAfter(previousMonthStart), 14);
  const holidayWeek = datesBetween(holidayWeekMonday, addDays(holidayWeekMonday, 4)).filter(
    (date) => !isPublicHoliday(date),
  );
  const pastWednesdays = wednesdaysBetween(previousMonthStart, yesterday);

  const openWednesdays = wednesdaysBetween(addDays(today, 1), monthsAway(today, 2));
  const openFortnight = openingDaysOfFortnight(mondayOnOrAfter(addDays(today, 21)));

  const futureDates = openingDaysOfFortnight(mondayOnOrAfter(addDays(today, 90)));

  const schoolDays = datesBetween(previousMonthStart, yesterday).filter((date) => {
    const monthDay = date.slice(5);
    const summer = monthDay >= '07-06' && monthDay <= '08-31';
    const weekday = isoWeekday(date);
    return weekday !== 3 && weekday <= 5 && !holidayWeek.includes(date) && !isPublicHoliday(date) && !summer;
  });

  return {
    now,
    today,
    yesterday,
    month,
    previousMonth: lastMonth,
    accountsCreatedAt: parisInstant(addDays(previousMonthStart, -90), '09:00'),
    past: {
      startsOn: previousMonthStart,
      wednesdays: pastWednesdays,
      holidayWeek,
      dates: sortedUnique([...pastWednesdays, ...holidayWeek]),
      opensAt: parisInstant(addDays(previousMonthStart, -21), '08:00'),
    },
    open: {
      wednesdays: openWednesdays,
      dates: sortedUnique([...openWednesdays, ...openFortnight]),
      opensAt: parisInstant(addDays(today, -7), '08:00'),
    },
    future: { label: holidayLabel(futureDates[0]!), dates: futureDates, opensOn: addDays(today, 10) },
    schoolDays,
    menuDays: openingDaysOfFortnight(isoDate(startOfISOWeek(parseISO(today)))),
  };
}

/** An instant not after now: a demo row never claims to have happened in the future. */
export function notAfterNow(calendar: DemoCalendar, instant: Date): Date {
  const now = calendar.now.getTime();
  return instant.getTime() < now ? instant : new Date(now - 1000);
}
