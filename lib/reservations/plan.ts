import { additionRefusal, cancellationRefusal, decideAddition, overlapReason, REASONS, slotsOverlap, type Overlap, type Slot, type TimeFacts } from './rules';
import type { ValidationOutcome } from './types';

/** One basket line, with what decides it apart from the day's counts. */
export interface PlannedRequest {
  action: 'add' | 'remove';
  childId: number;
  activityId: number;
  activityDayId: number;
  /** The family's unit price that day (its QF bracket), fixed on the reservation an addition creates. */
  unitPriceCents: number;
  /** How the line reads in the result and the e-mail. */
  line: Pick<ValidationOutcome, 'date' | 'childName' | 'activityName' | 'arrivalTime' | 'departureTime' | 'costCents'>;
  time: TimeFacts;
}

/** A live reservation of the family on one of the dates concerned, in any activity. */
export interface LiveReservation {
  id: number;
  childId: number;
  activityDayId: number;
  status: 'pending' | 'confirmed' | 'waitlisted' | 'attended' | 'absent';
  waitlistRank: number | null;
  /** Its activity's hours that day: a request overlapping them is refused. */
  slot: Slot;
}

/** What "Valider" decides on, read once the days are locked. */
export interface ValidationFacts {
  /** The basket's lines, in the order the result lists them. */
  requests: PlannedRequest[];
  /** Places taken (pending + confirmed) and waiting-list length of each day concerned. */
  counts: ReadonlyMap<number, { taken: number; waiting: number }>;
  /** The family's live reservations on the requests' dates, in every activity (not only the days requested). */
  live: LiveReservation[];
}

export interface PlannedCancellation {
  request: PlannedRequest;
  reservation: LiveReservation;
}

export interface PlannedAddition {
  request: PlannedRequest;
  status: 'pending' | 'waitlisted';
  waitlistRank: number | null;
}

export interface ValidationPlan {
  /** One per request: the cancellations first, then the additions, each in the requests' order. */
  outcomes: ValidationOutcome[];
  /** The outcome of each request, for the recap's line-by-line forecast. */
  outcomeOf: ReadonlyMap<PlannedRequest, ValidationOutcome>;
  writes: {
    /** In the order to apply them: a waiting-list rank is the one held when its turn comes. */
    cancellations: PlannedCancellation[];
    additions: PlannedAddition[];
  };
}

const CANCELLABLE = new Set<LiveReservation['status']>(['pending', 'confirmed', 'waitlisted']);
export const NOTHING_TO_CANCEL = 'Aucune réservation à annuler ce jour-là.';
export const ALREADY_RESERVED = 'Ce jour est déjà réservé pour cet enfant.';

const slotOf = (request: PlannedRequest): Slot => ({ activityId: request.activityId, ...request.line });

/** What a request to cancel does, apart from the counts: nothing to cancel, refused, or cancels `existing`. */
function cancellationOf(
  request: PlannedRequest,
  existing: LiveReservation | undefined,
): { result: 'unchanged' | 'refused'; reason: string } | { result: 'cancelled'; existing: LiveReservation } {
  if (!existing) return { result: 'unchanged', reason: NOTHING_TO_CANCEL };
  const refusal = CANCELLABLE.has(existing.status) ? cancellationRefusal(request.time) : REASONS.deadline;
  return refusal ? { result: 'refused', reason: refusal } : { result: 'cancelled', existing };
}

/**
 * What "Valider" does with each line of a basket, given the facts read under the day locks. Pure:
 * no I/O, the caller applies the writes. Cancellations are decided first, so that a family's own
 * freed place can serve its own new request when nobody waits for it — and a cancelled reservation
 * no longer keeps the child from another activity at the same hours. A request overlapping the
 * child's live reservation in another activity, or an earlier addition of the same basket (in the
 * lines' order), is refused: one child cannot be in two places at once. The recap runs this plan
 * over the facts as they are (no locks), so that it forecasts the result line by line; "Valider"
 * runs planBeforeCapacity, and the database decides the places under the day locks.
 */
