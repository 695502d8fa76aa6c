import type { Metadata } from 'next';
import Link from 'next/link';
import { FamilyResults, FamilySearchForm } from '@/components/admin/family-search';
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
      <FamilySearchForm query={query} />
      {query.trim() && <FamilyResults rows={rows} hrefOf={(row) => `/admin/reglements/famille/${row.id}`} />}
    </div>
  );
}
