import { getDb } from '@/db';
import { getCurrentUser, mustEnrolSecondFactor } from '@/lib/auth/session';
import { isStaff } from '@/lib/auth/types';
import { outboxMessage } from '@/lib/mail/staff-view';
import { queryId } from '@/lib/query-params';
import { emailPreviewPolicy } from '@/lib/security/headers';

// The e-mail's own HTML, served alone under a strict sandbox: no script, no request elsewhere.
export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user || !isStaff(user.role) || (await mustEnrolSecondFactor(user))) return new Response('Accès réservé au personnel de la mairie.', { status: 403 });
  const id = queryId((await params).id);
  const message = id === null ? null : await outboxMessage(await getDb(), id);
  if (!message) return new Response('E-mail introuvable.', { status: 404 });
  return new Response(message.html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': emailPreviewPolicy,
      'x-content-type-options': 'nosniff',
    },
  });
}
