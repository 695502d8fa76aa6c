import { TZDate } from '@date-fns/tz';
import { addDays as addDaysToDate, format, parseISO } from 'date-fns';

/** Business dates and times are those of the town: Europe/Paris. */
export const TOWN_TIME_ZONE = 'Europe/Paris';

/** "Now" comes from one injectable clock, so rules and tests control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: Date | string): Clock & { set(next: Date | string): void; advance(ms: number): void } {
  let current = new Date(instant);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * The app's clock: the system's. COMPTE_FAMILLE_NOW pins it for demos and tests, but never in
 * production (NODE_ENV=production, as under `npm start`), where a forgotten setting would
 * silently move every deadline and booking window.
 */
export function appClock(): Clock {
  const pinned = process.env.COMPTE_FAMILLE_NOW;
  return pinned && process.env.NODE_ENV !== 'production' ? fixedClock(pinned) : systemClock;
}

/** A calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

// Built once: a time-zone formatter is costly to create, cheap to use.
const parisCalendar = new Intl.DateTimeFormat('en-US', { timeZone: TOWN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

// A page asks for the date of the same "now" once per day it shows.
let lastInstant = Number.NaN;
let lastDate: IsoDate = '';

/** The calendar date in Paris at an instant. */
export function parisDate(instant: Date): IsoDate {
  if (instant.getTime() === lastInstant) return lastDate;
  lastDate = parisDateOf(instant);
  lastInstant = instant.getTime();
  return lastDate;
}

function parisDateOf(instant: Date): IsoDate {
  const parts: Record<string, string> = {};
  for (const part of parisCalendar.formatToParts(instant)) parts[part.type] = part.value;
  const year = Number(parts.year);
  if (!(year >= 1000 && year <= 9999)) return format(new TZDate(instant, TOWN_TIME_ZONE), 'yyyy-MM-dd');
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function parisToday(clock: Clock): IsoDate {
  return parisDate(clock.now());
}

// A calendar page asks for the deadline instant of every day it shows, and the time-zone
// conversion is the costly part: each (date, time) is converted once per process. Bounded, since
// the dates are those of the town's booking periods.
const parisInstants = new Map<string, number>();
const PARIS_INSTANTS_KEPT = 20_000;

/** The instant at which the Paris wall clock shows `time` ('HH:MM') on `date`. */
export function parisInstant(date: IsoDate, time = '00:00'): Date {
  const key = `${date} ${time}`;
  let instant = parisInstants.get(key);
  if (instant === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    instant = new TZDate(y, m - 1, d, hh, mm, TOWN_TIME_ZONE).getTime();
    if (parisInstants.size >= PARIS_INSTANTS_KEPT) parisInstants.clear();
    if (!Number.isNaN(instant)) parisInstants.set(key, instant);
  }
  return new Date(instant);
}

/** A calendar date as a UTC midnight, where adding days is plain arithmetic (no summer time). */
function utcMidnight(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnight = new Date(0);
  midnight.setUTCFullYear(y, m - 1, d);
  return midnight;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return format(addDaysToDate(parseISO(date), days), 'yyyy-MM-dd');
  const result = utcMidnight(date);
  result.setUTCDate(result.getUTCDate() + days);
  return result.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? utcMidnight(date).getUTCDay() : parseISO(date).getDay();
  return day === 0 ? 7 : day;
}

/** Age in whole years on a date. */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
