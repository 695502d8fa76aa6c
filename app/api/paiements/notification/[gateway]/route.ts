import { getDb } from '@/db';
import { UNKNOWN_ADDRESS, requestIp } from '@/lib/auth/request-ip';
import { appClock } from '@/lib/clock';
import { configuredGateway } from '@/lib/payments/configured-gateway';
import { receiveNotification } from '@/lib/payments/notifications';

// A card gateway's server-to-server notification. Public (no session, no CSRF token: a bank's
// server has neither); the gateway itself verifies it (signature, or its own detail call).
export async function POST(request: Request, { params }: { params: Promise<{ gateway: string }> }) {
  const gateway = configuredGateway();
  if ((await params).gateway !== gateway.name) return answer(404, 'Passerelle de paiement inconnue.');
  const ip = requestIp(request.headers);
  const notification = {
    body: await request.text(),
    contentType: request.headers.get('content-type'),
    headers: request.headers,
    query: new URL(request.url).searchParams,
  };
  const received = await receiveNotification(await getDb(), appClock(), gateway, notification, ip === UNKNOWN_ADDRESS ? null : ip);
  return answer(received.httpStatus, received.message);
}

const answer = (status: number, message: string) => new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
