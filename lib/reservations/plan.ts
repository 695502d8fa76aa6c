import { cancellationRefusal, decideAddition, REASONS, slotsOverlap, type Overlap, type Slot, type TimeFacts } from './rules';
import type { ValidationOutcome } from './types';

/** One basket line, with what decides it apart from the day's counts. */
export interface PlannedRequest {
  action: 'add' | 'remove';
  childId: number;
  activityId: number;
  activityDayId: number;
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

/**
 * What "Valider" does with each line of a basket, given the facts read under the day locks. Pure:
 * no I/O, the caller applies the writes. Cancellations are decided first, so that a family's own
 * freed place can serve its own new request when nobody waits for it — and a cancelled reservation
 * no longer keeps the child from another activity at the same hours. A request overlapping the
 * child's live reservation in another activity, or an earlier addition of the same basket (in the
 * lines' order), is refused: one child cannot be in two places at once. The recap runs the same plan
 * over the facts as they are (no locks), so that it forecasts the result line by line.
 * `decide` is decideAddition; tests inject another one to show what a queue jump looks like.
 */
export function planValidation(facts: ValidationFacts, decide: typeof decideAddition = decideAddition): ValidationPlan {
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
    const existing = liveOf(request);
    if (!existing) {
      outcome(request, 'unchanged', { reason: NOTHING_TO_CANCEL });
      continue;
    }
    const refusal = CANCELLABLE.has(existing.status) ? cancellationRefusal(request.time) : REASONS.deadline;
    if (refusal) {
      outcome(request, 'refused', { reason: refusal });
      continue;
    }
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
    const decision = decide({ ...request.time, ...count, overlap: overlapOf(request) });
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
