import Link from 'next/link';
import { formatMonth, formatMonthTitle } from '@/lib/format';
import type { CalendarView } from '@/lib/reservations/types';

// Links never prefetch, as in the tabs (see components/tab-nav.tsx): no request in flight at logout.

/** The calendar's month heading, between links to the months before and after that have days to book. */
export function MonthNavigation({ view, monthHref }: { view: CalendarView; monthHref: (month: string) => string }) {
  const index = view.months.indexOf(view.month);
  const previous = view.months[index - 1];
  const next = view.months[index + 1];
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <h2 id="calendrier-titre" className="w-full text-center text-xl font-bold sm:order-2 sm:w-auto">
        {formatMonthTitle(view.month)}
      </h2>
      <div className="sm:order-1 sm:w-44">
        {previous && (
          <Link prefetch={false} href={monthHref(previous)} aria-label={`Mois précédent : ${formatMonth(previous)}`} className="text-brand-800 underline">
            <span aria-hidden="true">‹ </span>
            {formatMonth(previous)}
          </Link>
        )}
      </div>
      <div className="text-right sm:order-3 sm:w-44">
        {next && (
          <Link prefetch={false} href={monthHref(next)} aria-label={`Mois suivant : ${formatMonth(next)}`} className="text-brand-800 underline">
            {formatMonth(next)}
            <span aria-hidden="true"> ›</span>
          </Link>
        )}
      </div>
    </div>
  );
}
