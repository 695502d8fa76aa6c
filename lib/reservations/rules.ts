import { formatDateTime } from '@/lib/format';
import type { DayState } from './types';

/** What decides a day's state for one child, gathered by the service. */
export interface DayFacts {
  /** The town offers the activity for booking (activities.active). */
  activityActive: boolean;
  /** The booking period is open now (opensAt ≤ now < closesAt). */
  windowOpen: boolean;
  windowOpensLater: boolean;
  /** The child's age on that day fits the activity. */
  eligible: boolean;
  /** The day is today or past, or its modification deadline has passed. */
  pastDeadline: boolean;
  /** When new requests for the day stopped being taken (its deadline, or its morning if earlier), once past. */
  bookingClosedSince?: Date;
  capacity: number;
  waitlistCapacity: number;
  /** Places taken: pending + confirmed reservations. */
  taken: number;
  waiting: number;
  own: { status: 'pending' | 'confirmed' | 'waitlisted' | 'attended' | 'absent'; waitlistRank: number | null } | null;
}

/** The facts that do not depend on the day's counts nor on the child's own reservation. */
export type TimeFacts = Omit<DayFacts, 'taken' | 'waiting' | 'own'>;

export interface DayVerdict {
  state: DayState;
  clickable: boolean;
  reason: string | null;
  waitlistRank: number | null;
}

export const REASONS = {
  notOpenYet: 'Les réservations ne sont pas encore ouvertes pour ce jour.',
  windowClosed: 'Les réservations sont fermées pour ce jour.',
  notEligible: 'Cette activité ne correspond pas à l’âge de l’enfant ce jour-là.',
  deadline: 'Délai de modification dépassé.',
  full: 'Activité complète et liste d’attente complète.',
  notOpeningDay: 'Ce jour n’est pas ouvert à la réservation.',
  inactive: 'Cette activité n’est plus proposée à la réservation.',
} as const;

/** Why a new request for the day is refused once its deadline has passed: a booking, not a modification. */
export const bookingClosedReason = (since: Date | undefined) =>
  since ? `Les réservations de ce jour sont closes depuis le ${formatDateTime(since)}.` : REASONS.deadline;

/**
 * Whether a new request may take a free place: only when nobody waits for one. A day whose
 * waiting list is not empty keeps its freed places for the list (promoted in rank order), so a
 * newcomer joins the list behind the others. (An activity has no promotion lead time yet: when it
 * gets one, inside it free places go to everyone again, here.)
 */
export const placeOpenToNewcomers = (facts: Pick<DayFacts, 'taken' | 'capacity' | 'waiting'>) => facts.taken < facts.capacity && facts.waiting === 0;

/**
 * Why a reservation of the day may not be cancelled now, or null when it may: only inside the
 * booking window and before the modification deadline. An activity the town stopped offering can
 * still be cancelled: freeing a place never needs the activity to be bookable.
 */
export function cancellationRefusal(facts: Pick<DayFacts, 'windowOpen' | 'windowOpensLater' | 'pastDeadline'>): string | null {
  if (facts.pastDeadline) return REASONS.deadline;
  if (!facts.windowOpen) return facts.windowOpensLater ? REASONS.notOpenYet : REASONS.windowClosed;
  return null;
}

/** The guide's "Code couleur" for one day and one child. */
export function dayVerdict(facts: DayFacts): DayVerdict {
  if (facts.own) {
    const rank = facts.own.status === 'waitlisted' ? facts.own.waitlistRank : null;
    const refusal = cancellationRefusal(facts);
    if (refusal) {
      return { state: facts.own.status === 'waitlisted' ? 'waitlisted' : 'locked', clickable: false, reason: refusal, waitlistRank: rank };
    }
    return { state: facts.own.status === 'waitlisted' ? 'waitlisted' : 'booked', clickable: true, reason: null, waitlistRank: rank };
  }
  const closed = (reason: string): DayVerdict => ({ state: 'closed', clickable: false, reason, waitlistRank: null });
  if (!facts.activityActive) return closed(REASONS.inactive);
  if (!facts.windowOpen) return closed(facts.windowOpensLater ? REASONS.notOpenYet : REASONS.windowClosed);
  if (!facts.eligible) return closed(REASONS.notEligible);
  if (facts.pastDeadline) return closed(bookingClosedReason(facts.bookingClosedSince));
  if (placeOpenToNewcomers(facts)) return { state: 'available', clickable: true, reason: null, waitlistRank: null };
  if (facts.waiting < facts.waitlistCapacity) return { state: 'waitlistOpen', clickable: true, reason: null, waitlistRank: null };
  return { state: 'full', clickable: false, reason: REASONS.full, waitlistRank: null };
}

export type AddDecision = { result: 'pending' } | { result: 'waitlisted'; rank: number } | { result: 'refused'; reason: string };

/** What "Valider" does with a requested day, given the counts read under lock (or read as they are, for the recap's forecast). */
export function decideAddition(facts: Omit<DayFacts, 'own'>): AddDecision {
  if (!facts.activityActive) return { result: 'refused', reason: REASONS.inactive };
  if (!facts.windowOpen) return { result: 'refused', reason: facts.windowOpensLater ? REASONS.notOpenYet : REASONS.windowClosed };
  if (!facts.eligible) return { result: 'refused', reason: REASONS.notEligible };
  if (facts.pastDeadline) return { result: 'refused', reason: bookingClosedReason(facts.bookingClosedSince) };
  if (placeOpenToNewcomers(facts)) return { result: 'pending' };
  if (facts.waiting < facts.waitlistCapacity) return { result: 'waitlisted', rank: facts.waiting + 1 };
  return { result: 'refused', reason: REASONS.full };
}

/** "Tarif de l'activité" and a day's cost: unit price × quantity per day. */
export const dayCostCents = (activity: { unitPriceCents: number; quantity: number }) => activity.unitPriceCents * activity.quantity;
