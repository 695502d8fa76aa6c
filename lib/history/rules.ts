import { isoWeekday, type IsoDate } from '@/lib/clock';
import { firstDayOf, lastDayOf, monthOf, nextMonth, parseYearMonth, previousMonth, type YearMonth } from '@/lib/calendar/months';
import { sumCents } from '@/lib/money';

export interface MonthSelection {
  /** The month shown. */
  month: YearMonth;
  /** The month before it: always reachable with the arrows. */
  previous: YearMonth;
  /** The month after it, or null when it is the current month (no history of the future). */
  next: YearMonth | null;
  /** A French message when the requested month could not be shown and the current one is. */
  notice: string | null;
}

export const MONTH_NOT_RECOGNISED = 'Le mois demandé n’est pas reconnu : voici le mois en cours.';
export const MONTH_IN_THE_FUTURE = 'Ce mois n’est pas encore commencé : voici le mois en cours.';

/**
 * The month a history page shows, from its `mois` URL parameter ('YYYY-MM') and today's Paris
 * date. A missing parameter means the current month; a malformed or future one falls back to
 * the current month with a notice.
 */
export function selectHistoryMonth(param: string | string[] | undefined, today: IsoDate): MonthSelection {
  const current = monthOf(today);
  let month = current;
  let notice: string | null = null;
  if (param !== undefined) {
    const requested = parseYearMonth(param);
    if (!requested) notice = MONTH_NOT_RECOGNISED;
    else if (requested > current) notice = MONTH_IN_THE_FUTURE;
    else month = requested;
  }
  return { month, previous: previousMonth(month), next: month < current ? nextMonth(month) : null, notice };
}

const WEEKDAYS = ['Lun', 'Mar', 'Mer', 'Jeu', 'Ven', 'Sam', 'Dim'];

/** The guide's date of a consumption within its month: "Mer 1". */
export function formatHistoryDay(date: IsoDate): string {
  return `${WEEKDAYS[isoWeekday(date) - 1]} ${Number(date.slice(8, 10))}`;
}

/** The guide's history of payments covers the chosen month and the month before it. */
export function paymentWindow(month: YearMonth): { from: IsoDate; to: IsoDate; months: [YearMonth, YearMonth] } {
  const previous = previousMonth(month);
  return { from: firstDayOf(previous), to: lastDayOf(month), months: [previous, month] };
}

/** The TOTAL (€) line: the exact sum of the rows shown, in cents. */
export function historyTotal(rows: ReadonlyArray<{ totalCents: number }>): number {
  return sumCents(rows.map((row) => row.totalCents));
}
