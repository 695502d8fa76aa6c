import type { Metadata } from 'next';
import { HistoryDate } from '@/components/history-date';
import { Amount } from '@/components/money';
import { historyCell as cell, MonthHistory } from '@/components/month-history';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatMonth, formatOfMonth } from '@/lib/format';
import { selectHistoryMonth } from '@/lib/history/rules';
import { consumptionHistory } from '@/lib/history/month-lines';

export const metadata: Metadata = { title: 'Historiques' };

export default async function ConsumptionHistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ mois?: string | string[] }>;
}) {
  const guardian = await requireGuardian();
  const { mois } = await searchParams;
  const selection = selectHistoryMonth(mois, parisToday(appClock()));
  const { lines, totalCents } = await consumptionHistory(await getDb(), guardian.familyId, selection.month);

  return (
    <MonthHistory
      view="consommations"
      selection={selection}
      periodLabel={formatMonth}
      caption={`Consommations ${formatOfMonth(selection.month)}`}
      empty={`Aucune consommation en ${formatMonth(selection.month)}.`}
      tableClassName="min-w-[36rem]"
      columns={['Date', 'Consommateur', 'Activité', { label: 'Prix (€)', key: 'prix', numeric: true }, { label: <abbr title="Quantité">Qté</abbr>, key: 'qte', numeric: true }, { label: 'Total', key: 'total', numeric: true }]}
      lines={lines}
      row={(line) => (
        <>
          <td role="cell" data-label="Date" className={cell}>
            <HistoryDate date={line.date} />
          </td>
          <td role="cell" data-label="Consommateur" className={`${cell} whitespace-nowrap`}>{line.consumer}</td>
          <td role="cell" data-label="Activité" className={cell}>{line.activity}</td>
          <td role="cell" data-label="Prix (€)" className={`${cell} text-right`}>
            <Amount cents={line.unitPriceCents} />
          </td>
          <td role="cell" data-label="Quantité" className={`${cell} text-right tabular-nums`}>{line.quantity}</td>
          <td role="cell" data-label="Total" className={`${cell} text-right`}>
            <Amount cents={line.totalCents} />
          </td>
        </>
      )}
      totalCents={totalCents}
    />
  );
}
