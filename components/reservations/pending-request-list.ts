import type { IsoDate } from '@/lib/clock';
import type { BasketLine, BasketSummary } from '@/lib/reservations/types';

/** What « Valider » will do with a request: a reservation, a waiting-list request, a cancellation. */
export type PendingRequestKind = 'reservation' | 'waitlist' | 'cancellation';

/** One line of « Vos demandes en cours », as it crosses to the browser: its link already made. */
export interface PendingRequestLine {
  itemId: number;
  kind: PendingRequestKind;
  date: IsoDate;
  childName: string;
  activityName: string;
  /** The calendar of the line's child, activity and month. */
  href: string;
  costCents: number;
}

/** « Vos demandes en cours »: the basket's requests for every activity, by date. */
export interface PendingRequestList {
  additions: number;
  removals: number;
  lines: PendingRequestLine[];
}

const kindOf = (line: BasketLine): PendingRequestKind =>
  line.action === 'remove' ? 'cancellation' : line.forecast.result === 'waitlisted' ? 'waitlist' : 'reservation';

/** The list of a basket, on the server: links are made here, since a function cannot cross to the browser. */
export function pendingRequestList(summary: BasketSummary, lineHref: (line: BasketLine) => string): PendingRequestList {
  const lines = [...summary.additions, ...summary.removals].sort((a, b) => a.date.localeCompare(b.date) || a.childName.localeCompare(b.childName));
  return {
    additions: summary.additions.length,
    removals: summary.removals.length,
    lines: lines.map((line) => ({
      itemId: line.itemId,
      kind: kindOf(line),
      date: line.date,
      childName: line.childName,
      activityName: line.activityName,
      href: lineHref(line),
      costCents: line.costCents,
    })),
  };
}

/** Whether « Abandonner » and « Valider » show: the basket holds a request. */
export const hasRequests = (list: PendingRequestList) => list.additions + list.removals > 0;
