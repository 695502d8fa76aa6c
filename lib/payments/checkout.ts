import { randomInt } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { paymentAllocations, payments, wallets } from '@/db/schema';
import { type Actor, recordAudit } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { sumCents } from '@/lib/money';
import { CARD_PAYMENT_LIMITS } from './card-amounts';
import type { PaymentGateway } from './gateway';

// The limits live with the form's rules, which the payment page's browser code shares.
export { CARD_PAYMENT_LIMITS } from './card-amounts';

export interface CardPaymentRequest {
  familyId: number;
  payerName: string;
  email: string;
  /** Amount to credit per wallet; zero lines are dropped. */
  allocations: { walletId: number; amountCents: number }[];
}

/** Where the gateway notifies and where it sends the browser back, for a payment's reference. */
export type PaymentUrls = (reference: string) => { notifyUrl: string; returnUrl: string };

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A payment reference: letters and digits only (PayFiP's refdet), unguessable, easy to read out on the phone. */
export function newPaymentReference(): string {
  let reference = 'CF';
  for (let i = 0; i < 14; i++) reference += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return reference;
}

/**
 * Starts a card payment: checks the amounts and that every wallet is the family's, records the
 * payment `initiated` with its allocations and its reference (so that a notification or the
 * reconciliation can always find it), then, outside the transaction, registers it with the
 * gateway and returns where to send the parent. When the gateway cannot be reached the payment
 * is closed as `abandoned` (the parent never left; nothing was charged) and the parent is told.
 */
export async function startCardPayment(
  db: Db,
  clock: Clock,
  gateway: PaymentGateway,
  actor: Actor,
  request: CardPaymentRequest,
  urls: PaymentUrls,
): Promise<Result<{ paymentId: number; reference: string; redirectUrl: string }>> {
  const allocations = request.allocations.filter((allocation) => allocation.amountCents !== 0);
  if (allocations.some((allocation) => !Number.isSafeInteger(allocation.amountCents) || allocation.amountCents < 0)) {
    return refused('Un montant à créditer ne peut pas être négatif.', { field: 'amounts' });
  }
  const amountCents = sumCents(allocations.map((allocation) => allocation.amountCents));
  if (amountCents < CARD_PAYMENT_LIMITS.minCents) return refused('Le paiement doit être d’au moins 1,00 € au total.', { field: 'amounts' });
  if (amountCents > CARD_PAYMENT_LIMITS.maxCents) return refused('Le paiement ne peut pas dépasser 9 999,99 € au total.', { field: 'amounts' });
  const walletIds = allocations.map((allocation) => allocation.walletId);
  if (new Set(walletIds).size !== walletIds.length) return refused('Chaque porte-monnaie ne peut apparaître qu’une fois.', { field: 'amounts' });

  const reference = newPaymentReference();
  const recorded = await db.transaction(async (tx) => {
    const own = await tx
      .select({ id: wallets.id })
      .from(wallets)
      .where(and(eq(wallets.familyId, request.familyId), inArray(wallets.id, walletIds)));
    if (own.length !== walletIds.length) return null;
    const [payment] = await tx
      .insert(payments)
      .values({
        familyId: request.familyId,
        mode: 'CB',
        status: 'initiated',
        amountCents,
        payerName: request.payerName,
        gateway: gateway.name,
        reference,
        email: request.email,
        recordedBy: actor.id,
        createdAt: clock.now(),
      })
      .returning({ id: payments.id, createdAt: payments.createdAt });
    await tx.insert(paymentAllocations).values(allocations.map((allocation) => ({ paymentId: payment!.id, ...allocation })));
    await recordAudit(tx, clock, actor, {
      action: 'payment.initiate',
      entityType: 'payment',
      entityId: payment!.id,
      familyId: request.familyId,
      details: { reference, amountCents, gateway: gateway.name, allocations },
    });
    return payment!;
  });
  if (!recorded) return refused('Ce porte-monnaie n’est pas le vôtre.', { field: 'amounts' });

  try {
    const { notifyUrl, returnUrl } = urls(reference);
    const started = await gateway.start({ reference, amountCents, email: request.email, label: `Compte Famille ${reference}`, notifyUrl, returnUrl, createdAt: recorded.createdAt });
    await db.update(payments).set({ gatewayReference: started.transactionId }).where(eq(payments.id, recorded.id));
    return ok({ paymentId: recorded.id, reference, redirectUrl: started.redirectUrl });
  } catch (error) {
    console.error(`Card payment ${reference}: the gateway could not start it.`, error);
    await db
      .update(payments)
      .set({ status: 'abandoned', settledAt: clock.now(), gatewayResult: { error: 'start failed' } })
      .where(and(eq(payments.id, recorded.id), eq(payments.status, 'initiated')));
    return refused('Le service de paiement ne répond pas pour le moment : rien n’a été débité. Réessayez dans quelques minutes.');
  }
}
