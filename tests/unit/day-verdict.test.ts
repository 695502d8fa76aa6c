import { describe, expect, it } from 'vitest';
import { dayVerdict, decideAddition, REASONS, slotsOverlap, type DayFacts, type Overlap, type Slot } from '@/lib/reservations/rules';

/** A day of an offered activity, in an open window, before its deadline, with places free. */
function aDay(overrides: Partial<DayFacts> = {}): DayFacts {
  return {
    activityActive: true,
    windowOpen: true,
    windowOpensLater: false,
    eligible: true,
    pastDeadline: false,
    capacity: 2,
    waitlistCapacity: 1,
    taken: 0,
    waiting: 0,
    own: null,
    ...overrides,
  };
}

const booked = { status: 'confirmed', waitlistRank: null } as const;

describe('a calendar day’s state and whether a click may change it', () => {
  it('offers a free day of an offered activity', () => {
    expect(dayVerdict(aDay())).toEqual({ state: 'available', clickable: true, reason: null, waitlistRank: null });
  });

  it('keeps a freed place for the waiting list, until the promotion lead time, then offers it to whoever asks', () => {
    const freedWhileSomeoneWaits = { capacity: 2, taken: 1, waitlistCapacity: 3, waiting: 1 };
    expect(dayVerdict(aDay(freedWhileSomeoneWaits))).toMatchObject({ state: 'waitlistOpen', clickable: true });
    expect(decideAddition(aDay(freedWhileSomeoneWaits))).toEqual({ result: 'waitlisted', rank: 2 });
    expect(dayVerdict(aDay({ ...freedWhileSomeoneWaits, insidePromotionLead: true }))).toMatchObject({ state: 'available', clickable: true });
    expect(decideAddition(aDay({ ...freedWhileSomeoneWaits, insidePromotionLead: true }))).toEqual({ result: 'pending' });
    expect(decideAddition(aDay({ ...freedWhileSomeoneWaits, taken: 2, insidePromotionLead: true }))).toEqual({ result: 'waitlisted', rank: 2 });
  });

  it('closes every day of an activity the town no longer offers, saying so', () => {
    expect(dayVerdict(aDay({ activityActive: false }))).toEqual({ state: 'closed', clickable: false, reason: REASONS.inactive, waitlistRank: null });
  });

  it('lets the child’s reservation be cancelled inside the booking window, before the deadline', () => {
    expect(dayVerdict(aDay({ own: booked }))).toMatchObject({ state: 'booked', clickable: true, reason: null });
  });

  it('locks the child’s reservation before the booking window opens, with that reason', () => {
    expect(dayVerdict(aDay({ own: booked, windowOpen: false, windowOpensLater: true }))).toMatchObject({
      state: 'locked',
      clickable: false,
      reason: REASONS.notOpenYet,
    });
  });

  it('locks the child’s reservation once the booking window has closed, with that reason', () => {
    expect(dayVerdict(aDay({ own: booked, windowOpen: false }))).toMatchObject({ state: 'locked', clickable: false, reason: REASONS.windowClosed });
  });

  it('locks the child’s reservation past the deadline, with the deadline as reason', () => {
    expect(dayVerdict(aDay({ own: booked, pastDeadline: true, windowOpen: false }))).toMatchObject({ state: 'locked', clickable: false, reason: REASONS.deadline });
  });

  it('keeps a waiting-list place shown with its rank when it can no longer be cancelled', () => {
    expect(dayVerdict(aDay({ own: { status: 'waitlisted', waitlistRank: 2 }, windowOpen: false }))).toEqual({
      state: 'waitlisted',
      clickable: false,
      reason: REASONS.windowClosed,
      waitlistRank: 2,
    });
  });

  it('shows a day with a free place but families waiting as a waiting-list day, not « disponible »', () => {
    expect(dayVerdict(aDay({ taken: 1, waiting: 0, waitlistCapacity: 2 }))).toMatchObject({ state: 'available', clickable: true });
    expect(dayVerdict(aDay({ taken: 1, waiting: 1, waitlistCapacity: 2 }))).toMatchObject({ state: 'waitlistOpen', clickable: true });
    expect(dayVerdict(aDay({ taken: 0, waiting: 2, waitlistCapacity: 2 }))).toMatchObject({ state: 'full', clickable: false, reason: REASONS.full });
  });

  it('closes a day past its deadline to new requests in a booking’s words, with the date', () => {
    const verdict = dayVerdict(aDay({ pastDeadline: true, bookingClosedSince: new Date('2026-12-07T11:00:00Z') }));
    expect(verdict).toMatchObject({ state: 'closed', clickable: false, reason: 'Les réservations de ce jour sont closes depuis le 07/12/2026 à 12:00.' });
  });

  it('shows a day the child already spends in another activity at those hours as « elsewhere », not clickable, naming it', () => {
    const overlap: Overlap = {
      childName: 'DUPONT Antoine',
      kind: 'reserved',
      slot: { activityId: 2, activityName: 'ALSH 3-6 ans Journée', date: '2026-12-09', arrivalTime: '08:30', departureTime: '17:30' },
    };
    expect(dayVerdict(aDay({ overlap }))).toEqual({
      state: 'elsewhere',
      clickable: false,
      reason: 'DUPONT Antoine est déjà inscrit ce jour-là à ALSH 3-6 ans Journée (08:30–17:30).',
      waitlistRank: null,
      overlap,
    });
    expect(dayVerdict(aDay({ overlap, windowOpen: false }))).toMatchObject({ state: 'closed', reason: REASONS.windowClosed });
    expect(dayVerdict(aDay({ overlap, own: booked }))).toMatchObject({ state: 'booked', clickable: true });
  });
});

describe('whether two activities put a child in two places at once', () => {
  const slot = (activityId: number, arrivalTime: string, departureTime: string, date = '2026-12-09'): Slot => ({ activityId, activityName: `A${activityId}`, date, arrivalTime, departureTime });

  it('sees a morning and a whole day overlap', () => {
    expect(slotsOverlap(slot(1, '08:30', '12:00'), slot(2, '08:30:00', '17:30:00'))).toBe(true);
    expect(slotsOverlap(slot(1, '11:00', '14:00'), slot(2, '13:30', '17:30'))).toBe(true);
  });

  it('lets hours that only touch go together: [arrival, departure) is half-open', () => {
    expect(slotsOverlap(slot(1, '08:30', '12:00'), slot(2, '12:00', '17:30'))).toBe(false);
    expect(slotsOverlap(slot(2, '12:00', '17:30'), slot(1, '08:30', '12:00'))).toBe(false);
  });

  it('never counts the same activity, nor another date, as an overlap', () => {
    expect(slotsOverlap(slot(1, '08:30', '12:00'), slot(1, '08:30', '12:00'))).toBe(false);
    expect(slotsOverlap(slot(1, '08:30', '12:00'), slot(2, '08:30', '17:30', '2026-12-16'))).toBe(false);
  });
});
