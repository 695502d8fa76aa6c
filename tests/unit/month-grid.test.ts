import { describe, expect, it } from 'vitest';
import { compactLook, dayLook, expandLook } from '@/components/reservations/day-look';
import { monthWeeks } from '@/components/reservations/month-grid';
import { REASONS } from '@/lib/reservations/rules';
import type { CalendarDay } from '@/lib/reservations/types';

const openingDay = (date: string, overrides: Partial<CalendarDay> = {}): CalendarDay => ({
  date,
  activityDayId: 7,
  state: 'available',
  clickable: true,
  reason: null,
  waitlistRank: null,
  basket: null,
  ...overrides,
});

describe('the month grid', () => {
  it('runs from the Monday before the first of the month to the Sunday after its last day', () => {
    const weeks = monthWeeks('2026-12', []);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toMatchObject({ date: '2026-11-30', inMonth: false });
    expect(weeks[0]![1]).toMatchObject({ date: '2026-12-01', inMonth: true });
    expect(weeks.at(-1)!.at(-1)).toMatchObject({ date: '2027-01-03', inMonth: false });
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });

  it('needs six weeks for a month that starts on a Sunday and has 31 days', () => {
    const weeks = monthWeeks('2026-03', []);
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![6]).toMatchObject({ date: '2026-03-01', inMonth: true });
    expect(weeks[5]![1]).toMatchObject({ date: '2026-03-31', inMonth: true });
  });

  it('places each opening day on its date and no other', () => {
    const weeks = monthWeeks('2026-12', [openingDay('2026-12-09')]);
    const withDay = weeks.flat().filter((cell) => cell.day);
    expect(withDay.map((cell) => cell.date)).toEqual(['2026-12-09']);
  });
});

