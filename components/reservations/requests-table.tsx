import { Euros } from '@/components/money';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { formatDate } from '@/lib/format';
import type { BasketLine } from '@/lib/reservations/types';

const cell = 'px-2 py-2 sm:px-3';

/** One table of the recap: the guide's columns, a cost per day and the total once, beside the first day. */
export function RequestsTable({ id, title, lines, totalCents, empty }: { id: string; title: string; lines: BasketLine[]; totalCents: number; empty: string }) {
  return (
    <div className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {lines.length === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <TableRegion label={title}>
          {/* On a phone each day is a block of labelled lines (app/globals.css); the total follows the table. */}
          <table role="table" aria-labelledby={id} className="stacked-table w-full text-sm">
            <TableHead cellClassName={cell} columns={['Date', 'Activité', 'Arrivée', 'Départ', { label: 'Coût', key: 'cout', numeric: true }, { label: 'Total', key: 'total', numeric: true }]} />
            <tbody role="rowgroup">
              {lines.map((line, index) => (
                <tr key={line.itemId} role="row" className="border-t border-slate-200">
                  <td role="cell" data-label="Date" className={`${cell} whitespace-nowrap`}>
                    {formatDate(line.date)}
                  </td>
                  <td role="cell" data-label="Activité" className={cell}>
                    {line.activityName}
                    <span className="block text-xs text-slate-700">{line.childName}</span>
                  </td>
                  <td role="cell" data-label="Arrivée" className={`${cell} tabular-nums`}>
                    {line.arrivalTime}
                  </td>
                  <td role="cell" data-label="Départ" className={`${cell} tabular-nums`}>
                    {line.departureTime}
                  </td>
                  <td role="cell" data-label="Coût" className={`${cell} text-right`}>
                    <Euros cents={line.costCents} />
                  </td>
                  {index === 0 && (
                    <td role="cell" rowSpan={lines.length} className={`stacked-hidden ${cell} border-l border-slate-200 text-right align-top font-semibold`}>
                      <Euros cents={totalCents} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {lines.length > 0 && (
        // On a phone the table is stacked without its Total column: the total comes once, under it.
        <p className="text-right text-sm font-semibold sm:hidden">
          Total : <Euros cents={totalCents} />
        </p>
      )}
    </div>
  );
}
