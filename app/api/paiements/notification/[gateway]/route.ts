import { getDb } from '@/db';
import { UNKNOWN_ADDRESS, requestIp } from '@/lib/auth/request-ip';
import { appClock } from '@/lib/clock';
import { deliverAfterResponse } from '@/lib/mail/after-commit';
import { configuredGateway } from '@/lib/payments/configured-gateway';
import { receiveNotification } from '@/lib/payments/notifications';

// A card gateway's server-to-server notification. Public (no session, no CSRF token: a bank's
// server has neither); the gateway itself verifies it (signature, or its own detail call).
export async function POST(request: Request, { params }: { params: Promise<{ gateway: string }> }) {
  const gateway = configuredGateway();
  if ((await params).gateway !== gateway.name) return answer(404, 'Passerelle de paiement inconnue.');
  const ip = requestIp(request.headers);
  const body = await request.text();
  // A gateway's notification is a few hundred bytes: anything large is not one.
  if (body.length > MAX_NOTIFICATION_LENGTH) return answer(413, 'Notification trop volumineuse.');
  const notification = {
    body,
    contentType: request.headers.get('content-type'),
    headers: request.headers,
    query: new URL(request.url).searchParams,
  };
  const received = await receiveNotification(await getDb(), appClock(), gateway, notification, ip === UNKNOWN_ADDRESS ? null : ip);
  // A settled payment may have queued its confirmation e-mail: send it now rather than within the minute.
  if (received.httpStatus === 200) deliverAfterResponse();
  return answer(received.httpStatus, received.message);
}

const MAX_NOTIFICATION_LENGTH = 64 * 1024;

const answer = (status: number, message: string) => new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
