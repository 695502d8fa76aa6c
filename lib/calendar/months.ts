import type { IsoDate } from '../clock';

// Calendar months as 'YYYY-MM' strings, computed on the numbers alone: no time zone, no Date.

/** A calendar month 'YYYY-MM'. */
export type YearMonth = string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const parts = (month: YearMonth) => month.split('-').map(Number) as [number, number];
const fromParts = (year: number, monthNumber: number): YearMonth => `${pad(year, 4)}-${pad(monthNumber)}`;

/** Years outside this range are refused in URLs: nothing of the town's happened before 1900. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 9999;

/** The month a calendar date falls in: '2026-10-31' → '2026-10'. */
export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

export function addMonths(month: YearMonth, count: number): YearMonth {
  const [year, monthNumber] = parts(month);
  const index = year * 12 + (monthNumber - 1) + count;
  return fromParts(Math.floor(index / 12), (index % 12) + 1);
}

export const previousMonth = (month: YearMonth): YearMonth => addMonths(month, -1);
export const nextMonth = (month: YearMonth): YearMonth => addMonths(month, 1);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(month: YearMonth): number {
  const [year, monthNumber] = parts(month);
  if (monthNumber === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(monthNumber) ? 30 : 31;
}

export function firstDayOf(month: YearMonth): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: YearMonth): IsoDate {
  return `${month}-${pad(daysInMonth(month))}`;
}

/** 'YYYY-MM' with a real month and a plausible year, else null. */
export function parseYearMonth(input: unknown): YearMonth | null {
  if (typeof input !== 'string') return null;
  const match = /^(\d{4})-(\d{2})$/.exec(input);
  if (!match) return null;
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR || monthNumber < 1 || monthNumber > 12) return null;
  return input;
}

/** 'YYYY-MM-DD' naming a day that exists (no 30 February), with a plausible year, else null. */
export function parseIsoDate(input: unknown): IsoDate | null {
  if (typeof input !== 'string') return null;
  const match = /^(\d{4}-\d{2})-(\d{2})$/.exec(input);
  if (!match) return null;
  const month = parseYearMonth(match[1]);
  const day = Number(match[2]);
  if (!month || day < 1 || day > daysInMonth(month)) return null;
  return input;
}
