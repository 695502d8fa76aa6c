import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { emailStatusLabel, outboxMessage } from '@/lib/mail/staff-view';
import { queryId } from '@/lib/query-params';

export const metadata: Metadata = { title: 'E-mail' };

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const id = queryId((await params).id);
  if (id === null) notFound();
  const message = await outboxMessage(await getDb(), id);
  if (!message) notFound();
  return (
    <div className="space-y-4">
      <p>
        <Link href="/admin/emails" className="text-brand-800 underline">← E-mails</Link>
      </p>
      <h1 className="text-2xl font-bold">{message.subject}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Destinataire</dt>
        <dd>{message.toAddress}</dd>
        <dt className="font-medium">Créé le</dt>
        <dd>{formatDateTime(message.createdAt)}</dd>
        <dt className="font-medium">Statut</dt>
        <dd>
          {emailStatusLabel[message.status]}
          {message.sentAt ? ` le ${formatDateTime(message.sentAt)}` : ''}
        </dd>
      </dl>
      <p>
        <a href={`/admin/emails/${message.id}/apercu`} target="_blank" rel="noopener" className="text-brand-800 underline">
          Voir l’e-mail mis en forme (nouvel onglet)
        </a>
      </p>
      <h2 className="text-lg font-semibold">Version texte</h2>
      <pre className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-3 text-sm">{message.text}</pre>
    </div>
  );
}
