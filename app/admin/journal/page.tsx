import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { Notice } from '@/components/notice';
import { journalChoices, journalPage, type JournalFilter } from '@/lib/audit/journal';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { queryId, queryValue } from '@/lib/query-params';

export const metadata: Metadata = { title: 'Journal' };

type Query = Record<string, string | string[] | undefined>;

const isDate = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The filter from the query; a value that cannot be one is left out, with a French message. */
function filterOf(query: Query): { filter: JournalFilter; page: number; problems: string[] } {
  const problems: string[] = [];
  const filter: JournalFilter = {};
  const familyId = queryId(query.famille);
  if (familyId) filter.familyId = familyId;
  const actorUserId = queryId(query.personnel);
  if (actorUserId) filter.actorUserId = actorUserId;
  for (const [key, field, label] of [
    ['du', 'from', 'Du'],
    ['au', 'to', 'Au'],
  ] as const) {
    const value = queryValue(query[key]);
    if (!value) continue;
    if (isDate(value)) filter[field] = value;
    else problems.push(`« ${label} » n’est pas une date valide : ce filtre est ignoré.`);
  }
  const kind = queryValue(query.type);
  if (kind && /^[a-z0-9_-]{1,40}$/i.test(kind)) filter.kind = kind;
  const page = queryId(query.page) ?? 1;
  return { filter, page, problems };
}

function pageHref(query: Query, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['famille', 'personnel', 'du', 'au', 'type']) {
    const value = queryValue(query[key]);
    if (value) params.set(key, value);
  }
  params.set('page', String(page));
  return `/admin/journal?${params}`;
}

export default async function JournalPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requireStaff();
  const query = await searchParams;
  const { filter, page, problems } = filterOf(query);
  const db = await getDb();
  const [choices, journal] = await Promise.all([journalChoices(db), journalPage(db, filter, page)]);
  const field = 'block w-full rounded-md border border-slate-400 px-3 py-2';
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Journal</h1>
      <p className="text-sm text-slate-700">Chaque modification faite par une famille, un agent, un administrateur ou une tâche : qui, quoi, quand.</p>
      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor="famille" className="mb-1 block font-medium">Famille</label>
          <select id="famille" name="famille" defaultValue={filter.familyId ?? ''} className={field}>
            <option value="">Toutes</option>
            {choices.families.map((family) => (
              <option key={family.id} value={family.id}>
                {family.name} ({family.identifier})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="personnel" className="mb-1 block font-medium">Membre du personnel</label>
          <select id="personnel" name="personnel" defaultValue={filter.actorUserId ?? ''} className={field}>
            <option value="">Tous</option>
            {choices.staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({member.role === 'admin' ? 'administrateur' : 'agent'})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="type" className="mb-1 block font-medium">Type d’action</label>
          <select id="type" name="type" defaultValue={filter.kind ?? ''} className={field}>
            <option value="">Tous</option>
            {choices.kinds.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="du" className="mb-1 block font-medium">Du</label>
          <input id="du" name="du" type="date" defaultValue={filter.from ?? ''} className={field} />
        </div>
        <div>
          <label htmlFor="au" className="mb-1 block font-medium">Au</label>
          <input id="au" name="au" type="date" defaultValue={filter.to ?? ''} className={field} />
        </div>
        <div className="flex items-end gap-3">
          <button type="submit" className="min-h-11 rounded-md bg-brand-800 px-4 py-2 font-semibold text-white hover:bg-brand-900">
            Filtrer
          </button>
          <Link href="/admin/journal" className="text-brand-800 underline">
            Effacer les filtres
          </Link>
        </div>
      </form>
      {problems.map((problem) => (
        <Notice key={problem} tone="error">
          {problem}
        </Notice>
      ))}
      <p role="status">
        {journal.total} entrée{journal.total > 1 ? 's' : ''} · page {Math.min(page, journal.pages)} sur {journal.pages}
      </p>
      {journal.rows.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Date</th>
                <th scope="col" className="px-3 py-2">Auteur</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Objet</th>
                <th scope="col" className="px-3 py-2">Famille</th>
                <th scope="col" className="px-3 py-2">Détails</th>
              </tr>
            </thead>
            <tbody>
              {journal.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200 align-top">
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(row.at)}</td>
                  <td className="px-3 py-2">
                    {row.actorName ?? '—'} <span className="text-slate-700">({row.actorRole})</span>
                  </td>
                  <td className="px-3 py-2"><code>{row.action}</code></td>
                  <td className="px-3 py-2">
                    {row.entityType}
                    {row.entityId ? ` n° ${row.entityId}` : ''}
                  </td>
                  <td className="px-3 py-2">
                    {row.familyId ? (
                      <Link href={`/admin/familles/${row.familyId}`} className="text-brand-800 underline">
                        {row.familyName}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <code className="text-xs break-all">{row.details ? JSON.stringify(row.details) : ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {journal.pages > 1 && (
        <nav aria-label="Pages du journal" className="flex gap-4">
          {page > 1 && (
            <Link href={pageHref(query, page - 1)} className="text-brand-800 underline">
              ← Page précédente
            </Link>
          )}
          {page < journal.pages && (
            <Link href={pageHref(query, page + 1)} className="text-brand-800 underline">
              Page suivante →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
