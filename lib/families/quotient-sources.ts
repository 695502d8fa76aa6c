/** « Justificatif »: where a quotient familial comes from (the enum quotient_source). */
export const QUOTIENT_SOURCES = {
  caf: 'Attestation CAF',
  avis_imposition: 'Avis d’imposition',
  autre: 'Autre justificatif',
} as const;
export type QuotientSource = keyof typeof QUOTIENT_SOURCES;
