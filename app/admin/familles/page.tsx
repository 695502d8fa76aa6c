import type { Metadata } from 'next';
import Link from 'next/link';
import { Euros } from '@/components/money';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { searchFamilies } from '@/lib/families/overview';
import { NewFamilyForm } from './new-family-form';

export const metadata: Metadata = { title: 'Familles' };

export default async function FamiliesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireStaff();
  const { q } = await searchParams;
  const query = typeof q === 'string' ? q : '';
  const rows = await searchFamilies(await getDb(), query);
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">Familles</h1>
      <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4 [&_summary]:cursor-pointer [&_summary]:font-semibold [&_summary]:text-brand-800">
        <summary>Nouvelle famille</summary>
        <div className="mt-3">
          <NewFamilyForm />
        </div>
      </details>
      <form role="search" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="mb-1 block text-sm font-medium">
            Nom, identifiant, enfant ou e-mail
          </label>
          <input id="q" name="q" defaultValue={query} maxLength={100} className="rounded-md border border-slate-400 px-3 py-2" />
        </div>
        <button type="submit" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white">
          Rechercher
        </button>
      </form>
      <p className="mb-2 text-sm text-slate-700" aria-live="polite">
        {rows.length} famille{rows.length > 1 ? 's' : ''}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Famille</th>
              <th scope="col" className="px-3 py-2">Identifiant</th>
              <th scope="col" className="px-3 py-2">Payeur</th>
              <th scope="col" className="px-3 py-2">E-mail</th>
              <th scope="col" className="px-3 py-2 text-right">Enfants</th>
              <th scope="col" className="px-3 py-2 text-right">Solde total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link href={`/admin/familles/${row.id}`} className="text-brand-800 underline">
                    {row.name}
                  </Link>
                </th>
                <td className="px-3 py-2">{row.identifier}</td>
                <td className="px-3 py-2">{row.payer ?? '—'}</td>
                <td className="px-3 py-2">{row.email ?? '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{row.childCount}</td>
                <td className="px-3 py-2 text-right"><Euros cents={row.balanceCents} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
