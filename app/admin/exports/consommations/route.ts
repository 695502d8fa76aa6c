import { getDb } from '@/db';
import { STAFF_ONLY, staffOfRequest } from '@/lib/auth/staff-request';
import { parseYearMonth } from '@/lib/calendar/months';
import { csvResponse } from '@/lib/csv';
import { consumptionsCsv } from '@/lib/wallets/consumption-export';

// ?mois=2026-11: every family's consumptions of the month.
export async function GET(request: Request) {
  if (!(await staffOfRequest())) return new Response(STAFF_ONLY, { status: 403 });
  const month = parseYearMonth(new URL(request.url).searchParams.get('mois'));
  if (!month) return new Response('Choisissez un mois valide (AAAA-MM).', { status: 400 });
  return csvResponse(`consommations-${month}.csv`, await consumptionsCsv(await getDb(), month));
}
