import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Euros } from '@/components/money';
import { TableRegion } from '@/components/table-region';
import { WalletBalancesTable } from '@/components/wallet-balances-table';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { familyDetails } from '@/lib/families/details';
import { formatDate, formatDateTime } from '@/lib/format';
import { PAYMENT_MODE_LABELS } from '@/lib/payments/modes';
import { familyPayments, paymentStatusLabel } from '@/lib/payments/staff-payments';
import { queryId } from '@/lib/query-params';
import { walletTypeChoices } from '@/lib/wallets/family-wallets';
import { AdjustmentForm } from './adjustment-form';
import { DeskPaymentForm } from './desk-payment-form';
import { ReversePaymentForm } from './reverse-payment-form';

export const metadata: Metadata = { title: 'Règlements de la famille' };

const cell = 'px-3 py-2 align-top';

export default async function FamilyPaymentsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = queryId((await params).id);
  if (id === null) notFound();
  const db = await getDb();
  const family = await familyDetails(db, id);
  if (!family) notFound();
  const [payments, walletTypes] = await Promise.all([familyPayments(db, id), walletTypeChoices(db)]);
  return (
    <div className="space-y-6">
      <p className="flex flex-wrap gap-4">
        <Link href="/admin/reglements" className="text-brand-800 underline">← Règlements</Link>
        <Link href={`/admin/familles/${id}`} className="text-brand-800 underline">Fiche de la famille</Link>
        <Link href={`/admin/reglements/famille/${id}/releve`} className="text-brand-800 underline">Relevé des porte-monnaie</Link>
      </p>
      <h1 className="text-2xl font-bold">
        Règlements · Famille {family.name} <span className="text-base font-normal text-slate-700">({family.identifier})</span>
      </h1>
      <section aria-labelledby="soldes" className="max-w-lg">
        <h2 id="soldes" className="mb-2 text-lg font-semibold">Soldes</h2>
        {family.wallets.length ? <WalletBalancesTable wallets={family.wallets} /> : <p>Aucun porte-monnaie pour l’instant.</p>}
      </section>
      <DeskPaymentForm familyId={id} today={parisToday(appClock())} walletTypes={walletTypes} />
      <AdjustmentForm familyId={id} wallets={family.wallets} />
      <section aria-labelledby="liste-reglements" className="space-y-2">
        <h2 id="liste-reglements" className="text-lg font-semibold">Règlements de la famille</h2>
        {payments.length === 0 ? (
          <p>Aucun règlement.</p>
        ) : (
          <TableRegion label="Règlements de la famille">
            <table className="w-full min-w-[48rem] text-sm">
              <caption className="sr-only">Règlements de la famille, du plus récent au plus ancien</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className={cell}>Date reçu</th>
                  <th scope="col" className={cell}>Mode</th>
                  <th scope="col" className={cell}>N° pièce</th>
                  <th scope="col" className={cell}>Payeur · Banque</th>
                  <th scope="col" className={cell}>Ventilation</th>
                  <th scope="col" className={`${cell} text-right`}>Montant</th>
                  <th scope="col" className={cell}>Statut</th>
                  <th scope="col" className={cell}>Annulation</th>
                </tr>
              </thead>
              <tbody>
                {payments.map((payment) => {
                  const piece = payment.pieceNumber ?? payment.reference ?? '—';
                  const status = paymentStatusLabel(payment.status, payment.reversed);
                  return (
                    <tr key={payment.id} className="border-t border-slate-200">
                      <td className={`${cell} whitespace-nowrap tabular-nums`}>{payment.receivedOn ? formatDate(payment.receivedOn) : `créé le ${formatDateTime(payment.createdAt)}`}</td>
                      <td className={cell}>
                        <abbr title={PAYMENT_MODE_LABELS[payment.mode]}>{payment.mode}</abbr>
                      </td>
                      <td className={`${cell} tabular-nums`}>{piece}</td>
                      <td className={cell}>
                        {payment.payerName}
                        {payment.bankName && <span className="block text-slate-700">{payment.bankName}</span>}
                      </td>
                      <td className={cell}>
                        <ul>
                          {payment.allocations.map((allocation) => (
                            <li key={allocation.wallet}>
                              {allocation.wallet} : <Euros cents={allocation.amountCents} />
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td className={`${cell} text-right`}>
                        <Euros cents={payment.amountCents} />
                      </td>
                      <td className={cell}>
                        <span className={payment.reversed || payment.status !== 'paid' ? 'font-semibold text-red-800' : 'text-green-800'}>{status}</span>
                      </td>
                      <td className={cell}>
                        {payment.status === 'paid' && !payment.reversed ? <ReversePaymentForm familyId={id} paymentId={payment.id} label={`${payment.mode} ${piece}`} /> : '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
