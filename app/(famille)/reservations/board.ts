import type { Db } from '@/db/client';
import type { CalendarBoard } from '@/components/reservations/calendar-board';
import { monthLooks } from '@/components/reservations/day-look';
import { pendingRequestList } from '@/components/reservations/pending-request-list';
import type { Clock } from '@/lib/clock';
import { basketSummary } from '@/lib/reservations/basket';
import { reservationSelection, type SelectionParams } from '@/lib/reservations/selection';
import type { BasketSummary, CalendarView } from '@/lib/reservations/types';
import { calendarHref } from './links';

/** What the page reads: the selection (child, activity, month), the basket, and the board shown from them. */
export async function reservationsPage(db: Db, clock: Clock, familyId: number, params: SelectionParams) {
  // The server's own time, not the app's clock: it only orders two reads of the same calendar.
  const readAt = Date.now();
  const [selection, summary] = await Promise.all([reservationSelection(db, clock, familyId, params), basketSummary(db, clock, familyId)]);
  return { selection, summary, board: calendarBoard(selection.view, summary, readAt) };
}

/** The board of the page: the month's days (while booking is open) and « Vos demandes en cours ». */
export function calendarBoard(view: CalendarView | null, summary: BasketSummary, readAt: number): CalendarBoard {
  return {
    calendar: view ? `${view.child.id}/${view.activity.id}/${view.month}` : '',
    readAt,
    weeks: view && !view.bookingOpensAt ? monthLooks(view) : [],
    requests: pendingRequestList(summary, (line) => calendarHref({ childId: line.childId, activityId: line.activityId, month: line.date.slice(0, 7) })),
  };
}

/**
 * The board after a click, read as the page reads it for the calendar the click came from (the
 * family's own child, an activity it may book, that month). Null when the page would now show
 * something else there (the month has no day left to book, booking closed): the page must then
 * be rendered again.
 */
export async function boardAfterClick(db: Db, clock: Clock, familyId: number, place: { childId: number; activityId?: number; month?: string }) {
  if (place.activityId === undefined || place.month === undefined) return null;
  const { selection, board } = await reservationsPage(db, clock, familyId, { enfant: String(place.childId), activite: String(place.activityId), mois: place.month });
  const view = selection.view;
  return view && view.month === place.month && !view.bookingOpensAt ? board : null;
}
