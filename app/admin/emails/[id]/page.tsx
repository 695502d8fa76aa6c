import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { requireStaff } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/format';
import { emailStatusLabel, outboxMessage } from '@/lib/mail/staff-view';
import { RESEND_WITHOUT_SECRETS } from '@/lib/mail/resend';
import { isTemplateName, secretKeysOf } from '@/lib/mail/templates';
import { queryId } from '@/lib/query-params';
import { ResendForm } from './resend-form';

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
          {message.status !== 'sent' && message.lastError ? ` (${message.lastError})` : ''}
        </dd>
        {message.resentFromId && (
          <>
            <dt className="font-medium">Renvoi de</dt>
            <dd>
              <Link href={`/admin/emails/${message.resentFromId}`} className="text-brand-800 underline">l’e-mail n° {message.resentFromId}</Link>
            </dd>
          </>
        )}
      </dl>
      <p>
        <a href={`/admin/emails/${message.id}/apercu`} target="_blank" rel="noopener" className="text-brand-800 underline">
          Voir l’e-mail mis en forme (nouvel onglet)
        </a>
      </p>
      {message.status !== 'pending' && (
        <section aria-labelledby="renvoyer" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="renvoyer" className="text-lg font-semibold">Renvoyer</h2>
          {message.props !== null && (!isTemplateName(message.template) || secretKeysOf(message.template).length > 0) ? (
            <p className="text-sm">{RESEND_WITHOUT_SECRETS}</p>
          ) : (
            <>
              <p className="text-sm">Une copie de cet e-mail part à la même adresse ; celui-ci reste tel qu’il est dans la liste.</p>
              <ResendForm emailId={message.id} />
            </>
          )}
        </section>
      )}
      <h2 className="text-lg font-semibold">Version texte</h2>
      <pre className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-3 text-sm">{message.text}</pre>
    </div>
  );
}
