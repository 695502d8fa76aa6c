import type { Metadata } from 'next';
import { Amount } from '@/components/money';
import { historyCell as cell, MonthHistory } from '@/components/month-history';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { type YearMonth } from '@/lib/calendar/months';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate, formatMonthPair } from '@/lib/format';
import { paymentWindow, selectHistoryMonth } from '@/lib/history/rules';
import { paymentHistory } from '@/lib/history/month-lines';
import { PAYMENT_MODE_LABELS } from '@/lib/payments/modes';

export const metadata: Metadata = { title: 'Historiques des règlements' };

function NotGiven() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">non renseigné</span>
    </>
  );
}

/** A month's history of payments also covers the month before it: "septembre et octobre 2026". */
const paymentPeriod = (month: YearMonth) => formatMonthPair(...paymentWindow(month).months);

export default async function PaymentHistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ mois?: string | string[] }>;
}) {
  const guardian = await requireGuardian();
  const { mois } = await searchParams;
  const selection = selectHistoryMonth(mois, parisToday(appClock()));
  const { lines, totalCents } = await paymentHistory(await getDb(), guardian.familyId, selection.month);
  const periodLabel = paymentPeriod(selection.month);

  return (
    <MonthHistory
      view="reglements"
      selection={selection}
      periodLabel={paymentPeriod}
      caption={`Règlements reçus en ${periodLabel}`}
      empty={`Aucun règlement reçu en ${periodLabel}.`}
      tableClassName="min-w-[38rem]"
      columns={['Date reçu', 'Mode règlement', 'N° pièce', 'Nom Payeur', 'Nom Banque', { label: 'Montant', key: 'montant', numeric: true }]}
      lines={lines}
      row={(line) => (
        <>
          <td role="cell" data-label="Date reçu" className={`${cell} whitespace-nowrap tabular-nums`}>
            <time dateTime={line.receivedOn}>{formatDate(line.receivedOn)}</time>
          </td>
          <td role="cell" data-label="Mode règlement" className={cell}>
            <abbr title={PAYMENT_MODE_LABELS[line.mode]}>{line.mode}</abbr>
            <span className="sr-only"> ({PAYMENT_MODE_LABELS[line.mode]})</span>
          </td>
          <td role="cell" data-label="N° pièce" className={`${cell} tabular-nums`}>{line.pieceNumber ?? <NotGiven />}</td>
          <td role="cell" data-label="Nom Payeur" className={`${cell} whitespace-nowrap`}>{line.payerName}</td>
          <td role="cell" data-label="Nom Banque" className={cell}>{line.bankName ?? <NotGiven />}</td>
          <td role="cell" data-label="Montant" className={`${cell} text-right`}>
            {line.cancelled ? (
              <>
                <del className="text-slate-600">
                  <Amount cents={line.amountCents} />
                </del>
                <span className="block text-xs font-semibold text-red-800">Annulé</span>
              </>
            ) : (
              <Amount cents={line.amountCents} />
            )}
          </td>
        </>
      )}
      totalCents={totalCents}
    />
  );
}
