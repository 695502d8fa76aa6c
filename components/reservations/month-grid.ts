import { addDays, isoWeekday, type IsoDate } from '@/lib/clock';
import type { CalendarDay } from '@/lib/reservations/types';

export interface GridCell {
  date: IsoDate;
  /** False for the dates of the previous or next month that complete the first and last weeks. */
  inMonth: boolean;
  /** The activity's opening day on that date, or null: the date is not open for booking. */
  day: CalendarDay | null;
}

/** The weeks (Monday to Sunday) covering a month 'YYYY-MM', each date with its opening day if any. */
export function monthWeeks(month: string, days: CalendarDay[]): GridCell[][] {
  const byDate = new Map(days.map((day) => [day.date, day]));
  const first: IsoDate = `${month}-01`;
  let date = addDays(first, 1 - isoWeekday(first));
  const weeks: GridCell[][] = [];
  while (weeks.length === 0 || date.startsWith(month)) {
    const week: GridCell[] = [];
    for (let i = 0; i < 7; i++, date = addDays(date, 1)) {
      const inMonth = date.startsWith(month);
      week.push({ date, inMonth, day: inMonth ? (byDate.get(date) ?? null) : null });
    }
    weeks.push(week);
  }
  return weeks;
}
