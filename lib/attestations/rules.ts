import { ageOn, type IsoDate } from '@/lib/clock';
import { monthOf, type YearMonth } from '@/lib/calendar/months';
import { sumCents } from '@/lib/money';

/**
 * The tax credit for childcare outside the home covers children under 6 on 1 January of the
 * year: a child 6 or older that day gets no attestation for the year.
 */
export const ATTESTATION_AGE_LIMIT = 6;

/** Meals are not childcare: the consumptions of the RESTAURATION wallet type are left out. */
export const MEALS_WALLET_TYPE = 'RESTAURATION';

/** Whether a child born on `birthDate` gets an attestation for `year`: born by its end, under 6 on its 1 January. */
export function eligibleForAttestation(birthDate: IsoDate, year: number): boolean {
  return birthDate <= `${year}-12-31` && ageOn(birthDate, `${year}-01-01`) < ATTESTATION_AGE_LIMIT;
}

/** The years an attestation can be asked for: this year and the five before it, newest first. */
export function attestationYears(today: IsoDate): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: 6 }, (_, index) => current - index);
}

export const YEAR_NOT_OFFERED = 'L’année demandée n’est pas proposée : voici l’année dernière.';

/**
 * The year from the `annee` URL parameter. By default the year before today's: the one a family
 * declares in the spring. A year outside `attestationYears` falls back to it with a French notice.
 */
export function selectAttestationYear(param: string | string[] | undefined, today: IsoDate): { year: number; notice: string | null } {
  const years = attestationYears(today);
  const fallback = years[1]!;
  const text = Array.isArray(param) ? param[0] : param;
  if (text === undefined || text === '') return { year: fallback, notice: null };
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  return years.includes(year) ? { year, notice: null } : { year: fallback, notice: YEAR_NOT_OFFERED };
}

/** The year of a route's `annee` parameter, or null when it is not one of `attestationYears`. */
export function parseAttestationYear(param: string | null, today: IsoDate): number | null {
  if (param === null || !/^\d{4}$/.test(param)) return null;
  const year = Number(param);
  return attestationYears(today).includes(year) ? year : null;
}

/** A consumption debited from a wallet: what it cost, in the order the wallet pays them. */
export interface Debit {
  consumptionId: number;
  date: IsoDate;
  totalCents: number;
}

/** A wallet's money other than consumptions, split by where it came from. */
export interface WalletFunds {
  /**
   * What the family paid in and still counts: its payments, less the payments staff cancelled
   * (a bounced cheque) and less the régularisations that debit the wallet.
   */
  paidInCents: number;
  /** Régularisations that credit the wallet (a goodwill gesture): the town's money, not the family's. */
  creditedCents: number;
}

/**
 * What of each consumption the family paid, in cents. Wallets are prepaid but may go below zero,
 * so a consumption counts as paid only as far as the family's money covers it: the consumptions
 * are paid oldest first (by date, then as posted), first by the town's credits (conservative:
 * a credit pays before the family's money does, so it is never attested as paid by the family),
 * then by what the family paid in. What the family's money does not cover is absent from the map.
 */
export function paidShares(funds: WalletFunds, debits: readonly Debit[]): Map<number, number> {
  const ordered = [...debits].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.consumptionId - b.consumptionId));
  let credit = Math.max(0, funds.creditedCents);
  let paidIn = Math.max(0, funds.paidInCents);
  const shares = new Map<number, number>();
  for (const debit of ordered) {
    let due = debit.totalCents;
    const byCredit = Math.min(credit, due);
    credit -= byCredit;
    due -= byCredit;
    const byFamily = Math.min(paidIn, due);
    paidIn -= byFamily;
    if (byFamily > 0) shares.set(debit.consumptionId, byFamily);
  }
  return shares;
}

/** One eligible consumption of the child in the year, with what of it the family paid. */
export interface AttestedConsumption {
  date: IsoDate;
  activity: string;
  totalCents: number;
  paidCents: number;
}

/** One line of the attestation: a month and an activity, how many days, what was charged and paid. */
export interface AttestationLine {
  month: YearMonth;
  activity: string;
  days: number;
  chargedCents: number;
  paidCents: number;
}

/** The lines by month then activity, the total paid (the amount attested) and what the family's money does not cover. */
export function attestationLines(consumptions: readonly AttestedConsumption[]): { lines: AttestationLine[]; totalCents: number; uncoveredCents: number } {
  const byKey = new Map<string, AttestationLine>();
  for (const consumption of consumptions) {
    const month = monthOf(consumption.date);
    const key = `${month}\u0000${consumption.activity}`;
    const line = byKey.get(key) ?? { month, activity: consumption.activity, days: 0, chargedCents: 0, paidCents: 0 };
    line.days += 1;
    line.chargedCents += consumption.totalCents;
    line.paidCents += consumption.paidCents;
    byKey.set(key, line);
  }
  const lines = [...byKey.values()].sort((a, b) => (a.month === b.month ? a.activity.localeCompare(b.activity, 'fr') : a.month < b.month ? -1 : 1));
  const totalCents = sumCents(lines.map((line) => line.paidCents));
  return { lines, totalCents, uncoveredCents: sumCents(lines.map((line) => line.chargedCents)) - totalCents };
}
