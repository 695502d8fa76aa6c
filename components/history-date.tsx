import type { IsoDate } from '@/lib/clock';
import { formatLongDate } from '@/lib/format';
import { formatHistoryDay } from '@/lib/history/rules';

/** The guide's short date ("Mer 1") on screen; the full date for screen readers. */
export function HistoryDate({ date }: { date: IsoDate }) {
  return (
    <time dateTime={date} className="whitespace-nowrap">
      <span aria-hidden="true">{formatHistoryDay(date)}</span>
      <span className="sr-only">{formatLongDate(date)}</span>
    </time>
  );
}
