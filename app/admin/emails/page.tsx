import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { emailStatusLabel, listOutbox, type EmailStatus } from '@/lib/mail/staff-view';
import { queryValue } from '@/lib/query-params';

export const metadata: Metadata = { title: 'E-mails' };

// The filter in the address, in French.
const statusOfSlug: Record<string, EmailStatus> = { 'en-attente': 'pending', envoye: 'sent', echec: 'failed' };
const filters: { slug: string | null; label: string }[] = [
  { slug: null, label: 'Tous' },
  { slug: 'en-attente', label: emailStatusLabel.pending },
  { slug: 'envoye', label: emailStatusLabel.sent },
  { slug: 'echec', label: emailStatusLabel.failed },
];

export default async function EmailsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const slug = queryValue((await searchParams).statut);
  const current = slug && Object.hasOwn(statusOfSlug, slug) ? slug : null;
  const messages = await listOutbox(await getDb(), { status: current ? statusOfSlug[current] : undefined });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">E-mails envoyés aux familles</h1>
      <nav aria-label="Filtrer par statut">
        <ul className="flex flex-wrap gap-2">
          {filters.map((filter) => (
            <li key={filter.label}>
              <Link
                href={filter.slug ? `/admin/emails?statut=${filter.slug}` : '/admin/emails'}
                aria-current={filter.slug === current ? 'page' : undefined}
                className={`block min-h-11 rounded-md border px-3 py-2.5 text-sm font-medium ${
                  filter.slug === current ? 'border-brand-800 bg-brand-800 text-white' : 'border-slate-400 bg-white text-brand-800 underline'
                }`}
              >
                {filter.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {messages.length === 0 ? (
        <p>{current ? 'Aucun e-mail avec ce statut.' : 'Aucun e-mail pour l’instant.'}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-2">Créé le</th>
                <th scope="col" className="px-3 py-2">Destinataire</th>
                <th scope="col" className="px-3 py-2">Objet</th>
                <th scope="col" className="px-3 py-2">Statut</th>
                <th scope="col" className="px-3 py-2 text-right">Tentatives</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id} className="border-t border-slate-200">
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(message.createdAt)}</td>
                  <td className="px-3 py-2">{message.toAddress}</td>
                  <td className="px-3 py-2">
                    <Link href={`/admin/emails/${message.id}`} className="text-brand-800 underline">
                      {message.subject}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    {message.status === 'failed' ? '⚠ ' : ''}
                    {emailStatusLabel[message.status]}
                    {message.resentFromId && <span className="block text-xs text-slate-700">Renvoi du n° {message.resentFromId}</span>}
                    {message.lastError && message.status !== 'sent' && <span className="block text-xs text-red-800">{message.lastError}</span>}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{message.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
