import { getDb } from '@/db';
import { getCurrentUser, mustEnrolSecondFactor } from '@/lib/auth/session';
import { isStaff } from '@/lib/auth/types';
import { outboxMessage } from '@/lib/mail/staff-view';

// The e-mail's own HTML, served alone under a strict sandbox: no script, no request elsewhere.
export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user || !isStaff(user.role) || (await mustEnrolSecondFactor(user))) return new Response('Accès réservé au personnel de la mairie.', { status: 403 });
  const id = Number((await params).id);
  const message = Number.isInteger(id) && id > 0 ? await outboxMessage(await getDb(), id) : null;
  if (!message) return new Response('E-mail introuvable.', { status: 404 });
  return new Response(message.html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'x-content-type-options': 'nosniff',
    },
  });
}
