import type { Metadata } from 'next';
import { FamilyResults, FamilySearchForm } from '@/components/admin/family-search';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { searchFamilies } from '@/lib/families/overview';
import { queryValue } from '@/lib/query-params';
import { NewFamilyForm } from './new-family-form';

export const metadata: Metadata = { title: 'Familles' };

export default async function FamiliesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireStaff();
  const query = queryValue((await searchParams).q) ?? '';
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
      <FamilySearchForm query={query} className="mb-4" />
      <FamilyResults rows={rows} hrefOf={(row) => `/admin/familles/${row.id}`} detailed />
    </div>
  );
}
