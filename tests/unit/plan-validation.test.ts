import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALREADY_RESERVED, NOTHING_TO_CANCEL, planBeforeCapacity, planValidation, type LiveReservation, type PlannedRequest, type ValidationFacts } from '@/lib/reservations/plan';
import { capacityDecision, overlapReason, REASONS, type Slot } from '@/lib/reservations/rules';

const DAY = 10;
const OTHER_DAY = 11;
/** The same date as DAY, in other activities: the whole day (08:00–17:00) and the afternoon (12:00–17:00). */
const FULL_DAY = 12;
const AFTERNOON = 13;
const wholeDay: Partial<Slot> = { activityId: 2, activityName: 'ALSH Journée', arrivalTime: '08:00', departureTime: '17:00' };
const afternoon: Partial<Slot> = { activityId: 3, activityName: 'ALSH Après-midi', arrivalTime: '12:00', departureTime: '17:00' };

/** The morning activity's day, on 9 December, unless told otherwise (OTHER_DAY is another date). */
const morning = (activityDayId = DAY): Slot => ({
  activityId: 1,
  activityName: 'ALSH Matin',
  date: activityDayId === OTHER_DAY ? '2026-12-16' : '2026-12-09',
  arrivalTime: '08:00',
  departureTime: '12:00',
});

/** A line of the basket; by default an offered activity, an open day, an eligible child, before the deadline. */
function aRequest(
  action: 'add' | 'remove',
  overrides: { childId?: number; activityDayId?: number; slot?: Partial<Slot>; time?: Partial<PlannedRequest['time']> } = {},
): PlannedRequest {
  const childId = overrides.childId ?? 1;
  const activityDayId = overrides.activityDayId ?? DAY;
  const { activityId, ...when } = { ...morning(activityDayId), ...overrides.slot };
  return {
    action,
    childId,
    activityId,
    activityDayId,
    unitPriceCents: 475,
    line: { ...when, childName: `MARTIN Enfant${childId}`, costCents: 475 },
    time: { activityActive: true, windowOpen: true, windowOpensLater: false, eligible: true, pastDeadline: false, capacity: 2, waitlistCapacity: 2, ...overrides.time },
  };
}

function aLive(overrides: Partial<LiveReservation> = {}): LiveReservation {
  const activityDayId = overrides.activityDayId ?? DAY;
  return { id: 100, childId: 1, activityDayId, status: 'confirmed', waitlistRank: null, slot: morning(activityDayId), ...overrides };
}

function facts(requests: PlannedRequest[], options: { taken?: number; waiting?: number; live?: LiveReservation[] } = {}): ValidationFacts {
  const count = { taken: options.taken ?? 0, waiting: options.waiting ?? 0 };
  return {
    requests,
    counts: new Map([
      [DAY, { ...count }],
      [OTHER_DAY, { taken: 0, waiting: 0 }],
      [FULL_DAY, { taken: 0, waiting: 0 }],
      [AFTERNOON, { taken: 0, waiting: 0 }],
    ]),
    live: options.live ?? [],
  };
}

const results = (plan: ReturnType<typeof planValidation>) => plan.outcomes.map((o) => [o.action, o.result, o.waitlistRank, o.reason]);

