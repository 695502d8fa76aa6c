import { getDb } from '@/db';
import { childAttestation } from '@/lib/attestations/childcare-fees';
import { attestationFileName, attestationPdf, fileResponse } from '@/lib/attestations/pdf';
import { parseAttestationYear } from '@/lib/attestations/rules';
import { STAFF_ONLY, staffOfRequest } from '@/lib/auth/staff-request';
import { appClock, parisToday } from '@/lib/clock';
import { queryId } from '@/lib/query-params';

// ?annee=2026: the attestation of a child of this family, as the family downloads it.
export async function GET(request: Request, { params }: { params: Promise<{ id: string; enfant: string }> }) {
  if (!(await staffOfRequest())) return new Response(STAFF_ONLY, { status: 403 });
  const clock = appClock();
  const year = parseAttestationYear(new URL(request.url).searchParams.get('annee'), parisToday(clock));
  if (year === null) return new Response('Choisissez une année proposée.', { status: 400 });
  const { id, enfant } = await params;
  const familyId = queryId(id);
  const childId = queryId(enfant);
  const result = familyId === null || childId === null ? null : await childAttestation(await getDb(), clock, familyId, childId, year);
  if (!result?.ok) return new Response(result?.message ?? 'Enfant introuvable.', { status: 404 });
  return fileResponse(await attestationPdf(result.value), 'application/pdf', attestationFileName(result.value));
}
