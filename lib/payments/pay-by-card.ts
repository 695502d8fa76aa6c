import type { Db } from '@/db/client';
import type { Guardian } from '@/lib/auth/session';
import type { Clock } from '@/lib/clock';
import type { Result } from '@/lib/result';
import { familyWalletsOfTypes } from '@/lib/wallets/family-wallets';
import type { CardPaymentForm } from './card-form';
import { type PaymentUrls, startCardPayment } from './checkout';
import type { PaymentGateway } from './gateway';

/**
 * « Paiement CB » for a parent: the amounts are per wallet type, so they can only ever go to the
 * parent's own family's wallets (one of a type the family has only reservations for is created
 * first); the parent is the payer. Then the payment starts as every card payment does.
 */
export async function payByCard(
  db: Db,
  clock: Clock,
  gateway: PaymentGateway,
  guardian: Pick<Guardian, 'id' | 'role' | 'familyId' | 'firstName' | 'lastName'>,
  form: CardPaymentForm,
  urls: PaymentUrls,
): Promise<Result<{ paymentId: number; reference: string; redirectUrl: string }>> {
  const walletIds = await familyWalletsOfTypes(db, guardian.familyId, form.amounts.map((amount) => amount.walletTypeId));
  if (!walletIds.ok) return walletIds;
  return startCardPayment(
    db,
    clock,
    gateway,
    { id: guardian.id, role: guardian.role },
    {
      familyId: guardian.familyId,
      payerName: `${guardian.lastName} ${guardian.firstName}`,
      email: form.email,
      allocations: form.amounts.map((amount) => ({ walletId: walletIds.value.get(amount.walletTypeId)!, amountCents: amount.amountCents })),
    },
    urls,
  );
}
