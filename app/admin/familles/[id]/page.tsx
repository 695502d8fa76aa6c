import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { WalletBalancesTable } from '@/components/wallet-balances-table';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { familyDetails } from '@/lib/families/details';
import { formatDate } from '@/lib/format';
import { queryId } from '@/lib/query-params';
import { ResetLinkForm } from './reset-link-form';

export const metadata: Metadata = { title: 'Famille' };

export default async function FamilyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = queryId((await params).id);
  if (id === null) notFound();
  const family = await familyDetails(await getDb(), id);
  if (!family) notFound();
  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/familles" className="text-brand-800 underline">← Familles</Link>
      </p>
      <h1 className="text-2xl font-bold">
        Famille {family.name} <span className="text-base font-normal text-slate-700">({family.identifier})</span>
      </h1>
      <section aria-labelledby="responsables" className="space-y-3">
        <h2 id="responsables" className="text-lg font-semibold">Responsables</h2>
        {family.guardians.map((guardian) => (
          <div key={guardian.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-semibold">
              {guardian.lastName} {guardian.firstName} {guardian.isPayer && <span className="text-sm font-normal">(payeur)</span>}
            </p>
            <p className="text-sm">Identifiant : {guardian.login} · E-mail : {guardian.email ?? 'non renseigné'} · Téléphone : {guardian.phone ?? 'non renseigné'}</p>
            <ResetLinkForm userId={guardian.id} name={`${guardian.lastName} ${guardian.firstName}`} />
          </div>
        ))}
      </section>
      <section aria-labelledby="enfants">
        <h2 id="enfants" className="mb-2 text-lg font-semibold">Enfants</h2>
        <ul className="list-inside list-disc">
          {family.children.map((child) => (
            <li key={child.id}>
              {child.lastName} {child.firstName}, né(e) le {formatDate(child.birthDate)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="porte-monnaie">
        <h2 id="porte-monnaie" className="mb-2 text-lg font-semibold">Porte-monnaie</h2>
        <div className="max-w-lg">
          <WalletBalancesTable wallets={family.wallets} />
        </div>
        <p className="mt-2">
          <Link href={`/admin/reglements/famille/${family.id}`} className="text-brand-800 underline">Règlements, régularisations et relevé</Link>
        </p>
      </section>
    </div>
  );
}
