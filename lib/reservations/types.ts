import type { IsoDate } from '@/lib/clock';

import type { Overlap } from './rules';

/**
 * The six states of the guide's "Code couleur", plus the child's own place on a waiting list and
 * a day the child already spends, at overlapping hours, in another activity ('elsewhere').
 */
export type DayState = 'closed' | 'available' | 'booked' | 'locked' | 'waitlisted' | 'waitlistOpen' | 'full' | 'elsewhere';

export interface CalendarDay {
  date: IsoDate;
  activityDayId: number | null;
  state: DayState;
  /** Whether a click may put it in (or take it out of) the basket. */
  clickable: boolean;
  /** Why a day cannot be clicked, in French ("Délai de modification dépassé"). */
  reason: string | null;
  /** The child's rank on this day's waiting list, when waitlisted. */
  waitlistRank: number | null;
  /** A pending request in the basket: 'add' (turns orange) or 'remove' (turns green). */
  basket: 'add' | 'remove' | null;
  /** On an 'elsewhere' day: the activity the child already has at overlapping hours. */
  overlap?: Overlap;
}

export interface ChildChoice {
  id: number;
  firstName: string;
  lastName: string;
}

export interface ActivityChoice {
  id: number;
  name: string;
  unitPriceCents: number;
  quantity: number;
  arrivalTime: string;
  departureTime: string;
}

export interface CalendarView {
  child: ChildChoice;
  activity: ActivityChoice;
  /** Months ('YYYY-MM') holding bookable days of the open booking periods, in order. */
  months: string[];
  month: string;
  /** The activity's opening days in that month; every other date of the grid is closed. */
  days: CalendarDay[];
  /** When none of the month's days is open for booking yet: when booking opens for the first of them. */
  bookingOpensAt: Date | null;
}

export interface BasketLine {
  itemId: number;
  childId: number;
  childName: string;
  activityDayId: number;
  activityId: number;
  date: IsoDate;
  activityName: string;
  arrivalTime: string;
  departureTime: string;
  costCents: number;
  action: 'add' | 'remove';
  /** What "Valider" would do with the line now: reserved ('pending'), waiting list and its rank, refused and why. */
  forecast: { result: OutcomeResult; waitlistRank: number | null; reason: string | null };
}

export interface BasketSummary {
  basketId: number | null;
  version: number;
  remarks: string;
  additions: BasketLine[];
  removals: BasketLine[];
  /** The cost of the additions that would be reserved, not waitlisted nor refused: the result's accepted amount. */
  additionsTotalCents: number;
  /** The cost of the removals that would be cancelled. */
  removalsTotalCents: number;
}

export type OutcomeResult = 'pending' | 'waitlisted' | 'refused' | 'cancelled' | 'unchanged';

export interface ValidationOutcome {
  action: 'add' | 'remove';
  result: OutcomeResult;
  date: IsoDate;
  childName: string;
  activityName: string;
  arrivalTime: string;
  departureTime: string;
  costCents: number;
  waitlistRank: number | null;
  reason: string | null;
}

export interface ValidationResult {
  validationId: number;
  validatedAt: Date;
  outcomes: ValidationOutcome[];
  /** The cost of the places obtained ("Non transmis"), for the payment offer. */
  acceptedCostCents: number;
  /**
   * The opening days where this validation gave a place back (a « Non transmis » or « Réservée »
   * reservation cancelled), for the waiting-list promotion to be announced. Empty when the result is
   * a replay of a validation already committed: the nightly promotion catches what it freed.
   */
  freedDayIds: number[];
}

export interface FamilyReservationRow {
  reservationId: number;
  date: IsoDate;
  childId: number;
  childName: string;
  activityId: number;
  activityName: string;
  arrivalTime: string;
  departureTime: string;
  status: 'pending' | 'confirmed' | 'waitlisted' | 'refused' | 'cancelled' | 'attended' | 'absent';
  waitlistRank: number | null;
}
