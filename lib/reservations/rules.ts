import type { IsoDate } from '@/lib/clock';
import { formatDateTime } from '@/lib/format';
import type { DayState } from './types';

/** Where and when a child is (or would be) on a date: one activity's hours that day. */
export interface Slot {
  activityId: number;
  activityName: string;
  date: IsoDate;
  /** 'HH:MM' or 'HH:MM:SS'. */
  arrivalTime: string;
  departureTime: string;
}

/**
 * Whether two slots put one child in two places at once: the same date, two different
 * activities, and hours that overlap as half-open intervals [arrival, departure) — a morning
 * ending at 12:00 and an afternoon starting at 12:00 do not overlap.
 */
export function slotsOverlap(a: Slot, b: Slot): boolean {
  const hhmm = (time: string) => time.slice(0, 5);
  return (
    a.date === b.date &&
    a.activityId !== b.activityId &&
    hhmm(a.arrivalTime) < hhmm(b.departureTime) &&
    hhmm(b.arrivalTime) < hhmm(a.departureTime)
  );
}

/** The child's other booking that a request would overlap: a reservation, a waiting-list place or a request in the basket. */
export interface Overlap {
  childName: string;
  kind: 'reserved' | 'waitlisted' | 'requested';
  slot: Slot;
}

/** A child's booking on a date, as the calendar and a click see it: a live reservation or a requested day. */
export type ChildBooking = Pick<Overlap, 'kind' | 'slot'>;

/** The first of the child's bookings that the slot would overlap, if any. */
export function findOverlap(childName: string, slot: Slot, bookings: ChildBooking[]): Overlap | null {
  const found = bookings.find((booking) => slotsOverlap(booking.slot, slot));
  return found ? { childName, ...found } : null;
}

/** « ALSH 3-6 ans Journée (08:30–17:30) » */
export const slotName = (slot: Pick<Slot, 'activityName' | 'arrivalTime' | 'departureTime'>) =>
  `${slot.activityName} (${slot.arrivalTime.slice(0, 5)}–${slot.departureTime.slice(0, 5)})`;

/** Why a request is refused when the child is already elsewhere at those hours, in French. */
export function overlapReason(overlap: Overlap): string {
  const where = slotName(overlap.slot);
  if (overlap.kind === 'waitlisted') return `${overlap.childName} est déjà en liste d’attente ce jour-là pour ${where}.`;
  if (overlap.kind === 'requested') return `${overlap.childName} a déjà une demande ce jour-là pour ${where} dans vos demandes à valider.`;
  return `${overlap.childName} est déjà inscrit ce jour-là à ${where}.`;
}

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
  /** The day is closer than the activity's promotion lead time: its waiting list is no longer served. */
  insidePromotionLead?: boolean;
  capacity: number;
  waitlistCapacity: number;
  /** Places taken: pending + confirmed reservations. */
  taken: number;
  waiting: number;
  own: { status: 'pending' | 'confirmed' | 'waitlisted' | 'attended' | 'absent'; waitlistRank: number | null } | null;
  /** The child's booking in another activity at overlapping hours that day, if any. */
  overlap?: Overlap | null;
}

/** The facts that do not depend on the day's counts, on the child's own reservation nor on the child's other bookings. */
export type TimeFacts = Omit<DayFacts, 'taken' | 'waiting' | 'own' | 'overlap'>;

export interface DayVerdict {
  state: DayState;
  clickable: boolean;
  reason: string | null;
  waitlistRank: number | null;
  /** On an 'elsewhere' day: where the child already is. */
  overlap?: Overlap;
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
 * newcomer joins the list behind the others — until the activity's promotion lead time: closer to
 * the day the list is no longer served, and a free place goes to whoever asks first.
 */
export const placeOpenToNewcomers = (facts: Pick<DayFacts, 'taken' | 'capacity' | 'waiting' | 'insidePromotionLead'>) =>
  facts.taken < facts.capacity && (facts.waiting === 0 || facts.insidePromotionLead === true);

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
  if (facts.overlap) return { state: 'elsewhere', clickable: false, reason: overlapReason(facts.overlap), waitlistRank: null, overlap: facts.overlap };
  if (placeOpenToNewcomers(facts)) return { state: 'available', clickable: true, reason: null, waitlistRank: null };
  if (facts.waiting < facts.waitlistCapacity) return { state: 'waitlistOpen', clickable: true, reason: null, waitlistRank: null };
  return { state: 'full', clickable: false, reason: REASONS.full, waitlistRank: null };
}

export type AddDecision = { result: 'pending' } | { result: 'waitlisted'; rank: number } | { result: 'refused'; reason: string };

/** Why a requested day is refused whatever the day's counts, or null: the checks decideAddition makes before the capacity. */
export function additionRefusal(facts: Omit<DayFacts, 'own' | 'taken' | 'waiting' | 'capacity' | 'waitlistCapacity'>): string | null {
  if (!facts.activityActive) return REASONS.inactive;
  if (!facts.windowOpen) return facts.windowOpensLater ? REASONS.notOpenYet : REASONS.windowClosed;
  if (!facts.eligible) return REASONS.notEligible;
  if (facts.pastDeadline) return bookingClosedReason(facts.bookingClosedSince);
  if (facts.overlap) return overlapReason(facts.overlap);
  return null;
}

/**
 * The capacity rule, on counts read under the day's lock: a place when one is open to newcomers,
 * else the waiting list while it has room, else full. The database function validate_basket
 * applies the same rule (reservation_capacity_decision, migration 0018); a test compares them.
 */
export function capacityDecision(facts: Pick<DayFacts, 'taken' | 'waiting' | 'capacity' | 'waitlistCapacity' | 'insidePromotionLead'>): AddDecision {
  if (placeOpenToNewcomers(facts)) return { result: 'pending' };
  if (facts.waiting < facts.waitlistCapacity) return { result: 'waitlisted', rank: facts.waiting + 1 };
  return { result: 'refused', reason: REASONS.full };
}

/** What "Valider" does with a requested day, given the counts read under lock (or read as they are, for the recap's forecast). */
export function decideAddition(facts: Omit<DayFacts, 'own'>): AddDecision {
  const refusal = additionRefusal(facts);
  return refusal ? { result: 'refused', reason: refusal } : capacityDecision(facts);
}

/** "Tarif de l'activité" and a day's cost: unit price × quantity per day. */
export const dayCostCents = (activity: { unitPriceCents: number; quantity: number }) => activity.unitPriceCents * activity.quantity;
