import { describe, expect, it } from 'vitest';
import { deadlineDate, isPastDeadline, isWorkingDay, modificationDeadline } from '@/lib/reservations/deadlines';

const calendar = (days: number, time = '12:00') => ({ deadlineDays: days, deadlineTime: time, deadlineCountsWorkingDays: false });
const working = (days: number, time = '12:00') => ({ deadlineDays: days, deadlineTime: time, deadlineCountsWorkingDays: true });

describe('modification deadlines', () => {
  it('counts calendar days back across month and year ends', () => {
    expect(deadlineDate('2026-12-02', calendar(2))).toBe('2026-11-30');
    expect(deadlineDate('2027-01-01', calendar(2))).toBe('2026-12-30');
    expect(deadlineDate('2026-03-01', calendar(1))).toBe('2026-02-28');
    expect(deadlineDate('2026-12-02', calendar(0))).toBe('2026-12-02');
  });

  it('skips weekends when counting working days', () => {
    // Monday 7 December 2026, 2 working days before: Thursday 3 December.
    expect(deadlineDate('2026-12-07', working(2))).toBe('2026-12-03');
    // Wednesday, 3 working days before: the previous Friday.
    expect(deadlineDate('2026-12-09', working(3))).toBe('2026-12-04');
  });

  it('skips 14 July, Easter Monday and Ascension when counting working days', () => {
    // Wednesday 15 July 2026: Tuesday 14 July is skipped → Monday 13, Friday 10.
    expect(deadlineDate('2026-07-15', working(2))).toBe('2026-07-10');
    // Wednesday 8 April 2026: Easter Monday 6 April skipped → Tuesday 7, Friday 3.
    expect(deadlineDate('2026-04-08', working(2))).toBe('2026-04-03');
    // Friday 15 May 2026: Ascension Thursday 14 May skipped → Wednesday 13.
    expect(deadlineDate('2026-05-15', working(1))).toBe('2026-05-13');
  });

  it('crosses the year end in working days, skipping 1 January and the weekend', () => {
    // Monday 4 January 2027: Fri 1 Jan is a holiday, weekend skipped → Thursday 31 December.
    expect(deadlineDate('2027-01-04', working(1))).toBe('2026-12-31');
  });

  it('knows working days', () => {
    expect(isWorkingDay('2026-11-26')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(isWorkingDay('2026-11-11')).toBe(false);
  });

  it('places the deadline at the given Paris time, and is past it from that minute on', () => {
    const rule = calendar(2, '12:00');
    expect(modificationDeadline('2026-12-02', rule).toISOString()).toBe('2026-11-30T11:00:00.000Z');
    expect(isPastDeadline('2026-12-02', rule, new Date('2026-11-30T10:59:59Z'))).toBe(false);
    expect(isPastDeadline('2026-12-02', rule, new Date('2026-11-30T11:00:00Z'))).toBe(true);
    // Summer time: 12:00 in Paris is 10:00 UTC.
    expect(modificationDeadline('2026-07-08', rule).toISOString()).toBe('2026-07-06T10:00:00.000Z');
  });
});
