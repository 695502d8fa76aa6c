import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Amount } from '@/components/money';
import { PrintButton } from '@/components/print-button';
import { TableRegion } from '@/components/table-region';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { familyDetails } from '@/lib/families/details';
import { formatDate, formatLongDate } from '@/lib/format';
import { queryId } from '@/lib/query-params';
import { familyStatement } from '@/lib/wallets/statement';

export const metadata: Metadata = { title: 'Relevé des porte-monnaie' };

const cell = 'px-3 py-2';
const KIND_LABELS = { consumption: 'Consommation', payment: 'Règlement', correction: 'Correction' } as const;

export default async function StatementPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = queryId((await params).id);
  if (id === null) notFound();
  const db = await getDb();
  const family = await familyDetails(db, id);
  if (!family) notFound();
  const statement = await familyStatement(db, id);
  return (
    <div className="space-y-6">
      <p className="no-print flex flex-wrap items-center gap-4">
        <Link href={`/admin/reglements/famille/${id}`} className="text-brand-800 underline">← Règlements de la famille</Link>
        <PrintButton />
      </p>
      <h1 className="text-2xl font-bold">
        Relevé des porte-monnaie · Famille {family.name} <span className="text-base font-normal">({family.identifier})</span>
      </h1>
      <p className="text-sm">Édité le {formatLongDate(parisToday(appClock()))}.</p>
      {statement.length === 0 && <p>Cette famille n’a aucun porte-monnaie.</p>}
      {statement.map((wallet) => (
        <section key={wallet.walletId} aria-labelledby={`releve-${wallet.walletId}`} className="space-y-2">
          <h2 id={`releve-${wallet.walletId}`} className="text-lg font-semibold">{wallet.walletType}</h2>
          <TableRegion label={`Mouvements du porte-monnaie ${wallet.walletType}`}>
            <table className="w-full min-w-[36rem] text-sm">
              <caption className="sr-only">Mouvements du porte-monnaie {wallet.walletType}, du plus ancien au plus récent, avec le solde après chacun</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className={cell}>Date</th>
                  <th scope="col" className={cell}>Libellé</th>
                  <th scope="col" className={cell}>Nature</th>
                  <th scope="col" className={`${cell} text-right`}>Montant (€)</th>
                  <th scope="col" className={`${cell} text-right`}>Solde (€)</th>
                </tr>
              </thead>
              <tbody>
                {wallet.lines.length === 0 && (
                  <tr>
                    <td colSpan={5} className={cell}>Aucun mouvement.</td>
                  </tr>
                )}
                {wallet.lines.map((line) => (
                  <tr key={line.id} className="border-t border-slate-200">
                    <td className={`${cell} whitespace-nowrap tabular-nums`}>
                      <time dateTime={line.occurredOn}>{formatDate(line.occurredOn)}</time>
                    </td>
                    <td className={cell}>{line.label}</td>
                    <td className={cell}>{KIND_LABELS[line.kind]}</td>
                    <td className={`${cell} text-right`}><Amount cents={line.amountCents} /></td>
                    <td className={`${cell} text-right`}><Amount cents={line.balanceCents} /></td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-slate-400 font-semibold">
                  <th scope="row" colSpan={4} className={`${cell} text-right`}>Solde</th>
                  <td className={`${cell} text-right`}><Amount cents={wallet.balanceCents} owedNote /></td>
                </tr>
              </tfoot>
            </table>
          </TableRegion>
        </section>
      ))}
    </div>
  );
}
