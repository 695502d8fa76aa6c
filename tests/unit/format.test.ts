import { describe, expect, it } from 'vitest';
import { dayLook } from '@/components/reservations/day-look';
import { formatLongDate, formatLongDateTitle, formatMonth } from '@/lib/format';

describe('French dates a parent reads', () => {
  it('writes the first of a month « 1er » in a long date', () => {
    expect(formatLongDate('2027-03-01')).toBe('lundi 1er mars 2027');
    expect(formatLongDate('2026-12-02')).toBe('mercredi 2 décembre 2026');
    expect(formatLongDate('2026-12-21')).toBe('lundi 21 décembre 2026');
  });

  it('capitalizes only the first word of a long date opening a heading, never the month', () => {
    expect(formatLongDateTitle('2026-11-23')).toBe('Lundi 23 novembre 2026');
    expect(formatLongDateTitle('2027-03-01')).toBe('Lundi 1er mars 2027');
  });

  it('keeps months in lower case in running text', () => {
    expect(formatMonth('2026-11')).toBe('novembre 2026');
  });

  it('names the first of a month « 1er » on the calendar, with the visible « 1 » inside the spoken date', () => {
    const look = dayLook({ date: '2027-03-01', inMonth: true, day: null });
    expect(look.label).toMatch(/^lundi 1er mars 2027, fermé/);
    expect(`${look.spoken.beforeDay}${look.dayOfMonth}${look.spoken.afterDay}`).toBe('lundi 1er mars 2027, ');
  });
});
