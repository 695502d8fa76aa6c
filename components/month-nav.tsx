import Link from 'next/link';

// Links without prefetch, as in the tabs (see components/tab-nav.tsx): no request in flight at logout.

export interface MonthLink {
  href: string;
  /** What the arrow leads to, e.g. "octobre 2026". */
  label: string;
}

const arrowClass =
  'inline-flex min-h-11 min-w-11 items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-2 text-sm font-medium text-brand-800 hover:bg-brand-50';

/** The guide's arrows "to go from one month to another", around the month shown (a heading). */
export function MonthNav({
  heading,
  headingId,
  previous,
  next,
}: {
  heading: string;
  headingId: string;
  previous: MonthLink;
  next: MonthLink | null;
}) {
  return (
    <div className="grid grid-cols-[1fr_auto_1fr] items-center gap-2 print:block">
      <Link
        href={previous.href}
        prefetch={false}
        aria-label={`Mois précédent : ${previous.label}`}
        className={`no-print justify-self-start ${arrowClass}`}
      >
        <span aria-hidden="true">←</span>
        <span className="hidden sm:inline">{previous.label}</span>
      </Link>
      <h2 id={headingId} className="text-center text-xl font-semibold print:text-left">
        {heading}
      </h2>
      {next ? (
        <Link
          href={next.href}
          prefetch={false}
          aria-label={`Mois suivant : ${next.label}`}
          className={`no-print justify-self-end ${arrowClass}`}
        >
          <span className="hidden sm:inline">{next.label}</span>
          <span aria-hidden="true">→</span>
        </Link>
      ) : (
        // The current month has no next arrow: the grid keeps the heading centred.
        <span />
      )}
    </div>
  );
}
