import type { IsoDate } from '@/lib/clock';
import type { SandboxResult } from './sandbox';

/** The test cards the sandbox bank knows, as the card page lists them. */
export const SANDBOX_TEST_CARDS = [
  { number: '4242 4242 4242 4242', result: 'P', effect: 'paiement accepté' },
  { number: '4000 0000 0000 0002', result: 'R', effect: 'paiement refusé par la banque' },
] as const satisfies readonly { number: string; result: SandboxResult; effect: string }[];

/** A card number as typed ("4242 4242-4242 4242") → its digits. */
export const cardDigits = (typed: string) => typed.replace(/[\s-]/g, '');

/** What the sandbox bank does with a card: pays, refuses, or does not know it (null: nothing decided). */
export function testCardResult(digits: string): SandboxResult | null {
  return SANDBOX_TEST_CARDS.find((card) => cardDigits(card.number) === digits)?.result ?? null;
}

/** Whether a card whose expiry reads "MM/AA" has expired on `today`: it is valid through the end of that month. */
export function isCardExpired(expiry: string, today: IsoDate): boolean {
  const [month, year] = expiry.split('/').map(Number) as [number, number];
  const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
  const expiresAt = (2000 + year) * 12 + month;
  return expiresAt < thisYear * 12 + thisMonth;
}
