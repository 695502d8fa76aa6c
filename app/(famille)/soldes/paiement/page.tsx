import type { Metadata } from 'next';
import { Notice } from '@/components/notice';
import { getDb } from '@/db';
import { profileOf } from '@/lib/account/profile';
import { requireGuardian } from '@/lib/auth/session';
import { appClock, parisToday } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { defaultCreditCents, prefilledAmounts } from '@/lib/payments/card-amounts';
import { walletEstimates } from '@/lib/wallets/estimate';
import { selectEstimateDate } from '@/lib/wallets/rules';
import { CardPaymentForm } from './payment-form';

export const metadata: Metadata = { title: 'Paiement CB' };

export default async function CardPaymentPage({
  searchParams,
}: {
  searchParams: Promise<{ jusquau?: string | string[]; montant?: string | string[] }>;
}) {
  const guardian = await requireGuardian();
  const { jusquau, montant } = await searchParams;
  const { until, notice } = selectEstimateDate(jusquau, parisToday(appClock()));
  const db = await getDb();
  const [{ wallets }, profile] = await Promise.all([walletEstimates(db, guardian.familyId, until), profileOf(db, guardian.id)]);
  const prefilled = prefilledAmounts(montant);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Paiement CB</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        Dans la colonne « Montant à créditer » est calculé le montant que vous devez, compte tenu de vos réservations jusqu’au{' '}
        {formatDate(until)}. Vous pouvez modifier ce montant en cliquant dans la case « Montant à créditer ».
      </p>
      {wallets.length === 0 ? (
        <Notice>Vous n’avez pas encore de porte-monnaie à créditer : il sera ouvert à votre première réservation.</Notice>
      ) : (
      <CardPaymentForm
        caption={`Montant à créditer sur chaque porte-monnaie, coût estimé de vos réservations jusqu’au ${formatDate(until)}`}
        email={profile?.email ?? ''}
        wallets={wallets.map((wallet) => ({
          walletTypeId: wallet.walletTypeId,
          walletType: wallet.walletType,
          balanceCents: wallet.balanceCents,
          estimatedCostCents: wallet.estimatedCostCents,
          creditCents: prefilled.get(wallet.walletTypeId) ?? defaultCreditCents(wallet.newBalanceCents),
        }))}
      />
      )}
    </div>
  );
}
