import type { Metadata } from 'next';
import Link from 'next/link';
import { Amount, Euros } from '@/components/money';
import { Notice } from '@/components/notice';
import { TableHead } from '@/components/table-head';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { cardPaymentHref } from '@/lib/payments/card-amounts';
import { walletEstimates } from '@/lib/wallets/estimate';
import { selectEstimateDate } from '@/lib/wallets/rules';
import { EstimateDateForm } from './estimate-date-form';

export const metadata: Metadata = { title: 'Soldes et paiements' };

const cell = 'px-2 py-2 sm:px-3';

export default async function BalancesPage({ searchParams }: { searchParams: Promise<{ jusquau?: string | string[] }> }) {
  const guardian = await requireGuardian();
  const { jusquau } = await searchParams;
  const today = parisToday(appClock());
  const { until, notice } = selectEstimateDate(jusquau, today);
  const { wallets, totals } = await walletEstimates(await getDb(), guardian.familyId, until);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Soldes et paiements</h1>
      <EstimateDateForm until={until} />
      {notice && <Notice>{notice}</Notice>}

      <section aria-labelledby="porte-monnaie" className="space-y-3">
        <h2 id="porte-monnaie" className="text-lg font-semibold">
          Vos porte-monnaie au {formatDate(today)}
        </h2>
        <TableRegion label="Soldes des porte-monnaie">
          {/* On a phone each wallet is a block of labelled lines (app/globals.css). */}
          <table role="table" className="stacked-table w-full text-sm">
            <caption className="sr-only">
              Solde de chaque porte-monnaie et coût estimé de vos réservations jusqu’au {formatDate(until)}
            </caption>
            <TableHead
              cellClassName={cell}
              columns={[
                'Porte-monnaie',
                { label: 'Solde', key: 'solde', numeric: true },
                { label: 'Coût estimé', key: 'cout', numeric: true },
                { label: 'Nouveau solde', key: 'nouveau', numeric: true },
              ]}
            />
            <tbody role="rowgroup">
              {wallets.map((wallet) => (
                <tr key={wallet.walletTypeId} role="row" className="border-t border-slate-200">
                  <th scope="row" role="rowheader" className={`${cell} text-left font-medium`}>
                    {wallet.walletType}
                  </th>
                  <td role="cell" data-label="Solde" className={`${cell} text-right`}>
                    <Amount cents={wallet.balanceCents} owedNote />
                  </td>
                  <td role="cell" data-label="Coût estimé" className={`${cell} text-right`}>
                    <Amount cents={wallet.estimatedCostCents} />
                  </td>
                  <td role="cell" data-label="Nouveau solde" className={`${cell} text-right`}>
                    <Amount cents={wallet.newBalanceCents} owedNote />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>

        <p role="status" className="flex flex-wrap gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2">
          <span>
            Votre crédit: <Euros cents={totals.creditCents} className="font-semibold" />
          </span>
          <span>
            Montant des réservations: <Euros cents={totals.reservationsCents} className="font-semibold" />
          </span>
          <span>
            Solde estimé: <Euros cents={totals.estimatedBalanceCents} className="font-semibold" />
          </span>
        </p>

        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>« Solde » : solde actuel de votre porte-monnaie.</li>
          <li>
            « Coût estimé » : montant estimé de vos réservations non encore débitées, jusqu’au {formatDate(until)}.
          </li>
          <li>« Nouveau solde » : solde estimé en tenant compte de ces réservations.</li>
        </ul>
      </section>

      <section aria-labelledby="payer" className="no-print space-y-2">
        <h2 id="payer" className="text-lg font-semibold">
          Payer par carte bancaire
        </h2>
        <p>Pour payer, cliquez sur le bouton « Paiement CB » : le montant que vous devez est calculé, et vous pouvez le modifier.</p>
        <Link
          prefetch={false}
          href={cardPaymentHref({ until })}
          className="inline-flex items-center rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900"
        >
          Paiement CB
        </Link>
      </section>
    </div>
  );
}
