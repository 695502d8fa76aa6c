import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { emailStatusLabel, listOutbox } from '@/lib/mail/staff-view';

export const metadata: Metadata = { title: 'E-mails' };

export default async function EmailsPage() {
  await requireStaff();
  const messages = await listOutbox(await getDb());
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">E-mails envoyés aux familles</h1>
      {messages.length === 0 ? (
        <p>Aucun e-mail pour l’instant.</p>
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
                    {emailStatusLabel[message.status]}
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
