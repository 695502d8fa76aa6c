import { describe, expect, it } from 'vitest';
import { dayVerdict, REASONS, type DayFacts } from '@/lib/reservations/rules';

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
});
