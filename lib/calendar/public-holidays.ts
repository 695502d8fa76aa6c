import { addDays, type IsoDate } from '../clock';

// French public holidays (jours fériés), computed for any year: nothing is open on those days,
// and deadlines counted in working days skip them.
const FIXED_PUBLIC_HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Each year's holidays, computed once: the calendar and the deadlines ask about every day they show.
const holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();
const YEARS_KEPT = 200;

function publicHolidaysOf(year: number): ReadonlySet<IsoDate> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    const prefix = String(year).padStart(4, '0');
    // Easter Monday, Ascension Thursday, Whit Monday.
    holidays = new Set([...FIXED_PUBLIC_HOLIDAYS.map((monthDay) => `${prefix}-${monthDay}`), ...[1, 39, 50].map((offset) => addDays(easter, offset))]);
    if (holidaysByYear.size >= YEARS_KEPT) holidaysByYear.clear();
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

export function isPublicHoliday(date: IsoDate): boolean {
  if (FIXED_PUBLIC_HOLIDAYS.includes(date.slice(5))) return true;
  return publicHolidaysOf(Number(date.slice(0, 4))).has(date);
}
