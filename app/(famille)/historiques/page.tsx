import type { Metadata } from 'next';
import { HistoryDate } from '@/components/history-date';
import { HistoryTabs } from '@/components/history-tabs';
import { Amount } from '@/components/money';
import { MonthNav } from '@/components/month-nav';
import { Notice } from '@/components/notice';
import { PrintButton } from '@/components/print-button';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { TotalRow } from '@/components/total-row';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatMonth, formatOfMonth } from '@/lib/format';
import { selectHistoryMonth } from '@/lib/history/rules';
import { consumptionHistory } from '@/lib/history/month-lines';

export const metadata: Metadata = { title: 'Historiques' };

const cell = 'px-2 py-2 sm:px-3';

export default async function ConsumptionHistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ mois?: string | string[] }>;
}) {
  const guardian = await requireGuardian();
  const { mois } = await searchParams;
  const selection = selectHistoryMonth(mois, parisToday(appClock()));
  const { lines, totalCents } = await consumptionHistory(await getDb(), guardian.familyId, selection.month);
  const monthLabel = formatMonth(selection.month);
  const link = (month: string) => ({ href: `/historiques?mois=${month}`, label: formatMonth(month) });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Historiques</h1>
        <PrintButton />
      </div>
      <HistoryTabs current="consommations" month={selection.month} />
      {selection.notice && <Notice>{selection.notice}</Notice>}

      <section aria-labelledby="mois-affiche" className="space-y-3">
        <p className="hidden text-lg font-semibold print:block">Historique des consommations</p>
        <MonthNav
          heading={monthLabel}
          headingId="mois-affiche"
          previous={link(selection.previous)}
          next={selection.next ? link(selection.next) : null}
        />
        {lines.length === 0 ? (
          <p>Aucune consommation en {monthLabel}.</p>
        ) : (
          <TableRegion label={`Consommations ${formatOfMonth(selection.month)}`}>
            <table className="w-full min-w-[36rem] text-sm">
              <caption className="sr-only">Consommations {formatOfMonth(selection.month)}</caption>
              <TableHead cellClassName={cell} columns={['Date', 'Consommateur', 'Activité', { label: 'Prix (€)', key: 'prix', numeric: true }, { label: <abbr title="Quantité">Qté</abbr>, key: 'qte', numeric: true }, { label: 'Total', key: 'total', numeric: true }]} />
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id} className="border-t border-slate-200">
                    <td className={cell}>
                      <HistoryDate date={line.date} />
                    </td>
                    <td className={`${cell} whitespace-nowrap`}>{line.consumer}</td>
                    <td className={cell}>{line.activity}</td>
                    <td className={`${cell} text-right`}>
                      <Amount cents={line.unitPriceCents} />
                    </td>
                    <td className={`${cell} text-right tabular-nums`}>{line.quantity}</td>
                    <td className={`${cell} text-right`}>
                      <Amount cents={line.totalCents} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <TotalRow columns={6} totalCents={totalCents} cellClassName={cell} />
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