export function planValidation(facts: ValidationFacts): ValidationPlan {
  const counts = new Map([...facts.counts].map(([id, count]) => [id, { ...count }]));
  const live = facts.live.map((reservation) => ({ ...reservation }));
  const outcomes: ValidationOutcome[] = [];
  const outcomeOf = new Map<PlannedRequest, ValidationOutcome>();
  const cancellations: PlannedCancellation[] = [];
  const additions: PlannedAddition[] = [];

  const outcome = (request: PlannedRequest, result: ValidationOutcome['result'], more: Partial<ValidationOutcome> = {}) => {
    const decided: ValidationOutcome = { action: request.action, ...request.line, result, waitlistRank: null, reason: null, ...more };
    outcomes.push(decided);
    outcomeOf.set(request, decided);
  };
  const liveOf = (request: PlannedRequest) => live.find((r) => r.childId === request.childId && r.activityDayId === request.activityDayId);
  const overlapOf = (request: PlannedRequest): Overlap | null => {
    const slot = slotOf(request);
    const kind = (status: LiveReservation['status']) => (status === 'waitlisted' ? ('waitlisted' as const) : ('reserved' as const));
    const reserved = live.find((r) => r.childId === request.childId && slotsOverlap(r.slot, slot));
    if (reserved) return { childName: request.line.childName, kind: kind(reserved.status), slot: reserved.slot };
    const added = additions.find((a) => a.request.childId === request.childId && slotsOverlap(slotOf(a.request), slot));
    if (added) return { childName: request.line.childName, kind: kind(added.status), slot: slotOf(added.request) };
    return null;
  };
  const countOf = (request: PlannedRequest) => {
    const count = counts.get(request.activityDayId);
    if (!count) throw new Error(`No counts for activity day ${request.activityDayId}.`);
    return count;
  };

  for (const request of facts.requests.filter((r) => r.action === 'remove')) {
    const decided = cancellationOf(request, liveOf(request));
    if ('reason' in decided) {
      outcome(request, decided.result, { reason: decided.reason });
      continue;
    }
    const { existing } = decided;
    cancellations.push({ request, reservation: { ...existing } });
    live.splice(live.indexOf(existing), 1);
    const count = countOf(request);
    if (existing.status === 'waitlisted') {
      count.waiting--;
      // The family's own requests behind it on the same list move up too.
      for (const other of live) {
        if (other.activityDayId === existing.activityDayId && other.status === 'waitlisted' && other.waitlistRank && existing.waitlistRank && other.waitlistRank > existing.waitlistRank) {
          other.waitlistRank--;
        }
      }
    } else {
      count.taken--;
    }
    outcome(request, 'cancelled');
  }

  for (const request of facts.requests.filter((r) => r.action === 'add')) {
    const requestedTwice = additions.some((a) => a.request.childId === request.childId && a.request.activityDayId === request.activityDayId);
    if (liveOf(request) || requestedTwice) {
      outcome(request, 'unchanged', { reason: ALREADY_RESERVED });
      continue;
    }
    const count = countOf(request);
    const decision = decideAddition({ ...request.time, ...count, overlap: overlapOf(request) });
    if (decision.result === 'refused') {
      outcome(request, 'refused', { reason: decision.reason });
      continue;
    }
    const waitlistRank = decision.result === 'waitlisted' ? decision.rank : null;
    if (decision.result === 'pending') count.taken++;
    else count.waiting++;
    additions.push({ request, status: decision.result, waitlistRank });
    outcome(request, decision.result, { waitlistRank });
  }

  return { outcomes, outcomeOf, writes: { cancellations, additions } };
}

/** A cancellation "Valider" will apply, if the reservation is still live when the days are locked. */
export interface CancellationToApply {
  /** The index of its outcome. */
  outcome: number;
  request: PlannedRequest;
  reservation: LiveReservation;
}

