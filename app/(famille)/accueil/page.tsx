import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Euros } from '@/components/money';
import { getDb } from '@/db';
import { requireGuardian } from '@/lib/auth/session';
import { ageOn, appClock, parisToday } from '@/lib/clock';
import { familyOverview } from '@/lib/families/overview';
import { formatDate } from '@/lib/dates';

export const metadata: Metadata = { title: 'Accueil' };

export default async function AccueilPage() {
  const guardian = await requireGuardian();
  const overview = await familyOverview(await getDb(), guardian.familyId);
  if (!overview) notFound();
  const today = parisToday(appClock());

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Bonjour {guardian.firstName}</h1>

      <section aria-labelledby="enfants">
        <h2 id="enfants" className="mb-3 text-lg font-semibold">
          Vos enfants
        </h2>
        {overview.children.length === 0 ? (
          <p>Aucun enfant n’est inscrit sur votre compte. Adressez-vous à la mairie.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {overview.children.map((child) => (
              <li key={child.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-semibold">
                  {child.lastName} {child.firstName}
                </p>
                <p className="text-sm text-slate-700">
                  Né(e) le {formatDate(child.birthDate)} · {ageOn(child.birthDate, today)} ans
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="porte-monnaie">
        <h2 id="porte-monnaie" className="mb-3 text-lg font-semibold">
          Vos porte-monnaie
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Porte-monnaie
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Solde
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.wallets.map((wallet) => (
                <tr key={wallet.walletId} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {wallet.walletType}
                  </th>
                  <td className="px-3 py-2 text-right">
                    <Euros cents={wallet.balanceCents} />
                    {wallet.balanceCents < 0 && <span className="block text-xs text-red-800">à régulariser</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
