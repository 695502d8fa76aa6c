import { getDb } from '@/db';
import { STAFF_ONLY, staffOfRequest } from '@/lib/auth/staff-request';
import { parseIsoDate } from '@/lib/calendar/months';
import { csvResponse } from '@/lib/csv';
import { queryId } from '@/lib/query-params';
import { reservationsCsv } from '@/lib/reservations/day-export';

// ?date=2026-12-02[&activite=12]: the day's reservations, of one activity or all.
export async function GET(request: Request) {
  if (!(await staffOfRequest())) return new Response(STAFF_ONLY, { status: 403 });
  const query = new URL(request.url).searchParams;
  const date = parseIsoDate(query.get('date'));
  if (!date) return new Response('Choisissez une date valide (AAAA-MM-JJ).', { status: 400 });
  const activity = query.get('activite');
  const activityId = activity ? queryId(activity) : undefined;
  if (activityId === null) return new Response('Activité introuvable.', { status: 400 });
  return csvResponse(`reservations-${date}${activityId ? `-activite-${activityId}` : ''}.csv`, await reservationsCsv(await getDb(), date, activityId));
}
