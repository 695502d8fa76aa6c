import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, daysInMonth, firstDayOf, lastDayOf, monthOf, nextMonth, parseIsoDate, parseYearMonth, previousMonth } from '@/lib/calendar/months';
import { formatMonth, formatMonthPair, formatOfMonth } from '@/lib/format';

describe('calendar months', () => {
  it('goes to the previous and the next month', () => {
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(nextMonth('2026-10')).toBe('2026-11');
  });

  it('crosses the year end both ways: December to January and back', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(addMonths('2026-11', 14)).toBe('2028-01');
    expect(addMonths('2026-02', -26)).toBe('2023-12');
  });

  it('comes back to the same month after going forward and back', () => {
    const month = fc.tuple(fc.integer({ min: 1950, max: 9000 }), fc.integer({ min: 1, max: 12 })).map(
      ([year, m]) => `${year}-${String(m).padStart(2, '0')}`,
    );
    fc.assert(
      fc.property(month, fc.integer({ min: -500, max: 500 }), (m, n) => {
        expect(addMonths(addMonths(m, n), -n)).toBe(m);
        expect(parseYearMonth(addMonths(m, n))).not.toBeNull();
      }),
    );
  });

  it('knows the first and last day of a month, leap years included', () => {
    expect(monthOf('2026-10-31')).toBe('2026-10');
    expect(firstDayOf('2026-11')).toBe('2026-11-01');
    expect(lastDayOf('2026-11')).toBe('2026-11-30');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(daysInMonth('2100-02')).toBe(28);
    expect(daysInMonth('2000-02')).toBe(29);
  });

  it('accepts a well-formed month parameter and refuses anything else', () => {
    expect(parseYearMonth('2026-10')).toBe('2026-10');
    expect(parseYearMonth('2026-01')).toBe('2026-01');
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '2026/10', 'octobre', '', ' 2026-10', '0001-01']) {
      expect(parseYearMonth(bad), bad).toBeNull();
    }
    expect(parseYearMonth(['2026-10'])).toBeNull();
    expect(parseYearMonth(undefined)).toBeNull();
  });

  it('accepts only dates that exist', () => {
    expect(parseIsoDate('2026-12-31')).toBe('2026-12-31');
    expect(parseIsoDate('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-12-32', '2026-12-00', '2026-12', '31/12/2026', '0002-12-31', 'demain']) {
      expect(parseIsoDate(bad), bad).toBeNull();
    }
  });

  it('names months in French', () => {
    expect(formatMonth('2026-11')).toBe('novembre 2026');
    expect(formatMonth('2027-02')).toBe('février 2027');
    expect(formatMonthPair('2026-10', '2026-11')).toBe('octobre et novembre 2026');
    expect(formatOfMonth('2026-11')).toBe('de novembre 2026');
    expect(formatOfMonth('2026-10')).toBe('d’octobre 2026');
    expect(formatOfMonth('2027-04')).toBe('d’avril 2027');
    expect(formatOfMonth('2027-08')).toBe('d’août 2027');
    expect(formatMonthPair('2026-12', '2027-01')).toBe('décembre 2026 et janvier 2027');
  });
});
