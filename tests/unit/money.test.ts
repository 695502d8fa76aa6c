import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatEuros } from '@/lib/format';
import { multiplyCents, parseEurosToCents, sumCents } from '@/lib/money';

const nbsp = /[\u00a0\u202f]/g;

describe('money', () => {
  it('multiplies in exact cents: 17 × 4,15 € = 70,55 €', () => {
    expect(multiplyCents(415, 17)).toBe(7055);
    expect(formatEuros(multiplyCents(415, 17)).replace(nbsp, ' ')).toBe('70,55 €');
  });

  // The guide prints TOTAL 186,05 under rows that add up to 143,05: our total is always the rows' sum.
  it('sums the rows of the guide history exactly', () => {
    const totals = [1035, 475, 475, 1035, 475, 1035, 1330, 1485, 1485, 1330, 1330, 1485, 1330];
    expect(formatAmount(sumCents(totals))).toBe('143,05');
  });

  it('formats negative balances and thousands the French way', () => {
    expect(formatAmount(-4605)).toBe('-46,05');
    expect(formatEuros(123456).replace(nbsp, ' ')).toBe('1 234,56 €');
  });

  it('refuses fractional cents', () => {
    expect(() => multiplyCents(4.15, 17)).toThrow(RangeError);
  });

  it('parses typed amounts and rejects garbage', () => {
    expect(parseEurosToCents('79,00')).toBe(7900);
    expect(parseEurosToCents('12.5 €')).toBe(1250);
    expect(parseEurosToCents('0,07')).toBe(7);
    expect(parseEurosToCents('-3')).toBe(-300);
    expect(parseEurosToCents('12,345')).toBeNull();
    expect(parseEurosToCents('douze')).toBeNull();
    expect(parseEurosToCents('')).toBeNull();
  });

  it('round-trips any amount through its display', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (cents) => {
        expect(parseEurosToCents(formatAmount(cents))).toBe(cents);
      }),
    );
  });
});
