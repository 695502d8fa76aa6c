import Link from 'next/link';
import type { ReactNode } from 'react';
import type { YearMonth } from '@/lib/calendar/months';
import type { MonthSelection } from '@/lib/history/rules';
import { HISTORY_VIEWS, HistoryTabs, historyHref, type HistoryView } from './history-tabs';
import { MonthNav } from './month-nav';
import { Notice } from './notice';
import { PrintButton } from './print-button';
import { TableHead, type Column } from './table-head';
import { TableRegion } from './table-region';
import { TotalRow } from './total-row';

/** The padding of every cell of a history table. */
export const historyCell = 'px-2 py-2 sm:px-3';

/**
 * One view of "Historiques" for one month: the title and "Imprimer", the two views, the arrows
 * from month to month, then the month's table closed by its "TOTAL (€)" line — or a sentence
 * when the month has no line.
 */
export function MonthHistory<Line extends { id: number }>({
  view,
  selection,
  periodLabel,
  caption,
  empty,
  tableClassName,
  columns,
  lines,
  row,
  totalCents,
}: {
  view: HistoryView;
  selection: MonthSelection;
  /** What a month's table covers, in words: "octobre 2026". */
  periodLabel: (month: YearMonth) => string;
  /** The table's caption, also the name of its scrolling region. */
  caption: string;
  /** The sentence shown instead of an empty table. */
  empty: string;
  tableClassName: string;
  columns: Column[];
  lines: Line[];
  /** The cells of one line (each with `historyCell`, `role="cell"` and its column's name in `data-label`). */
  row: (line: Line) => ReactNode;
  totalCents: number;
}) {
  const link = (month: YearMonth) => ({ href: historyHref(view, month), label: periodLabel(month) });
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Historiques</h1>
        <PrintButton />
      </div>
      <HistoryTabs current={view} month={selection.month} />
      {selection.notice && <Notice>{selection.notice}</Notice>}

      <section aria-labelledby="mois-affiche" className="space-y-3">
        <p className="hidden text-lg font-semibold print:block">{HISTORY_VIEWS[view].printTitle}</p>
        <MonthNav
          heading={periodLabel(selection.month)}
          headingId="mois-affiche"
          previous={link(selection.previous)}
          next={selection.next ? link(selection.next) : null}
        />
        {lines.length === 0 ? (
          <p>{empty}</p>
        ) : (
          <TableRegion label={caption}>
            <table role="table" className={`stacked-table w-full ${tableClassName} text-sm`}>
              <caption className="sr-only">{caption}</caption>
              <TableHead cellClassName={historyCell} columns={columns} />
              <tbody role="rowgroup">
                {lines.map((line) => (
                  <tr key={line.id} role="row" className="border-t border-slate-200">
                    {row(line)}
                  </tr>
                ))}
              </tbody>
              <TotalRow columns={columns.length} totalCents={totalCents} cellClassName={historyCell} />
            </table>
          </TableRegion>
        )}
      </section>
      <p className="no-print">
        <Link href="/historiques/attestations" className="text-brand-800 underline">
          Attestations de frais de garde (enfants de moins de 6 ans)
        </Link>
      </p>
    </div>
  );
}
