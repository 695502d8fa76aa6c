import type { Metadata } from 'next';
import Link from 'next/link';
import { Euros } from '@/components/money';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { searchFamilies } from '@/lib/families/overview';
import { queryValue } from '@/lib/query-params';

export const metadata: Metadata = { title: 'Règlements' };

export default async function PaymentsHomePage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireStaff();
  const query = queryValue((await searchParams).q) ?? '';
  const rows = query.trim() ? await searchFamilies(await getDb(), query) : [];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Règlements</h1>
      <ul className="flex flex-wrap gap-4">
        <li><Link href="/admin/reglements/cartes" className="text-brand-800 underline">Paiements par carte</Link></li>
        <li><Link href="/admin/exports" className="text-brand-800 underline">Exports CSV</Link></li>
      </ul>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="mb-1 block text-sm font-medium">Famille : nom, identifiant ou e-mail</label>
          <input id="q" name="q" defaultValue={query} maxLength={100} className="rounded-md border border-slate-400 px-3 py-2" />
        </div>
        <button type="submit" className="rounded-md bg-brand-800 px-4 py-2 font-semibold text-white">Rechercher</button>
      </form>
      {query.trim() && (
        <>
          <p className="text-sm text-slate-700" aria-live="polite">
            {rows.length} famille{rows.length > 1 ? 's' : ''}
          </p>
          {rows.length > 0 && (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-sm">
                <thead className="bg-slate-100 text-left">
                  <tr>
                    <th scope="col" className="px-3 py-2">Famille</th>
                    <th scope="col" className="px-3 py-2">Identifiant</th>
                    <th scope="col" className="px-3 py-2">Payeur</th>
                    <th scope="col" className="px-3 py-2 text-right">Solde total</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id} className="border-t border-slate-200">
                      <th scope="row" className="px-3 py-2 text-left font-medium">
                        <Link href={`/admin/reglements/famille/${row.id}`} className="text-brand-800 underline">{row.name}</Link>
                      </th>
                      <td className="px-3 py-2">{row.identifier}</td>
                      <td className="px-3 py-2">{row.payer ?? '—'}</td>
                      <td className="px-3 py-2 text-right"><Euros cents={row.balanceCents} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
