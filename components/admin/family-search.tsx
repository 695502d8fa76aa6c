import Link from 'next/link';
import { Euros } from '@/components/money';
import type { FamilyRow } from '@/lib/families/overview';

/** The staff search for a family, by GET so the result has its own address. */
export function FamilySearchForm({ query, className = '' }: { query: string; className?: string }) {
  return (
    <form role="search" className={`flex flex-wrap items-end gap-2 ${className}`}>
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
  );
}

/**
 * The families found, each linking to the page `hrefOf` gives; `detailed` adds the e-mail and the
 * number of children (the family file), the payments desk needs only who pays and the balance.
 */
export function FamilyResults({ rows, hrefOf, detailed = false }: { rows: FamilyRow[]; hrefOf: (row: FamilyRow) => string; detailed?: boolean }) {
  return (
    <>
      <p className="mb-2 text-sm text-slate-700" aria-live="polite">
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
                {detailed && <th scope="col" className="px-3 py-2">E-mail</th>}
                {detailed && <th scope="col" className="px-3 py-2 text-right">Enfants</th>}
                <th scope="col" className="px-3 py-2 text-right">Solde total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link href={hrefOf(row)} className="text-brand-800 underline">
                      {row.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2">{row.identifier}</td>
                  <td className="px-3 py-2">{row.payer ?? '—'}</td>
                  {detailed && <td className="px-3 py-2">{row.email ?? '—'}</td>}
                  {detailed && <td className="px-3 py-2 text-right tabular-nums">{row.childCount}</td>}
                  <td className="px-3 py-2 text-right">
                    <Euros cents={row.balanceCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
