'use client';

import { createContext, useActionState, useContext, useEffect, useState, type ReactNode } from 'react';
import { initialActionState, type ActionState } from '@/lib/action-state';
import type { CompactLook } from './day-look';
import { hasRequests, type PendingRequestList } from './pending-request-list';

/**
 * What the Réservations page shows from the month and the basket: the calendar's days, « Vos
 * demandes en cours », and whether « Abandonner » and « Valider » show. The server renders the
 * page with it; a click's answer brings it again, and the page updates itself from it, so the
 * server renders only the page's first view.
 */
export interface CalendarBoard {
  /** Which calendar: 'child/activity/month', '' when none is shown. */
  calendar: string;
  /** When the server began to read it (ms since 1970): of two boards of one calendar, the later read is the newer. */
  readAt: number;
  /** The month shown, week by week (null for the dates of the months around it); empty without a calendar. */
  weeks: Array<Array<CompactLook | null>>;
  requests: PendingRequestList;
}

export type CalendarBoardAction = (state: ActionState<CalendarBoard>, form: FormData) => Promise<ActionState<CalendarBoard>>;

interface BoardContext {
  board: CalendarBoard;
  /** The last click's answer, its form's dispatch, and whether a click is being sent. */
  state: ActionState<CalendarBoard>;
  dispatch: (form: FormData) => void;
  pending: boolean;
}

const Board = createContext<BoardContext | null>(null);

/**
 * The newest board shown of each calendar in this tab. The router may show a page older than a
 * click already answered: from its cache on the browser's Back, or a page asked for before the
 * click and arriving after it. The newer board is shown.
 */
const newestShown = new Map<string, CalendarBoard>();
const newer = (known: CalendarBoard | undefined, board: CalendarBoard) =>
  known && known.calendar === board.calendar && known.readAt > board.readAt ? known : board;

export function useCalendarBoard(): BoardContext {
  const board = useContext(Board);
  if (!board) throw new Error('useCalendarBoard is used outside a CalendarBoardProvider.');
  return board;
}

/**
 * Holds the calendar's click action (one form, `useActionState`, so that it works without
 * JavaScript too) and shows the newest board: the server's, or the last click's answer after it.
 */
export function CalendarBoardProvider({ board, action, children }: { board: CalendarBoard; action: CalendarBoardAction; children: ReactNode }) {
  const [state, dispatch, pending] = useActionState(action, initialActionState);
  const [shown, setShown] = useState(() => ({ rendered: board, state, board: newer(newestShown.get(board.calendar), board) }));
  let next = shown;
  // A page the server renders again (a link, « Abandonner ») is newer than any click answered before it was read.
  if (shown.rendered !== board) next = { rendered: board, state, board: newer(newestShown.get(board.calendar), board) };
  else if (shown.state !== state) next = { rendered: board, state, board: state.view ? newer(shown.board, state.view) : shown.board };
  if (next !== shown) setShown(next);
  useEffect(() => {
    newestShown.set(next.board.calendar, next.board);
  }, [next]);
  return <Board.Provider value={{ board: next.board, state, dispatch, pending }}>{children}</Board.Provider>;
}

/** Its children (« Abandonner », « Valider ») only while the basket holds a request. */
export function WhenRequests({ children }: { children: ReactNode }) {
  return hasRequests(useCalendarBoard().board.requests) ? children : null;
}
