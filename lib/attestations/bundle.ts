import { zipSync } from 'fflate';
import type { ChildcareAttestation } from './childcare-fees';
import { attestationFileName, attestationPdf } from './pdf';

/**
 * A year's attestations for staff, one PDF per child in a ZIP: each stays the document a family
 * gets (to print, send or hand over one by one), which one combined PDF would not be. PDFs are
 * already compressed: stored as they are.
 */
export async function attestationsZip(attestations: readonly ChildcareAttestation[]): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const attestation of attestations) files[attestationFileName(attestation)] = await attestationPdf(attestation);
  return zipSync(files, { level: 0 });
}
