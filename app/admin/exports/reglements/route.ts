import { getDb } from '@/db';
import { STAFF_ONLY, staffOfRequest } from '@/lib/auth/staff-request';
import { parseIsoDate } from '@/lib/calendar/months';
import { csvResponse } from '@/lib/csv';
import { paymentsCsv } from '@/lib/payments/staff-payments';

// ?du=2026-11-01&au=2026-11-30: the payments of the period, both days included.
export async function GET(request: Request) {
  if (!(await staffOfRequest())) return new Response(STAFF_ONLY, { status: 403 });
  const query = new URL(request.url).searchParams;
  const from = parseIsoDate(query.get('du'));
  const to = parseIsoDate(query.get('au'));
  if (!from || !to) return new Response('Choisissez deux dates valides (AAAA-MM-JJ).', { status: 400 });
  if (from > to) return new Response('La date de début doit précéder la date de fin.', { status: 400 });
  return csvResponse(`reglements-${from}-${to}.csv`, await paymentsCsv(await getDb(), from, to));
}
