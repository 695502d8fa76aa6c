import type { IsoDate } from '@/lib/clock';
import { lastDayOf, monthOf, nextMonth, parseIsoDate } from '@/lib/calendar/months';
import { formatDate } from '@/lib/format';
import { sumCents } from '@/lib/money';
import type { WalletBalance } from './balances';

/** "Calculez vos réservations jusqu'au" starts at the last day of next month. */
export function defaultEstimateDate(today: IsoDate): IsoDate {
  return lastDayOf(nextMonth(monthOf(today)));
}

/** The date of the estimate from the `jusquau` URL parameter; an invalid one gives a French notice and the default. */
export function selectEstimateDate(
  param: string | string[] | undefined,
  today: IsoDate,
): { until: IsoDate; notice: string | null } {
  const fallback = defaultEstimateDate(today);
  if (param === undefined || param === '') return { until: fallback, notice: null };
  const requested = parseIsoDate(param);
  if (requested) return { until: requested, notice: null };
  return {
    until: fallback,
    notice: `La date saisie n’est pas valide : le calcul est fait jusqu’au ${formatDate(fallback)}.`,
  };
}

/** What the reservations not yet posted will cost, per wallet type. */
export interface ReservationCost {
  walletTypeId: number;
  walletType: string;
  costCents: number;
}

export interface WalletEstimate {
  /** Null when the family has reservations for a wallet type it has no wallet of yet. */
  walletId: number | null;
  walletTypeId: number;
  walletType: string;
  balanceCents: number;
  estimatedCostCents: number;
  newBalanceCents: number;
}

export interface EstimateTotals {
  /** "Votre crédit": the sum of the balances. */
  creditCents: number;
  /** "Montant des réservations": the sum of the estimated costs. */
  reservationsCents: number;
  /** "Solde estimé": credit minus reservations. */
  estimatedBalanceCents: number;
}

/** "Nouveau solde" = "Solde" − "Coût estimé", wallet by wallet, and the guide's totals line. */
export function estimateWallets(
  balances: readonly WalletBalance[],
  costs: readonly ReservationCost[],
): { wallets: WalletEstimate[]; totals: EstimateTotals } {
  const costOf = new Map(costs.map((cost) => [cost.walletTypeId, cost.costCents]));
  const known = new Set(balances.map((balance) => balance.walletTypeId));
  const rows = [
    ...balances.map((balance) => ({ ...balance, estimatedCostCents: costOf.get(balance.walletTypeId) ?? 0 })),
    ...costs
      .filter((cost) => !known.has(cost.walletTypeId))
      .map((cost) => ({
        walletId: null,
        walletTypeId: cost.walletTypeId,
        walletType: cost.walletType,
        balanceCents: 0,
        estimatedCostCents: cost.costCents,
      })),
  ];
  const wallets = rows.map((row) => ({ ...row, newBalanceCents: row.balanceCents - row.estimatedCostCents }));
  const creditCents = sumCents(wallets.map((wallet) => wallet.balanceCents));
  const reservationsCents = sumCents(wallets.map((wallet) => wallet.estimatedCostCents));
  return { wallets, totals: { creditCents, reservationsCents, estimatedBalanceCents: creditCents - reservationsCents } };
}
