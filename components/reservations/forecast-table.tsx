import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { formatDate } from '@/lib/format';
import type { BasketLine } from '@/lib/reservations/types';

const cell = 'px-1.5 py-2 sm:px-3';

/**
 * A table of the recap for the lines that will not be reserved as they stand: the waiting-list
 * requests with the rank they would get, or the requests that would be refused with the reason.
 * Their cost is not in any total.
 */
export function ForecastTable({
  id,
  title,
  intro,
  lines,
  heading,
  status,
  tone,
}: {
  id: string;
  title: string;
  intro: string;
  lines: BasketLine[];
  heading: string;
  status: (line: BasketLine) => string;
  tone: string;
}) {
  if (lines.length === 0) return null;
  return (
    <div className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title} ({lines.length})
      </h2>
      <p className="text-sm text-slate-700">{intro}</p>
      <TableRegion label={title}>
        <table aria-labelledby={id} className="w-full text-xs sm:text-sm">
          <TableHead cellClassName={cell} columns={['Date', 'Activité', 'Arrivée', 'Départ', heading]} />
          <tbody>
            {lines.map((line) => (
              <tr key={line.itemId} className="border-t border-slate-200">
                <td className={`${cell} whitespace-nowrap`}>{formatDate(line.date)}</td>
                <td className={cell}>
                  {line.activityName}
                  <span className="block text-xs text-slate-700">{line.childName}</span>
                </td>
                <td className={`${cell} tabular-nums`}>{line.arrivalTime}</td>
                <td className={`${cell} tabular-nums`}>{line.departureTime}</td>
                <td className={`${cell} font-medium ${tone}`}>{status(line)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}
