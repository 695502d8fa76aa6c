import type { YearMonth } from '@/lib/calendar/months';
import { ChoiceLink } from './choice-link';

export const HISTORY_VIEWS = {
  consommations: { path: '/historiques', label: 'Historiques des consommations', printTitle: 'Historique des consommations' },
  reglements: { path: '/historiques/reglements', label: 'Historiques des règlements', printTitle: 'Historique des règlements' },
} as const;

export type HistoryView = keyof typeof HISTORY_VIEWS;

/** The address of one view of "Historiques" at a month. */
export const historyHref = (view: HistoryView, month: YearMonth) => `${HISTORY_VIEWS[view].path}?mois=${month}`;

/** Consumptions or payments: the two views of "Historiques", keeping the month chosen. */
export function HistoryTabs({ current, month }: { current: HistoryView; month: YearMonth }) {
  return (
    <nav aria-label="Historiques" className="no-print">
      <ul className="flex flex-wrap gap-2">
        {(Object.keys(HISTORY_VIEWS) as HistoryView[]).map((view) => (
          <li key={view}>
            <ChoiceLink href={historyHref(view, month)} current={view === current} currentMeans="page" shape="pill">
              {HISTORY_VIEWS[view].label}
            </ChoiceLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
