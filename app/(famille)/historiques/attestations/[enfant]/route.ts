import { getDb } from '@/db';
import { childAttestation } from '@/lib/attestations/childcare-fees';
import { attestationFileName, attestationPdf, fileResponse } from '@/lib/attestations/pdf';
import { parseAttestationYear } from '@/lib/attestations/rules';
import { getCurrentUser } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { queryId } from '@/lib/query-params';

// ?annee=2026: the PDF of one of the family's children, for the family of the session only.
export async function GET(request: Request, { params }: { params: Promise<{ enfant: string }> }) {
  const user = await getCurrentUser();
  if (!user || user.role !== 'family' || user.familyId === null) return new Response('Connectez-vous à votre compte famille.', { status: 403 });
  const clock = appClock();
  const year = parseAttestationYear(new URL(request.url).searchParams.get('annee'), parisToday(clock));
  if (year === null) return new Response('Choisissez une année proposée sur la page des attestations.', { status: 400 });
  const childId = queryId((await params).enfant);
  const result = childId === null ? null : await childAttestation(await getDb(), clock, user.familyId, childId, year);
  if (!result?.ok) return new Response(result?.message ?? 'Enfant introuvable.', { status: 404 });
  return fileResponse(await attestationPdf(result.value), 'application/pdf', attestationFileName(result.value));
}
