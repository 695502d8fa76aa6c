import { Euros } from '@/components/money';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { formatDate } from '@/lib/format';
import type { BasketLine } from '@/lib/reservations/types';

const cell = 'px-1.5 py-2 sm:px-3';

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
          <table aria-labelledby={id} className="w-full text-xs sm:text-sm">
            <TableHead cellClassName={cell} columns={['Date', 'Activité', 'Arrivée', 'Départ', { label: 'Coût', key: 'cout', numeric: true }, { label: 'Total', key: 'total', numeric: true }]} />
            <tbody>
              {lines.map((line, index) => (
                <tr key={line.itemId} className="border-t border-slate-200">
                  <td className={`${cell} whitespace-nowrap`}>{formatDate(line.date)}</td>
                  <td className={cell}>
                    {line.activityName}
                    <span className="block text-xs text-slate-700">{line.childName}</span>
                  </td>
                  <td className={`${cell} tabular-nums`}>{line.arrivalTime}</td>
                  <td className={`${cell} tabular-nums`}>{line.departureTime}</td>
                  <td className={`${cell} text-right`}>
                    <Euros cents={line.costCents} />
                  </td>
                  {index === 0 && (
                    <td rowSpan={lines.length} className={`${cell} border-l border-slate-200 text-right align-top font-semibold`}>
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
        // On a phone the table scrolls sideways: the total stays in sight under it.
        <p className="text-right text-sm font-semibold sm:hidden">
          Total : <Euros cents={totalCents} />
        </p>
      )}
    </div>
  );
}