describe('how a day looks', () => {
  const look = (day: CalendarDay | null, date = day?.date ?? '2026-12-10') => dayLook({ date, inMonth: true, day });

  it('says a date that is not an opening day is closed, and why, without a button', () => {
    expect(look(null)).toMatchObject({
      tone: 'closed',
      activityDayId: null,
      label: `jeudi 10 décembre 2026, fermé. ${REASONS.notOpeningDay}`,
    });
  });

  it('names a free day with its full date and what a click does', () => {
    expect(look(openingDay('2026-12-09'))).toMatchObject({
      tone: 'available',
      word: 'disponible',
      activityDayId: 7,
      label: 'mercredi 9 décembre 2026, disponible, cliquer pour réserver',
      pendingTone: 'requestedAdd',
    });
  });

  it('shows the child’s rank on a waiting list', () => {
    expect(look(openingDay('2026-12-09', { state: 'waitlisted', waitlistRank: 2 }))).toMatchObject({ tone: 'waitlisted', word: 'rang 2' });
  });

  it('keeps a full day without a button and gives the reason', () => {
    expect(look(openingDay('2026-12-16', { state: 'full', clickable: false, reason: REASONS.full }))).toMatchObject({
      tone: 'full',
      activityDayId: null,
      reason: REASONS.full,
      label: `mercredi 16 décembre 2026, complet. ${REASONS.full}`,
    });
  });

  it('lets a request be taken back even when the day has filled up since', () => {
    const day = openingDay('2026-12-16', { state: 'full', clickable: false, reason: REASONS.full, basket: 'add' });
    expect(look(day)).toMatchObject({ tone: 'requestedAdd', word: 'demandé', activityDayId: 7, pendingTone: 'full' });
  });

  it('shows a request on a day with a waiting list as a waiting-list request, not « demandé », from the click on', () => {
    expect(look(openingDay('2026-12-16', { state: 'waitlistOpen' }))).toMatchObject({ tone: 'waitlistOpen', pendingTone: 'requestedWaitlist' });
    expect(look(openingDay('2026-12-16', { state: 'waitlistOpen', basket: 'add' }))).toMatchObject({
      tone: 'requestedWaitlist',
      word: 'liste d’attente demandée',
      label: 'mercredi 16 décembre 2026, liste d’attente demandée, pas encore validée, cliquer pour retirer la demande',
      activityDayId: 7,
    });
  });

  it('shows a day the child spends in another activity at those hours as « déjà réservé sur … », without a button, naming the activity', () => {
    const overlap = {
      childName: 'DUPONT Antoine',
      kind: 'reserved' as const,
      slot: { activityId: 2, activityName: 'ALSH 3-6 ans Journée', date: '2026-12-09', arrivalTime: '08:30', departureTime: '17:30' },
    };
    const reason = 'DUPONT Antoine est déjà inscrit ce jour-là à ALSH 3-6 ans Journée (08:30–17:30).';
    const day = look(openingDay('2026-12-09', { state: 'elsewhere', clickable: false, reason, overlap }));
    expect(day).toMatchObject({
      tone: 'elsewhere',
      word: 'déjà réservé',
      activityDayId: null,
      reason,
      label: `mercredi 9 décembre 2026, déjà réservé sur ALSH 3-6 ans Journée (08:30–17:30). ${reason}`,
    });
    expect(look(openingDay('2026-12-09', { state: 'elsewhere', clickable: false, reason, overlap: { ...overlap, kind: 'requested' } }))).toMatchObject({
      word: 'déjà demandé',
      spoken: { state: `déjà demandé sur ALSH 3-6 ans Journée (08:30–17:30). ${reason}` },
    });
  });

  it('turns a reservation asked to be cancelled green, with words', () => {
    const day = openingDay('2026-12-16', { state: 'booked', basket: 'remove' });
    expect(look(day)).toMatchObject({
      tone: 'requestedRemove',
      word: 'annulation demandée',
      label: 'mercredi 16 décembre 2026, annulation demandée, pas encore validée, cliquer pour garder la réservation',
    });
  });

  it('names a day button around the date it shows, and its name says the word it shows', () => {
    expect(look(openingDay('2026-12-09')).spoken).toEqual({
      beforeDay: 'mercredi ',
      afterDay: ' décembre 2026, ',
      state: 'disponible, cliquer pour réserver',
    });
    const days = [
      look(openingDay('2026-12-01')),
      look(openingDay('2026-12-20', { state: 'waitlistOpen' })),
      look(openingDay('2026-12-22', { state: 'waitlisted', waitlistRank: 3 })),
      look(openingDay('2026-12-23', { state: 'locked', clickable: false, reason: REASONS.deadline })),
      look(openingDay('2026-12-30', { state: 'booked', basket: 'remove' })),
      look(openingDay('2026-12-31', { basket: 'add' })),
      look(null, '2026-12-11'),
    ];
    for (const day of days) {
      expect(day.spoken.beforeDay + day.dayOfMonth + day.spoken.afterDay + day.spoken.state, day.date).toBe(day.label);
      expect(day.spoken.state, day.date).toContain(day.word);
    }
  });

  it('sends the browser a compact look from which it rebuilds every date exactly as the server saw it', () => {
    const overlap = { kind: 'reserved' as const, childName: 'DUPONT Antoine', slot: { activityId: 3, activityName: 'ALSH 3-6 ans Journée', date: '2026-12-09', arrivalTime: '08:30', departureTime: '17:30' } };
    const days = [
      look(null, '2026-12-01'),
      look(openingDay('2026-12-02')),
      look(openingDay('2026-12-03', { state: 'waitlistOpen' })),
      look(openingDay('2026-12-04', { state: 'waitlisted', waitlistRank: 3 })),
      look(openingDay('2026-12-07', { state: 'waitlisted', waitlistRank: 2, clickable: false, reason: REASONS.deadline })),
      look(openingDay('2026-12-08', { state: 'locked', clickable: false, reason: REASONS.deadline })),
      look(openingDay('2026-12-09', { state: 'elsewhere', clickable: false, reason: 'DUPONT Antoine est déjà inscrit ce jour-là.', overlap })),
      look(openingDay('2026-12-10', { state: 'full', clickable: false, reason: REASONS.full, basket: 'add' })),
      look(openingDay('2026-12-11', { state: 'booked', basket: 'remove' })),
      look(openingDay('2026-12-14', { state: 'booked' })),
    ];
    for (const day of days) {
      const compact = compactLook(day);
      expect(expandLook(compact), day.date).toEqual(day);
      expect(JSON.stringify(compact).length, day.date).toBeLessThan(JSON.stringify(day).length * 0.7);
    }
  });
});
