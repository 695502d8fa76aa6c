'use client';

import { createContext, useActionState, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
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
 * The newest board of each calendar in this tab, from the server's pages and the clicks' answers.
 * The router may show a page older than a click already answered: from its cache on the browser's
 * Back, or a page asked for before the click and arriving after it (then in a new instance of the
 * page, the answer reaching the one it left). Of two boards of one calendar, the later read wins.
 */
const newestBoards = new Map<string, CalendarBoard>();
const listeners = new Set<() => void>();
/** The board to show: `shown`, or `other` when it is a later read of the same calendar. */
const newest = (shown: CalendarBoard, other: CalendarBoard | undefined) =>
  other && other.calendar === shown.calendar && other.readAt >= shown.readAt ? other : shown;
/** Keeps a board if it is the newest of its calendar, and tells the other pages showing it (not `source`). */
function remember(board: CalendarBoard, source?: () => void) {
  const known = newestBoards.get(board.calendar);
  if (known && known.readAt > board.readAt) return;
  newestBoards.set(board.calendar, board);
  for (const listener of listeners) if (listener !== source) listener();
}
const subscribeToNothing = () => () => {};

export function useCalendarBoard(): BoardContext {
  const board = useContext(Board);
  if (!board) throw new Error('useCalendarBoard is used outside a CalendarBoardProvider.');
  return board;
}

/**
 * Holds the calendar's click action (one form, `useActionState`, so that it works without
 * JavaScript too) and shows the newest board: the server's, or a click's answer read after it.
 */
export function CalendarBoardProvider({ board, action, children }: { board: CalendarBoard; action: CalendarBoardAction; children: ReactNode }) {
  const [listener, setListener] = useState<(() => void) | undefined>(undefined);
  const subscribe = useCallback((onChange: () => void) => {
    listeners.add(onChange);
    setListener(() => onChange);
    return () => {
      listeners.delete(onChange);
    };
  }, []);
  const known = useSyncExternalStore(
    subscribe,
    () => newestBoards.get(board.calendar),
    () => undefined,
  );
  // False in the server's HTML, true once React runs in the browser: the server action itself
  // until then, so that the form works without JavaScript; then the same call, its answer kept.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  // This page shows the answer with its state (the day's sending tone ends with it); the others now.
  const answering = useMemo<CalendarBoardAction>(
    () => async (previous, form) => {
      const answer = await action(previous, form);
      if (answer.view) remember(answer.view, listener);
      return answer;
    },
    [action, listener],
  );
  const [state, dispatch, pending] = useActionState(hydrated ? answering : action, initialActionState);
  useEffect(() => remember(board), [board]);
  const shown = newest(newest(board, known), state.view);
  return <Board.Provider value={{ board: shown, state, dispatch, pending }}>{children}</Board.Provider>;
}

/** Its children (« Abandonner », « Valider ») only while the basket holds a request. */
export function WhenRequests({ children }: { children: ReactNode }) {
  return hasRequests(useCalendarBoard().board.requests) ? children : null;
}
