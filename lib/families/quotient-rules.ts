import type { IsoDate } from '@/lib/clock';

/** « Justificatif »: where a quotient familial comes from (the enum quotient_source). */
export const QUOTIENT_SOURCES = {
  caf: 'Attestation CAF',
  avis_imposition: 'Avis d’imposition',
  autre: 'Autre justificatif',
} as const;
export type QuotientSource = keyof typeof QUOTIENT_SOURCES;

/** A validity period, both ends included. */
export interface Validity {
  validFrom: IsoDate;
  validTo: IsoDate;
}

/** Whether two validity periods share a day: a family's never do (the price of a day comes from one QF). */
export const validitiesOverlap = (a: Validity, b: Validity) => a.validFrom <= b.validTo && b.validFrom <= a.validTo;

/** The quotient in force on `date` (its validity holds the day), if any: at most one, as they never overlap. */
export const quotientInForce = <Q extends Validity>(quotients: readonly Q[], date: IsoDate): Q | undefined =>
  quotients.find((quotient) => quotient.validFrom <= date && date <= quotient.validTo);
