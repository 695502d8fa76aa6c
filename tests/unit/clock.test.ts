import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, ageOn, appClock, fixedClock, isoWeekday, parisDate, parisInstant, parisToday } from '@/lib/clock';

describe('Paris calendar dates', () => {
  it('takes the date in Paris, not in UTC', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(parisDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC on 31 March (summer time, UTC+2) is 00:30 on 1 April in Paris.
    expect(parisToday(fixedClock('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(parisToday(fixedClock('2026-03-31T21:30:00Z'))).toBe('2026-03-31');
  });

  it('builds Paris wall-clock instants across daylight saving changes', () => {
    expect(parisInstant('2026-01-15', '08:00').toISOString()).toBe('2026-01-15T07:00:00.000Z');
    expect(parisInstant('2026-07-15', '08:00').toISOString()).toBe('2026-07-15T06:00:00.000Z');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
  });

  it('knows weekdays and ages', () => {
    expect(isoWeekday('2026-11-25')).toBe(3);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(ageOn('2020-06-15', '2026-06-14')).toBe(5);
    expect(ageOn('2020-06-15', '2026-06-15')).toBe(6);
  });
});

describe('the app clock', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is pinned by COMPTE_FAMILLE_NOW in development and tests', () => {
    vi.stubEnv('NODE_ENV', 'development');
    vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T09:00:00Z');
    expect(appClock().now().toISOString()).toBe('2026-11-26T09:00:00.000Z');
  });

  it('ignores COMPTE_FAMILLE_NOW in production and tells the real time', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T09:00:00Z');
    const before = Date.now();
    const now = appClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
