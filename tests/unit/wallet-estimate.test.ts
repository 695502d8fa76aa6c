import { describe, expect, it } from 'vitest';
import { defaultEstimateDate, estimateWallets, selectEstimateDate } from '@/lib/wallets/rules';

describe('the date of the estimate', () => {
  it('defaults to the last day of next month, in any month', () => {
    expect(defaultEstimateDate('2026-11-26')).toBe('2026-12-31');
    expect(defaultEstimateDate('2026-12-01')).toBe('2027-01-31');
    expect(defaultEstimateDate('2027-01-31')).toBe('2027-02-28');
    expect(defaultEstimateDate('2028-01-15')).toBe('2028-02-29');
  });

  it('takes a valid date from the URL, past or future', () => {
    expect(selectEstimateDate('2027-03-15', '2026-11-26')).toEqual({ until: '2027-03-15', notice: null });
    expect(selectEstimateDate('2026-10-01', '2026-11-26')).toEqual({ until: '2026-10-01', notice: null });
    expect(selectEstimateDate(undefined, '2026-11-26')).toEqual({ until: '2026-12-31', notice: null });
    expect(selectEstimateDate('', '2026-11-26')).toEqual({ until: '2026-12-31', notice: null });
  });

  it('answers an invalid date with a French message and the default date', () => {
    for (const bad of ['2026-02-30', 'demain', '31/12/2026', ['2026-12-01', '2026-12-02']]) {
      expect(selectEstimateDate(bad, '2026-11-26')).toEqual({
        until: '2026-12-31',
        notice: 'La date saisie n’est pas valide : le calcul est fait jusqu’au 31/12/2026.',
      });
    }
  });
});

describe('the estimated balances', () => {
  const balances = [
    { walletId: 1, walletTypeId: 10, walletType: 'RESTAURATION', balanceCents: 0 },
    { walletId: 2, walletTypeId: 20, walletType: 'CDC PE2M - APS ET CLSH', balanceCents: -4605 },
  ];

  it('subtracts each wallet type’s cost from its balance, as the guide’s example: -46,05 − 33,25', () => {
    const { wallets, totals } = estimateWallets(balances, [{ walletTypeId: 20, walletType: 'CDC PE2M - APS ET CLSH', costCents: 3325 }]);
    expect(wallets.map((w) => [w.walletType, w.balanceCents, w.estimatedCostCents, w.newBalanceCents])).toEqual([
      ['RESTAURATION', 0, 0, 0],
      ['CDC PE2M - APS ET CLSH', -4605, 3325, -7930],
    ]);
    expect(totals).toEqual({ creditCents: -4605, reservationsCents: 3325, estimatedBalanceCents: -7930 });
  });

  it('keeps the cost of a wallet type the family has no wallet of, rather than losing it', () => {
    const { wallets, totals } = estimateWallets(balances, [{ walletTypeId: 30, walletType: 'PERISCOLAIRE', costCents: 120 }]);
    expect(wallets.at(-1)).toEqual({
      walletId: null,
      walletTypeId: 30,
      walletType: 'PERISCOLAIRE',
      balanceCents: 0,
      estimatedCostCents: 120,
      newBalanceCents: -120,
    });
    expect(totals.reservationsCents).toBe(120);
  });

  it('is all zeros for a family with nothing', () => {
    expect(estimateWallets([], [])).toEqual({ wallets: [], totals: { creditCents: 0, reservationsCents: 0, estimatedBalanceCents: 0 } });
  });
});