describe('planning a validation', () => {
  it('gives a free place as a "Non transmis" request to create', () => {
    const request = aRequest('add');
    const plan = planValidation(facts([request], { taken: 1 }));
    expect(plan.outcomes).toEqual([
      {
        action: 'add',
        result: 'pending',
        date: '2026-12-09',
        childName: 'MARTIN Enfant1',
        activityName: 'ALSH Matin',
        arrivalTime: '08:00',
        departureTime: '12:00',
        costCents: 475,
        waitlistRank: null,
        reason: null,
      },
    ]);
    expect(plan.writes).toEqual({ cancellations: [], additions: [{ request, status: 'pending', waitlistRank: null }] });
  });

  it('puts a request for a full day on the waiting list behind those already there', () => {
    const plan = planValidation(facts([aRequest('add')], { taken: 2, waiting: 1 }));
    expect(results(plan)).toEqual([['add', 'waitlisted', 2, null]]);
    expect(plan.writes.additions).toMatchObject([{ status: 'waitlisted', waitlistRank: 2 }]);
  });

  it('counts the family’s own earlier requests of the same validation: the last place, then the waiting list in order', () => {
    const requests = [aRequest('add', { childId: 1 }), aRequest('add', { childId: 2 }), aRequest('add', { childId: 3 })];
    const plan = planValidation(facts(requests, { taken: 1 }));
    expect(results(plan)).toEqual([
      ['add', 'pending', null, null],
      ['add', 'waitlisted', 1, null],
      ['add', 'waitlisted', 2, null],
    ]);
  });

  it('refuses a request when both the day and its waiting list are full', () => {
    const plan = planValidation(facts([aRequest('add')], { taken: 2, waiting: 2 }));
    expect(results(plan)).toEqual([['add', 'refused', null, REASONS.full]]);
    expect(plan.writes.additions).toEqual([]);
  });

  it('refuses a request past the modification deadline', () => {
    const plan = planValidation(facts([aRequest('add', { time: { pastDeadline: true } })]));
    expect(results(plan)).toEqual([['add', 'refused', null, REASONS.deadline]]);
  });

  it('refuses a request before the booking window opens', () => {
    const plan = planValidation(facts([aRequest('add', { time: { windowOpen: false, windowOpensLater: true } })]));
    expect(results(plan)).toEqual([['add', 'refused', null, REASONS.notOpenYet]]);
  });

  it('refuses a request once the booking window has closed', () => {
    const plan = planValidation(facts([aRequest('add', { time: { windowOpen: false, windowOpensLater: false } })]));
    expect(results(plan)).toEqual([['add', 'refused', null, REASONS.windowClosed]]);
  });

  it('refuses a request for an activity the town no longer offers, even with places free', () => {
    const plan = planValidation(facts([aRequest('add', { time: { activityActive: false } })]));
    expect(results(plan)).toEqual([['add', 'refused', null, REASONS.inactive]]);
    expect(plan.writes.additions).toEqual([]);
  });

  it('refuses a request for a child whose age does not fit the activity', () => {
    const plan = planValidation(facts([aRequest('add', { time: { eligible: false } })]));
    expect(results(plan)).toEqual([['add', 'refused', null, REASONS.notEligible]]);
  });

  it('cancels a confirmed or "Non transmis" reservation before the deadline', () => {
    const confirmed = aLive({ id: 1, childId: 1, status: 'confirmed' });
    const pending = aLive({ id: 2, childId: 2, status: 'pending' });
    const requests = [aRequest('remove', { childId: 1 }), aRequest('remove', { childId: 2 })];
    const plan = planValidation(facts(requests, { taken: 2, live: [confirmed, pending] }));
    expect(results(plan)).toEqual([
      ['remove', 'cancelled', null, null],
      ['remove', 'cancelled', null, null],
    ]);
    expect(plan.writes.cancellations).toEqual([
      { request: requests[0], reservation: confirmed },
      { request: requests[1], reservation: pending },
    ]);
  });

  it('cancels a waiting-list request and frees its waiting slot', () => {
    const waiting = aLive({ id: 1, childId: 1, status: 'waitlisted', waitlistRank: 1 });
    const requests = [aRequest('remove', { childId: 1 }), aRequest('add', { childId: 2 })];
    // Day full, waiting list full: only the freed waiting slot lets the second child in, at the end of the list.
    const plan = planValidation(facts(requests, { taken: 2, waiting: 2, live: [waiting] }));
    expect(results(plan)).toEqual([
      ['remove', 'cancelled', null, null],
      ['add', 'waitlisted', 2, null],
    ]);
    expect(plan.writes.cancellations).toEqual([{ request: requests[0], reservation: waiting }]);
  });

  it('moves the family’s own later waiting-list request up when it cancels an earlier one of the same day', () => {
    const first = aLive({ id: 1, childId: 1, status: 'waitlisted', waitlistRank: 1 });
    const second = aLive({ id: 2, childId: 2, status: 'waitlisted', waitlistRank: 2 });
    const plan = planValidation(facts([aRequest('remove', { childId: 1 }), aRequest('remove', { childId: 2 })], { taken: 2, waiting: 2, live: [first, second] }));
    // Applied in order: once the first has left, the second holds rank 1.
    expect(plan.writes.cancellations.map((c) => [c.reservation.id, c.reservation.waitlistRank])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('refuses a cancellation past the modification deadline, and keeps the reservation', () => {
    const plan = planValidation(facts([aRequest('remove', { time: { pastDeadline: true } })], { taken: 1, live: [aLive()] }));
    expect(results(plan)).toEqual([['remove', 'refused', null, REASONS.deadline]]);
    expect(plan.writes.cancellations).toEqual([]);
  });

  it('refuses a cancellation before the booking window opens, and keeps the reservation', () => {
    const plan = planValidation(facts([aRequest('remove', { time: { windowOpen: false, windowOpensLater: true } })], { taken: 1, live: [aLive()] }));
    expect(results(plan)).toEqual([['remove', 'refused', null, REASONS.notOpenYet]]);
    expect(plan.writes.cancellations).toEqual([]);
  });

  it('refuses a cancellation once the booking window has closed, and keeps the reservation', () => {
    const plan = planValidation(facts([aRequest('remove', { time: { windowOpen: false, windowOpensLater: false } })], { taken: 1, live: [aLive()] }));
    expect(results(plan)).toEqual([['remove', 'refused', null, REASONS.windowClosed]]);
    expect(plan.writes.cancellations).toEqual([]);
  });

  it('still cancels a reservation of an activity the town no longer offers, inside the window and before the deadline', () => {
    const plan = planValidation(facts([aRequest('remove', { time: { activityActive: false } })], { taken: 1, live: [aLive()] }));
    expect(results(plan)).toEqual([['remove', 'cancelled', null, null]]);
  });

  it('refuses to cancel a day already attended', () => {
    const plan = planValidation(facts([aRequest('remove')], { live: [aLive({ status: 'attended' })] }));
    expect(results(plan)).toEqual([['remove', 'refused', null, REASONS.deadline]]);
  });

  it('leaves unchanged a cancellation of a day the child has no reservation for', () => {
    const plan = planValidation(facts([aRequest('remove')]));
    expect(results(plan)).toEqual([['remove', 'unchanged', null, NOTHING_TO_CANCEL]]);
    expect(plan.writes).toEqual({ cancellations: [], additions: [] });
  });

  it('leaves unchanged a request for a day the child already holds', () => {
    const plan = planValidation(facts([aRequest('add')], { taken: 1, live: [aLive({ status: 'pending' })] }));
    expect(results(plan)).toEqual([['add', 'unchanged', null, ALREADY_RESERVED]]);
    expect(plan.writes.additions).toEqual([]);
  });

  it('leaves unchanged the second of two identical requests', () => {
    const plan = planValidation(facts([aRequest('add'), aRequest('add')]));
    expect(results(plan)).toEqual([
      ['add', 'pending', null, null],
      ['add', 'unchanged', null, ALREADY_RESERVED],
    ]);
    expect(plan.writes.additions).toHaveLength(1);
  });

  it('reuses a place the family frees for its own new request of the same validation when nobody waits, whatever the basket’s order', () => {
    const requests = [aRequest('add', { childId: 2 }), aRequest('remove', { childId: 1 })];
    const plan = planValidation(facts(requests, { taken: 2, waiting: 0, live: [aLive({ childId: 1, status: 'confirmed' })] }));
    // Cancellations come first, in the result too.
    expect(results(plan)).toEqual([
      ['remove', 'cancelled', null, null],
      ['add', 'pending', null, null],
    ]);
    expect(plan.writes.additions).toMatchObject([{ request: { childId: 2 }, status: 'pending' }]);
  });

  it('leaves a place the family frees to the families already waiting: its own new request joins the list behind them', () => {
    const requests = [aRequest('add', { childId: 2 }), aRequest('remove', { childId: 1 })];
    const plan = planValidation(facts(requests, { taken: 2, waiting: 1, live: [aLive({ childId: 1, status: 'confirmed' })] }));
    expect(results(plan)).toEqual([
      ['remove', 'cancelled', null, null],
      ['add', 'waitlisted', 2, null],
    ]);
  });

  it('never gives a free place to a new request while someone waits for one, and refuses it when the list is full', () => {
    expect(results(planValidation(facts([aRequest('add')], { taken: 0, waiting: 1 })))).toEqual([['add', 'waitlisted', 2, null]]);
    expect(results(planValidation(facts([aRequest('add')], { taken: 1, waiting: 2 })))).toEqual([['add', 'refused', null, REASONS.full]]);
  });

  it('says a new request past its deadline is refused because bookings closed, with the date', () => {
    const since = new Date('2026-12-07T11:00:00Z');
    const plan = planValidation(facts([aRequest('add', { time: { pastDeadline: true, bookingClosedSince: since } })]));
    expect(results(plan)).toEqual([['add', 'refused', null, 'Les réservations de ce jour sont closes depuis le 07/12/2026 à 12:00.']]);
  });

  it('counts each day on its own', () => {
    const plan = planValidation(facts([aRequest('add'), aRequest('add', { activityDayId: OTHER_DAY })], { taken: 2, waiting: 2 }));
    expect(results(plan)).toEqual([
      ['add', 'refused', null, REASONS.full],
      ['add', 'pending', null, null],
    ]);
  });

  it('changes nothing in the facts it is given', () => {
    const given = facts([aRequest('remove', { childId: 1 }), aRequest('add', { childId: 2 })], { taken: 2, waiting: 1, live: [aLive({ childId: 1, status: 'waitlisted', waitlistRank: 1 })] });
    const copy = structuredClone(given);
    planValidation(given);
    expect(given).toEqual(copy);
  });
});

describe('one child in one place at a time', () => {
  const wholeDayLive = (overrides: Partial<LiveReservation> = {}) =>
    aLive({ id: 200, activityDayId: FULL_DAY, slot: { ...morning(), ...wholeDay } as Slot, ...overrides });

  it('refuses a morning for a child already reserved for the whole day elsewhere, naming it', () => {
    const plan = planValidation(facts([aRequest('add')], { live: [wholeDayLive()] }));
    expect(results(plan)).toEqual([['add', 'refused', null, 'MARTIN Enfant1 est déjà inscrit ce jour-là à ALSH Journée (08:00–17:00).']]);
    expect(plan.writes.additions).toEqual([]);
  });

  it('says so when the other activity is only a waiting-list place', () => {
    const plan = planValidation(facts([aRequest('add')], { live: [wholeDayLive({ status: 'waitlisted', waitlistRank: 1 })] }));
    expect(results(plan)).toEqual([['add', 'refused', null, 'MARTIN Enfant1 est déjà en liste d’attente ce jour-là pour ALSH Journée (08:00–17:00).']]);
  });

  it('accepts only the first of two overlapping requests of one basket', () => {
    const plan = planValidation(facts([aRequest('add', { activityDayId: FULL_DAY, slot: wholeDay }), aRequest('add')]));
    expect(results(plan)).toEqual([
      ['add', 'pending', null, null],
      ['add', 'refused', null, 'MARTIN Enfant1 est déjà inscrit ce jour-là à ALSH Journée (08:00–17:00).'],
    ]);
  });

  it('lets the second request through when the first one is refused', () => {
    const plan = planValidation(facts([aRequest('add', { activityDayId: FULL_DAY, slot: wholeDay, time: { eligible: false } }), aRequest('add')]));
    expect(results(plan)).toEqual([
      ['add', 'refused', null, REASONS.notEligible],
      ['add', 'pending', null, null],
    ]);
  });

  it('accepts a morning and an afternoon that touch at noon', () => {
    const plan = planValidation(facts([aRequest('add'), aRequest('add', { activityDayId: AFTERNOON, slot: afternoon })]));
    expect(results(plan)).toEqual([
      ['add', 'pending', null, null],
      ['add', 'pending', null, null],
    ]);
  });

  it('does not count the same activity on another date, nor another child, as an overlap', () => {
    const otherDate = aLive({ id: 300, activityDayId: OTHER_DAY, slot: { ...morning(OTHER_DAY), ...wholeDay } as Slot });
    const sibling = wholeDayLive({ childId: 2 });
    const plan = planValidation(facts([aRequest('add')], { live: [otherDate, sibling] }));
    expect(results(plan)).toEqual([['add', 'pending', null, null]]);
  });

  it('says « already reserved », not an overlap, for a second request of the same day of the same activity', () => {
    const plan = planValidation(facts([aRequest('add')], { live: [aLive()] }));
    expect(results(plan)).toEqual([['add', 'unchanged', null, ALREADY_RESERVED]]);
  });

  it('lets a day replace an overlapping one cancelled in the same basket', () => {
    const plan = planValidation(facts([aRequest('remove', { activityDayId: FULL_DAY, slot: wholeDay }), aRequest('add')], { live: [wholeDayLive()] }));
    expect(results(plan)).toEqual([
      ['remove', 'cancelled', null, null],
      ['add', 'pending', null, null],
    ]);
  });

  it('keeps refusing when the cancellation of the overlapping day is itself refused', () => {
    const plan = planValidation(
      facts([aRequest('remove', { activityDayId: FULL_DAY, slot: wholeDay, time: { pastDeadline: true } }), aRequest('add')], { live: [wholeDayLive()] }),
    );
    expect(results(plan)).toEqual([
      ['remove', 'refused', null, REASONS.deadline],
      ['add', 'refused', null, overlapReason({ childName: 'MARTIN Enfant1', kind: 'reserved', slot: { ...morning(), ...wholeDay } as Slot })],
    ]);
  });
});

/**
 * What validate_basket (migration 0018) does with planBeforeCapacity's plan once the days are
 * locked, with every cancellation still live: cancellations free their place or rank, then each
 * addition in request order is refused by an earlier one it overlaps that got a place or a rank,
 * else decided by the capacity rule on the counts so far.
 */
function completedUnderLock(facts: ValidationFacts) {
  const plan = planBeforeCapacity(facts);
  const counts = new Map([...facts.counts].map(([id, count]) => [id, { ...count }]));
  const outcomes = plan.outcomes.map((outcome) => ({ ...outcome }));
  for (const { reservation } of plan.cancellations) {
    const count = counts.get(reservation.activityDayId)!;
    if (reservation.status === 'waitlisted') count.waiting--;
    else count.taken--;
  }
  const statuses: string[] = [];
  for (const { outcome, request, overlaps } of plan.additions) {
    const earlier = overlaps.find(({ addition }) => statuses[addition] === 'pending' || statuses[addition] === 'waitlisted');
    if (earlier) {
      statuses.push('refused');
      outcomes[outcome] = { ...outcomes[outcome]!, result: 'refused', reason: statuses[earlier.addition] === 'pending' ? earlier.reserved : earlier.waitlisted };
      continue;
    }
    const count = counts.get(request.activityDayId)!;
    const decision = capacityDecision({ ...request.time, ...count });
    statuses.push(decision.result);
    if (decision.result === 'pending') count.taken++;
    if (decision.result === 'waitlisted') count.waiting++;
    outcomes[outcome] = {
      ...outcomes[outcome]!,
      result: decision.result,
      waitlistRank: decision.result === 'waitlisted' ? decision.rank : null,
      reason: decision.result === 'refused' ? decision.reason : null,
    };
  }
  return outcomes;
}

describe('planBeforeCapacity: everything but the places, decided before the day locks', () => {
  const slots: Record<number, Partial<Slot>> = { [DAY]: {}, [OTHER_DAY]: {}, [FULL_DAY]: wholeDay, [AFTERNOON]: afternoon };
  const line = fc.record({
    action: fc.constantFrom('add' as const, 'remove' as const),
    childId: fc.constantFrom(1, 2),
    activityDayId: fc.constantFrom(DAY, OTHER_DAY, FULL_DAY, AFTERNOON),
    eligible: fc.boolean(),
    pastDeadline: fc.boolean(),
    insidePromotionLead: fc.boolean(),
    capacity: fc.integer({ min: 0, max: 3 }),
    waitlistCapacity: fc.integer({ min: 0, max: 2 }),
  });
  const held = fc.record({
    childId: fc.constantFrom(1, 2),
    activityDayId: fc.constantFrom(DAY, OTHER_DAY, FULL_DAY, AFTERNOON),
    status: fc.constantFrom('pending' as const, 'confirmed' as const, 'waitlisted' as const, 'attended' as const),
  });

  it('gives planValidation’s result once the capacity is decided in request order under the locks', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(line, { maxLength: 6, selector: (l) => `${l.childId}:${l.activityDayId}` }),
        fc.uniqueArray(held, { maxLength: 4, selector: (h) => `${h.childId}:${h.activityDayId}` }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (lines, live, taken, waiting) => {
          // A day's capacities are the day's: the first line's for every line of that day.
          const capacities = new Map(lines.map((l) => [l.activityDayId, { capacity: l.capacity, waitlistCapacity: l.waitlistCapacity }]));
          const requests = lines.map((l) =>
            aRequest(l.action, {
              childId: l.childId,
              activityDayId: l.activityDayId,
              slot: slots[l.activityDayId],
              time: { eligible: l.eligible, pastDeadline: l.pastDeadline, insidePromotionLead: l.insidePromotionLead, ...capacities.get(l.activityDayId)! },
            }),
          );
          const reservations = live.map((h, i) =>
            aLive({ id: 500 + i, ...h, waitlistRank: h.status === 'waitlisted' ? 1 : null, slot: { ...morning(h.activityDayId), ...slots[h.activityDayId] } as Slot }),
          );
          const all = facts(requests, { live: reservations, taken, waiting });
          expect(completedUnderLock(all)).toEqual(planValidation(all).outcomes);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
