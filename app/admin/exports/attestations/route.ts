import { getDb } from '@/db';
import { attestationsZip } from '@/lib/attestations/bundle';
import { yearAttestations } from '@/lib/attestations/childcare-fees';
import { fileResponse } from '@/lib/attestations/pdf';
import { parseAttestationYear } from '@/lib/attestations/rules';
import { STAFF_ONLY, staffOfRequest } from '@/lib/auth/staff-request';
import { appClock, parisToday } from '@/lib/clock';

// ?annee=2026: every attestation of the year with an amount, one PDF per child, in a ZIP.
export async function GET(request: Request) {
  if (!(await staffOfRequest())) return new Response(STAFF_ONLY, { status: 403 });
  const clock = appClock();
  const year = parseAttestationYear(new URL(request.url).searchParams.get('annee'), parisToday(clock));
  if (year === null) return new Response('Choisissez une année proposée.', { status: 400 });
  const attestations = await yearAttestations(await getDb(), clock, year);
  if (attestations.length === 0) return new Response(`Aucune attestation de frais de garde pour ${year} : aucun montant payé pour un enfant de moins de 6 ans.`, { status: 404 });
  return fileResponse(await attestationsZip(attestations), 'application/zip', `attestations-garde-${year}.zip`);
}
