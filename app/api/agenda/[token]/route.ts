import { getDb } from '@/db';
import { appClock } from '@/lib/clock';
import { calendarFeedByToken } from '@/lib/reservations/calendar-feed';

// A guardian's private calendar feed, fetched by a phone's calendar app: no session (the app has
// no cookie), the long random token in the address is the only key.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const feed = await calendarFeedByToken(await getDb(), appClock(), (await params).token);
  if (feed === null) {
    return new Response('Ce lien d’agenda n’existe pas ou a été désactivé.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' },
    });
  }
  return new Response(feed, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="compte-famille.ics"',
      'cache-control': 'private, no-store',
    },
  });
}
