import Link from 'next/link';
import type { YearMonth } from '@/lib/calendar/months';

const views = [
  { key: 'consommations', path: '/historiques', label: 'Historiques des consommations' },
  { key: 'reglements', path: '/historiques/reglements', label: 'Historiques des règlements' },
] as const;

/** Consumptions or payments: the two views of "Historiques", keeping the month chosen. */
export function HistoryTabs({ current, month }: { current: (typeof views)[number]['key']; month: YearMonth }) {
  return (
    <nav aria-label="Historiques" className="no-print">
      <ul className="flex flex-wrap gap-2">
        {views.map((view) => {
          const active = view.key === current;
          return (
            <li key={view.key}>
              <Link
                href={`${view.path}?mois=${month}`}
                prefetch={false}
                aria-current={active ? 'page' : undefined}
                className={`block rounded-full border px-3 py-1.5 text-sm font-medium ${
                  active
                    ? 'border-brand-800 bg-brand-800 text-white underline decoration-2 underline-offset-4'
                    : 'border-slate-300 bg-white text-brand-800 hover:bg-brand-50'
                }`}
              >
                {view.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
