import { isPublicHoliday } from '@/lib/calendar/public-holidays';
import { addDays, isoWeekday, parisInstant, type IsoDate } from '@/lib/clock';

export interface DeadlineRule {
  /** N days before the day… */
  deadlineDays: number;
  /** …at HH:MM (Paris)… */
  deadlineTime: string;
  /** …counting only working days (no weekend, no French public holiday) when true. */
  deadlineCountsWorkingDays: boolean;
}

export const isWorkingDay = (date: IsoDate) => isoWeekday(date) <= 5 && !isPublicHoliday(date);

// Counted in working days, a deadline walks back day by day: each day's is computed once (bounded).
const workingDayDeadlines = new Map<string, IsoDate>();
const DEADLINES_KEPT = 10_000;

/** The calendar date on which the modification deadline of `day` falls. */
export function deadlineDate(day: IsoDate, rule: DeadlineRule): IsoDate {
  if (!rule.deadlineCountsWorkingDays) return addDays(day, -rule.deadlineDays);
  const key = `${day} ${rule.deadlineDays}`;
  let date = workingDayDeadlines.get(key);
  if (date === undefined) {
    date = day;
    let counted = 0;
    while (counted < rule.deadlineDays) {
      date = addDays(date, -1);
      if (isWorkingDay(date)) counted++;
    }
    if (workingDayDeadlines.size >= DEADLINES_KEPT) workingDayDeadlines.clear();
    workingDayDeadlines.set(key, date);
  }
  return date;
}

/** The instant after which a reservation of `day` can no longer be made, changed or cancelled. */
export function modificationDeadline(day: IsoDate, rule: DeadlineRule): Date {
  return parisInstant(deadlineDate(day, rule), rule.deadlineTime.slice(0, 5));
}

export const isPastDeadline = (day: IsoDate, rule: DeadlineRule, now: Date) => now.getTime() >= modificationDeadline(day, rule).getTime();
