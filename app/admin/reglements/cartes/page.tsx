import type { Metadata } from 'next';
import Link from 'next/link';
import { Euros } from '@/components/money';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { cardPayments, paymentStatusLabel } from '@/lib/payments/staff-payments';
import { queryValue } from '@/lib/query-params';

export const metadata: Metadata = { title: 'Paiements par carte' };

const STATUSES = ['initiated', 'paid', 'refused', 'abandoned', 'expired'] as const;
type Status = (typeof STATUSES)[number];
const OUTCOME_LABELS = { settled: 'traitée', unchanged: 'sans effet (déjà traitée)', pending: 'en attente', rejected: 'rejetée' } as const;
const cell = 'px-3 py-2 align-top';

export default async function CardPaymentsPage({ searchParams }: { searchParams: Promise<{ statut?: string | string[] }> }) {
  await requireStaff();
  const wanted = queryValue((await searchParams).statut);
  const status = STATUSES.find((value) => value === wanted);
  const rows = await cardPayments(await getDb(), { status });
  return (
    <div className="space-y-4">
      <p><Link href="/admin/reglements" className="text-brand-800 underline">← Règlements</Link></p>
      <h1 className="text-2xl font-bold">Paiements par carte</h1>
      {wanted && !status && <p role="status" className="text-sm">Statut inconnu : tous les paiements sont affichés.</p>}
      <form className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="statut" className="mb-1 block text-sm font-medium">Statut</label>
          <select id="statut" name="statut" defaultValue={status ?? ''} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="">Tous</option>
            {STATUSES.map((value: Status) => (
              <option key={value} value={value}>{paymentStatusLabel(value, false)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white">Afficher</button>
      </form>
      <p className="text-sm text-slate-700">{rows.length} paiement{rows.length > 1 ? 's' : ''} (les 200 plus récents au plus).</p>
      {rows.length > 0 && (
        <TableRegion label="Paiements par carte">
          <table className="w-full min-w-[56rem] text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className={cell}>Créé le</th>
                <th scope="col" className={cell}>Famille</th>
                <th scope="col" className={cell}>Référence</th>
                <th scope="col" className={`${cell} text-right`}>Montant</th>
                <th scope="col" className={cell}>Statut</th>
                <th scope="col" className={cell}>Réponse de la banque</th>
                <th scope="col" className={cell}>Notifications reçues</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200">
                  <td className={`${cell} whitespace-nowrap`}>{formatDateTime(row.createdAt)}</td>
                  <td className={cell}>
                    <Link href={`/admin/reglements/famille/${row.familyId}`} className="text-brand-800 underline">{row.family}</Link>
                    <span className="block text-slate-700">{row.identifier}</span>
                  </td>
                  <td className={`${cell} break-all`}>
                    {row.reference}
                    <span className="block text-slate-700">{row.gateway}{row.gatewayReference ? ` · ${row.gatewayReference}` : ''}</span>
                  </td>
                  <td className={`${cell} text-right`}><Euros cents={row.amountCents} /></td>
                  <td className={cell}>
                    <span className="font-semibold">{paymentStatusLabel(row.status, row.reversed)}</span>
                    {row.settledAt && <span className="block text-slate-700">le {formatDateTime(row.settledAt)}</span>}
                  </td>
                  <td className={`${cell} break-all font-mono text-xs`}>{row.gatewayResult ? JSON.stringify(row.gatewayResult) : '—'}</td>
                  <td className={cell}>
                    {row.notifications.length === 0 ? (
                      'Aucune'
                    ) : (
                      <ol className="list-inside list-decimal space-y-1">
                        {row.notifications.map((notification) => (
                          <li key={notification.id}>
                            {formatDateTime(notification.receivedAt)} : {OUTCOME_LABELS[notification.outcome]}
                            {notification.detail ? ` (${notification.detail})` : ''}
                            {notification.sourceIp ? <span className="text-slate-700"> · {notification.sourceIp}</span> : null}
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
