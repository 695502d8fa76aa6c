import type { Db } from '@/db/client';
import type { IsoDate } from '@/lib/clock';
import { sumCents } from '@/lib/money';
import { walletEstimates } from '@/lib/wallets/estimate';
import { defaultEstimateDate } from '@/lib/wallets/rules';
import { cardPaymentHref, defaultCreditCents } from './card-amounts';

/**
 * The card payment the reservation result page offers: what « Paiement CB » proposes by default
 * (each wallet's « Nouveau solde » back to 0,00), with the estimate reaching at least the last day
 * just reserved, so that the reservations the parent has just made are all in it. It is what the
 * parent owes, not only the new days: a debt already there is paid too, a credit already there is
 * used first.
 */
export async function suggestedCardPayment(db: Db, familyId: number, today: IsoDate, lastReservedDay: IsoDate | null) {
  const standard = defaultEstimateDate(today);
  const until = lastReservedDay && lastReservedDay > standard ? lastReservedDay : standard;
  const { wallets } = await walletEstimates(db, familyId, until);
  const amounts = wallets
    .map((wallet) => ({ walletTypeId: wallet.walletTypeId, walletType: wallet.walletType, amountCents: defaultCreditCents(wallet.newBalanceCents) }))
    .filter((amount) => amount.amountCents > 0);
  const totalCents = sumCents(amounts.map((amount) => amount.amountCents));
  return { amounts, totalCents, href: cardPaymentHref({ until, amounts }) };
}
