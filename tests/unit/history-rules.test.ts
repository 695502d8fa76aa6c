import { describe, expect, it } from 'vitest';
import { formatAmount } from '@/lib/format';
import { multiplyCents } from '@/lib/money';
import {
  formatHistoryDay,
  historyTotal,
  MONTH_IN_THE_FUTURE,
  MONTH_NOT_RECOGNISED,
  paymentWindow,
  selectHistoryMonth,
} from '@/lib/history/rules';

const today = '2026-11-26';

describe('the month a history page shows', () => {
  it('is the current month by default, with a previous arrow and no next arrow', () => {
    expect(selectHistoryMonth(undefined, today)).toEqual({ month: '2026-11', previous: '2026-10', next: null, notice: null });
  });

  it('is the requested past month, with arrows both ways', () => {
    expect(selectHistoryMonth('2026-10', today)).toEqual({ month: '2026-10', previous: '2026-09', next: '2026-11', notice: null });
    expect(selectHistoryMonth('2026-01', today)).toEqual({ month: '2026-01', previous: '2025-12', next: '2026-02', notice: null });
  });

  it('has no next arrow on the current month asked by name', () => {
    expect(selectHistoryMonth('2026-11', today).next).toBeNull();
  });

  it('falls back to the current month with a French notice for a future month', () => {
    expect(selectHistoryMonth('2026-12', today)).toEqual({ month: '2026-11', previous: '2026-10', next: null, notice: MONTH_IN_THE_FUTURE });
    expect(selectHistoryMonth('2099-01', today).month).toBe('2026-11');
  });

  it('falls back to the current month with a French notice for a malformed month', () => {
    for (const bad of ['2026-13', 'novembre', '', '2026-11-01', '<script>']) {
      expect(selectHistoryMonth(bad, today), bad).toEqual({ month: '2026-11', previous: '2026-10', next: null, notice: MONTH_NOT_RECOGNISED });
    }
    expect(selectHistoryMonth(['2026-10', '2026-09'], today).notice).toBe(MONTH_NOT_RECOGNISED);
  });

  it('follows the Paris date it is given across the new year', () => {
    expect(selectHistoryMonth(undefined, '2027-01-01')).toMatchObject({ month: '2027-01', previous: '2026-12' });
    expect(selectHistoryMonth('2026-12', '2027-01-01')).toMatchObject({ month: '2026-12', next: '2027-01' });
  });
});

describe('the lines of a history', () => {
  it('writes dates as the guide does: "Mer 1"', () => {
    expect(formatHistoryDay('2026-04-01')).toBe('Mer 1');
    expect(formatHistoryDay('2026-04-20')).toBe('Lun 20');
    expect(formatHistoryDay('2026-11-26')).toBe('Jeu 26');
    expect(formatHistoryDay('2026-11-29')).toBe('Dim 29');
    expect(formatHistoryDay('2026-11-07')).toBe('Sam 7');
  });

  it('totals the rows in exact cents: 17 × 4,15 € = 70,55 €', () => {
    const seventeenLines = Array.from({ length: 17 }, () => ({ totalCents: multiplyCents(415, 1) }));
    expect(historyTotal(seventeenLines)).toBe(7055);
    expect(formatAmount(historyTotal(seventeenLines))).toBe('70,55');
    expect(historyTotal([{ totalCents: multiplyCents(415, 17) }])).toBe(7055);
    // 0,10 € + 0,20 € is 0,30 € exactly (as floating-point euros, 0.1 + 0.2 is 0.30000000000000004).
    expect(historyTotal([{ totalCents: 10 }, { totalCents: 20 }])).toBe(30);
  });

  it('totals the guide’s history to the sum of its rows, not to its printed 186,05', () => {
    const totals = [1035, 475, 475, 1035, 475, 1035, 1330, 1485, 1485, 1330, 1330, 1485, 1330];
    expect(historyTotal(totals.map((totalCents) => ({ totalCents })))).toBe(14305);
    expect(historyTotal([])).toBe(0);
  });

  it('shows the payments of the chosen month and of the month before it', () => {
    expect(paymentWindow('2026-11')).toEqual({ from: '2026-10-01', to: '2026-11-30', months: ['2026-10', '2026-11'] });
    expect(paymentWindow('2027-01')).toEqual({ from: '2026-12-01', to: '2027-01-31', months: ['2026-12', '2027-01'] });
    expect(paymentWindow('2028-03')).toMatchObject({ from: '2028-02-01', to: '2028-03-31' });
  });
});
