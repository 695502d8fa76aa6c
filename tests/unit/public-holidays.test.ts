import { describe, expect, it } from 'vitest';
import { easterSunday, isPublicHoliday } from '@/lib/calendar/public-holidays';

describe('French public holidays', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('knows Easter Monday, Ascension and Whit Monday', () => {
    expect(isPublicHoliday('2026-04-06')).toBe(true);
    expect(isPublicHoliday('2026-05-14')).toBe(true);
    expect(isPublicHoliday('2026-05-25')).toBe(true);
    expect(isPublicHoliday('2027-03-29')).toBe(true);
  });

  it('knows the fixed ones, and not ordinary days', () => {
    for (const date of ['2026-01-01', '2026-05-01', '2026-05-08', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']) {
      expect(isPublicHoliday(date)).toBe(true);
    }
    expect(isPublicHoliday('2026-07-13')).toBe(false);
    expect(isPublicHoliday('2026-04-05')).toBe(false); // Easter Sunday itself is a Sunday, not a holiday here
  });
});