/** An addition whose result depends on the day's counts, decided under the day's lock in request order. */
export interface AdditionToDecide {
  outcome: number;
  request: PlannedRequest;
  /**
   * The earlier additions (indexes in `additions`) at overlapping hours for the same child, in
   * order: the first that gets a place or a rank refuses this one, with the reason of its kind.
   */
  overlaps: { addition: number; reserved: string; waitlisted: string }[];
}

export interface PlanBeforeCapacity {
  /** One per request, in planValidation's order; those of `additions` are completed under the locks. */
  outcomes: ValidationOutcome[];
  cancellations: CancellationToApply[];
  additions: AdditionToDecide[];
}

/**
 * planValidation without the counts: everything about a basket that does not depend on how full
 * its days are — the time facts, eligibility, "already reserved", the overlaps with the child's live
 * reservations, which cancellations are allowed — so that under the day locks only the capacity is
 * left to decide (validate_basket, migrations 0018 and 0019). With the capacity decided by
 * decideAddition in request order, it gives planValidation's result: the live reservations it reads
 * cannot gain a row while the family's basket is locked, and a cancellation only frees hours and
 * places.
 */
export function planBeforeCapacity(facts: Omit<ValidationFacts, 'counts'>): PlanBeforeCapacity {
  const live = facts.live.map((reservation) => ({ ...reservation }));
  const outcomes: ValidationOutcome[] = [];
  const cancellations: CancellationToApply[] = [];
  const additions: AdditionToDecide[] = [];
  const outcome = (request: PlannedRequest, result: ValidationOutcome['result'], more: Partial<ValidationOutcome> = {}) =>
    outcomes.push({ action: request.action, ...request.line, result, waitlistRank: null, reason: null, ...more }) - 1;
  const liveOf = (request: PlannedRequest) => live.find((r) => r.childId === request.childId && r.activityDayId === request.activityDayId);

  for (const request of facts.requests.filter((r) => r.action === 'remove')) {
    const decided = cancellationOf(request, liveOf(request));
    if ('reason' in decided) {
      outcome(request, decided.result, { reason: decided.reason });
      continue;
    }
    const { existing } = decided;
    live.splice(live.indexOf(existing), 1);
    cancellations.push({ outcome: outcome(request, 'cancelled'), request, reservation: existing });
  }

  for (const request of facts.requests.filter((r) => r.action === 'add')) {
    // As in planValidation (a basket holds one line per child and day: basket_items_unique).
    const requestedTwice = additions.some((a) => a.request.childId === request.childId && a.request.activityDayId === request.activityDayId);
    if (liveOf(request) || requestedTwice) {
      outcome(request, 'unchanged', { reason: ALREADY_RESERVED });
      continue;
    }
    const slot = slotOf(request);
    const held = live.find((r) => r.childId === request.childId && slotsOverlap(r.slot, slot));
    const overlap: Overlap | null = held ? { childName: request.line.childName, kind: held.status === 'waitlisted' ? 'waitlisted' : 'reserved', slot: held.slot } : null;
    const refusal = additionRefusal({ ...request.time, overlap });
    if (refusal) {
      outcome(request, 'refused', { reason: refusal });
      continue;
    }
    const overlaps = additions.flatMap((earlier, index) => {
      if (earlier.request.childId !== request.childId || !slotsOverlap(slotOf(earlier.request), slot)) return [];
      const reason = (kind: Overlap['kind']) => overlapReason({ childName: request.line.childName, kind, slot: slotOf(earlier.request) });
      return [{ addition: index, reserved: reason('reserved'), waitlisted: reason('waitlisted') }];
    });
    // Completed under the day's lock; 'refused' until then.
    additions.push({ outcome: outcome(request, 'refused'), request, overlaps });
  }

  return { outcomes, cancellations, additions };
}
