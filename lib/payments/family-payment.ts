import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { paymentAllocations, payments, walletTypes, wallets } from '@/db/schema';

export type CardPaymentStatus = (typeof payments.status.enumValues)[number];

/** What the return page tells a parent about one of the family's card payments. */
export interface FamilyCardPayment {
  reference: string;
  status: CardPaymentStatus;
  amountCents: number;
  email: string | null;
  createdAt: Date;
  settledAt: Date | null;
  wallets: { walletType: string; amountCents: number }[];
}

/** A card payment of this family by its reference; null for another family's (or nobody's). Reads only: it never settles anything. */
export async function familyCardPayment(db: Db, familyId: number, reference: string): Promise<FamilyCardPayment | null> {
  const [payment] = await db
    .select({
      id: payments.id,
      reference: payments.reference,
      status: payments.status,
      amountCents: payments.amountCents,
      email: payments.email,
      createdAt: payments.createdAt,
      settledAt: payments.settledAt,
    })
    .from(payments)
    .where(and(eq(payments.reference, reference), eq(payments.familyId, familyId), isNotNull(payments.gateway)));
  if (!payment) return null;
  const allocated = await db
    .select({ walletType: walletTypes.label, amountCents: paymentAllocations.amountCents })
    .from(paymentAllocations)
    .innerJoin(wallets, eq(wallets.id, paymentAllocations.walletId))
    .innerJoin(walletTypes, eq(walletTypes.id, wallets.walletTypeId))
    .where(eq(paymentAllocations.paymentId, payment.id))
    .orderBy(asc(walletTypes.position), asc(walletTypes.label));
  return {
    reference: payment.reference!,
    status: payment.status,
    amountCents: payment.amountCents,
    email: payment.email,
    createdAt: payment.createdAt,
    settledAt: payment.settledAt,
    wallets: allocated,
  };
}
