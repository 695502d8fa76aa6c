import type { Metadata } from 'next';
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
import { previousMonth } from '@/lib/calendar/months';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate, formatMonthPair } from '@/lib/format';
import { selectHistoryMonth } from '@/lib/history/rules';
import { paymentHistory } from '@/lib/history/month-lines';
import { PAYMENT_MODE_LABELS } from '@/lib/payments/modes';

export const metadata: Metadata = { title: 'Historiques des règlements' };

const cell = 'px-2 py-2 sm:px-3';

function NotGiven() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">non renseigné</span>
    </>
  );
}

export default async function PaymentHistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ mois?: string | string[] }>;
}) {
  const guardian = await requireGuardian();
  const { mois } = await searchParams;
  const selection = selectHistoryMonth(mois, parisToday(appClock()));
  const { lines, months, totalCents } = await paymentHistory(await getDb(), guardian.familyId, selection.month);
  const periodLabel = formatMonthPair(...months);
  const link = (month: string) => ({
    href: `/historiques/reglements?mois=${month}`,
    label: formatMonthPair(previousMonth(month), month),
  });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Historiques</h1>
        <PrintButton />
      </div>
      <HistoryTabs current="reglements" month={selection.month} />
      {selection.notice && <Notice>{selection.notice}</Notice>}

      <section aria-labelledby="mois-affiche" className="space-y-3">
        <p className="hidden text-lg font-semibold print:block">Historique des règlements</p>
        <MonthNav
          heading={periodLabel}
          headingId="mois-affiche"
          previous={link(selection.previous)}
          next={selection.next ? link(selection.next) : null}
        />
        {lines.length === 0 ? (
          <p>Aucun règlement reçu en {periodLabel}.</p>
        ) : (
          <TableRegion label={`Règlements reçus en ${periodLabel}`}>
            <table className="w-full min-w-[38rem] text-sm">
              <caption className="sr-only">Règlements reçus en {periodLabel}</caption>
              <TableHead
                cellClassName={cell}
                columns={['Date reçu', 'Mode règlement', 'N° pièce', 'Nom Payeur', 'Nom Banque', { label: 'Montant', key: 'montant', numeric: true }]}
              />
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id} className="border-t border-slate-200">
                    <td className={`${cell} whitespace-nowrap tabular-nums`}>
                      <time dateTime={line.receivedOn}>{formatDate(line.receivedOn)}</time>
                    </td>
                    <td className={cell}>
                      <abbr title={PAYMENT_MODE_LABELS[line.mode]}>
                        {line.mode}
                      </abbr>
                      <span className="sr-only"> ({PAYMENT_MODE_LABELS[line.mode]})</span>
                    </td>
                    <td className={`${cell} tabular-nums`}>{line.pieceNumber ?? <NotGiven />}</td>
                    <td className={`${cell} whitespace-nowrap`}>{line.payerName}</td>
                    <td className={cell}>{line.bankName ?? <NotGiven />}</td>
                    <td className={`${cell} text-right`}>
                      <Amount cents={line.amountCents} />
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
