import { addDays, isoWeekday, type IsoDate } from '@/lib/clock';
import { isPublicHoliday } from '@/lib/calendar/public-holidays';

export interface OpeningDaysPlan {
  from: IsoDate;
  to: IsoDate;
  /** ISO weekdays, 1 = lundi … 7 = dimanche. */
  weekdays: number[];
  /** A school holiday: no opening day from `holidayFrom` to `holidayTo`, both included. */
  holidayFrom: IsoDate | null;
  holidayTo: IsoDate | null;
  exclusions: IsoDate[];
}

/**
 * The dates a bulk generation opens: the chosen weekdays from `from` to `to`, but the holiday
 * range, the listed exclusions and the public holidays (nothing is open on a jour férié).
 */
export function openingDates(plan: OpeningDaysPlan): IsoDate[] {
  const excluded = new Set(plan.exclusions);
  const inHoliday = (date: IsoDate) => plan.holidayFrom !== null && plan.holidayTo !== null && date >= plan.holidayFrom && date <= plan.holidayTo;
  const dates: IsoDate[] = [];
  for (let date = plan.from; date <= plan.to; date = addDays(date, 1)) {
    if (!plan.weekdays.includes(isoWeekday(date))) continue;
    if (inHoliday(date) || excluded.has(date) || isPublicHoliday(date)) continue;
    dates.push(date);
  }
  return dates;
}

/** Why a day's capacities may not be set so, or null: never below the places and waiting ranks already taken. */
export function capacityRefusal(
  wanted: { capacity: number; waitlistCapacity: number },
  counts: { taken: number; waiting: number },
): { field: 'capacity' | 'waitlistCapacity'; message: string } | null {
  if (wanted.capacity < counts.taken) {
    return { field: 'capacity', message: `La capacité ne peut pas être inférieure aux ${counts.taken} places déjà prises.` };
  }
  if (wanted.waitlistCapacity < counts.waiting) {
    return { field: 'waitlistCapacity', message: `La liste d’attente ne peut pas être inférieure aux ${counts.waiting} enfants qui y sont inscrits.` };
  }
  return null;
}

export const WEEKDAYS = [
  { value: 1, label: 'Lundi' },
  { value: 2, label: 'Mardi' },
  { value: 3, label: 'Mercredi' },
  { value: 4, label: 'Jeudi' },
  { value: 5, label: 'Vendredi' },
  { value: 6, label: 'Samedi' },
  { value: 7, label: 'Dimanche' },
] as const;

/** A bracket of an activity's price grid by quotient familial: QF from `qfMin` to `qfMax` (null: no upper bound), both included. */
export interface QfBracket {
  qfMin: number;
  qfMax: number | null;
}

/** Whether two brackets share a QF value. */
export const bracketsOverlap = (a: QfBracket, b: QfBracket) => (a.qfMax === null || b.qfMin <= a.qfMax) && (b.qfMax === null || a.qfMin <= b.qfMax);

/** The bracket of a grid a new one would share QF values with, if any. */
export const overlappingBracket = <B extends QfBracket>(grid: readonly B[], candidate: QfBracket): B | null => grid.find((bracket) => bracketsOverlap(bracket, candidate)) ?? null;

/** How a bracket reads: « 0 – 450 », « 1 201 et plus ». */
export function bracketLabel(bracket: QfBracket): string {
  const n = (value: number) => new Intl.NumberFormat('fr-FR').format(value);
  return bracket.qfMax === null ? `${n(bracket.qfMin)} et plus` : `${n(bracket.qfMin)} – ${n(bracket.qfMax)}`;
}
