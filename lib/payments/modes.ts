import type { paymentMode } from '@/db/schema';

export type PaymentMode = (typeof paymentMode.enumValues)[number];

/** The guide shows payment modes by their code; the full word is for screen readers and tooltips. */
export const PAYMENT_MODE_LABELS: Record<PaymentMode, string> = {
  CH: 'Chèque',
  ESP: 'Espèces',
  CB: 'Carte bancaire en ligne',
  PRLV: 'Prélèvement',
  CESU: 'Chèque emploi service universel',
  ANCV: 'Chèques-vacances ANCV',
};
