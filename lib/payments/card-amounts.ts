import { parseEurosToCents } from '@/lib/money';

// The rules of the « Paiement CB » form that the browser runs as the parent types and the action
// runs again (lib/payments/card-form.ts), the action alone deciding. No server code here: the
// payment page's client component imports it.

/** The limits of one card payment, in cents (the page says them in euros). */
export const CARD_PAYMENT_LIMITS = { minCents: 100, maxCents: 999_999 } as const;

/** One « Montant à créditer » per wallet type, named `montant-<walletTypeId>`. */
export const AMOUNT_FIELD = /^montant-([1-9]\d{0,9})$/;

export const amountFieldName = (walletTypeId: number) => `montant-${walletTypeId}`;

/** « Montant à créditer » by default: what brings « Nouveau solde » back to 0,00, nothing when nothing is owed. */
export function defaultCreditCents(newBalanceCents: number): number {
  return Math.max(0, -newBalanceCents);
}

export const AMOUNT_MESSAGES = {
  format: 'Saisissez un montant en euros avec au plus deux décimales, par exemple 79,00.',
  negative: 'Le montant à créditer ne peut pas être négatif.',
  tooLarge: 'Le montant à créditer ne peut pas dépasser 9 999,99 €.',
  totalTooSmall: 'Le paiement doit être d’au moins 1,00 € au total.',
  totalTooLarge: 'Le paiement ne peut pas dépasser 9 999,99 € au total.',
} as const;

/** A typed « Montant à créditer »: empty means nothing for this wallet. */
export function readAmount(text: string): { cents: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { cents: 0 };
  const cents = parseEurosToCents(trimmed);
  if (cents === null) return { error: AMOUNT_MESSAGES.format };
  if (cents < 0) return { error: AMOUNT_MESSAGES.negative };
  if (cents > CARD_PAYMENT_LIMITS.maxCents) return { error: AMOUNT_MESSAGES.tooLarge };
  return { cents };
}

/** The refusal of a total outside the limits of one card payment, or null. */
export function totalProblem(totalCents: number): string | null {
  if (totalCents < CARD_PAYMENT_LIMITS.minCents) return AMOUNT_MESSAGES.totalTooSmall;
  if (totalCents > CARD_PAYMENT_LIMITS.maxCents) return AMOUNT_MESSAGES.totalTooLarge;
  return null;
}

/**
 * Amounts a link asks the payment page to prefill: `montant=<walletTypeId>:<cents>`, repeated.
 * Anything unreadable is ignored (the page falls back to its default for that wallet).
 */
export function prefilledAmounts(param: string | string[] | undefined): Map<number, number> {
  const amounts = new Map<number, number>();
  for (const value of [param ?? []].flat()) {
    const match = /^([1-9]\d{0,9}):(\d{1,7})$/.exec(value);
    if (!match) continue;
    const cents = Number(match[2]);
    if (cents <= CARD_PAYMENT_LIMITS.maxCents) amounts.set(Number(match[1]), cents);
  }
  return amounts;
}

/** The address of the payment page, for an estimate date and, optionally, prefilled amounts. */
export function cardPaymentHref({ until, amounts = [] }: { until?: string; amounts?: { walletTypeId: number; amountCents: number }[] }): string {
  const query = new URLSearchParams();
  if (until) query.set('jusquau', until);
  for (const amount of amounts) query.append('montant', `${amount.walletTypeId}:${amount.amountCents}`);
  const search = query.toString();
  return search ? `/soldes/paiement?${search}` : '/soldes/paiement';
}
