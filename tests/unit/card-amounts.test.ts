import { describe, expect, it } from 'vitest';
import { AMOUNT_MESSAGES, cardPaymentHref, defaultCreditCents, prefilledAmounts, readAmount, totalProblem } from '@/lib/payments/card-amounts';

describe('Paiement CB amounts', () => {
  it('proposes what brings the new balance back to zero, and nothing when nothing is owed', () => {
    expect(defaultCreditCents(-7900)).toBe(7900);
    expect(defaultCreditCents(0)).toBe(0);
    expect(defaultCreditCents(1250)).toBe(0);
  });

  it('reads French amounts with at most two decimals, empty as nothing, and refuses the rest in French', () => {
    expect(readAmount('79,00')).toEqual({ cents: 7900 });
    expect(readAmount(' 1 234,5 ')).toEqual({ cents: 123450 });
    expect(readAmount('79.1')).toEqual({ cents: 7910 });
    expect(readAmount('')).toEqual({ cents: 0 });
    expect(readAmount('79,001')).toEqual({ error: AMOUNT_MESSAGES.format });
    expect(readAmount('1e3')).toEqual({ error: AMOUNT_MESSAGES.format });
    expect(readAmount('-1')).toEqual({ error: AMOUNT_MESSAGES.negative });
    expect(readAmount('10000')).toEqual({ error: AMOUNT_MESSAGES.tooLarge });
  });

  it('accepts a total from 1,00 € to 9 999,99 €', () => {
    expect(totalProblem(99)).toBe(AMOUNT_MESSAGES.totalTooSmall);
    expect(totalProblem(100)).toBeNull();
    expect(totalProblem(999_999)).toBeNull();
    expect(totalProblem(1_000_000)).toBe(AMOUNT_MESSAGES.totalTooLarge);
  });

  it('prefills from a link the amounts it can read and ignores the others', () => {
    expect([...prefilledAmounts(['3:7900', '4:abc', '0:100', '5:-1', '6:1000000', '7:250'])]).toEqual([
      [3, 7900],
      [7, 250],
    ]);
    expect(prefilledAmounts(undefined).size).toBe(0);
    expect(cardPaymentHref({ until: '2026-12-31', amounts: [{ walletTypeId: 3, amountCents: 7900 }] })).toBe('/soldes/paiement?jusquau=2026-12-31&montant=3%3A7900');
    expect(prefilledAmounts(new URL(`http://x${cardPaymentHref({ amounts: [{ walletTypeId: 3, amountCents: 7900 }] })}`).searchParams.getAll('montant'))).toEqual(new Map([[3, 7900]]));
  });
});
