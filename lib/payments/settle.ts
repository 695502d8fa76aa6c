import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { paymentAllocations, payments, walletTypes, wallets } from '@/db/schema';
import { recordAudit, systemActor } from '@/lib/audit/record';
import { type Clock, parisToday } from '@/lib/clock';
import { queueEmails } from '@/lib/mail/outbox';
import { refused, ok, type Result } from '@/lib/result';
import { townName } from '@/lib/town';
import { appendLedgerEntries } from '@/lib/wallets/ledger';
import type { GatewayOutcome } from './gateway';

/** The card payment a gateway's answer concerns, as the settlement checks it. */
export interface SettledPayment {
  id: number;
  familyId: number;
  reference: string | null;
  amountCents: number;
}

export type Settlement =
  /** The answer moved the payment to its final status (and, when paid, credited its wallets). */
  | { change: 'settled'; status: 'paid' | 'refused' | 'abandoned' | 'expired' }
  /** Already settled (a replayed, duplicated or late answer), or not final yet: nothing changed. */
  | { change: 'unchanged' | 'pending' };

/** From which statuses a verified answer may move a payment. Money the bank took is credited even after the portal gave up waiting. */
const SETTLES_FROM = {
  paid: ['initiated', 'expired'],
  refused: ['initiated'],
  abandoned: ['initiated'],
  expired: ['initiated'],
} as const;

/**
 * Applies a gateway's verified answer to a card payment, exactly once: the status moves by one
 * conditional UPDATE (`… where status = 'initiated'`), so of twenty copies of the same answer
 * arriving together, one moves it and the others find it moved and change nothing; only the
 * transaction that moved it to `paid` credits the allocated wallets (and the unique
 * `wallet_entries.payment_allocation_id` backs that), queues the confirmation e-mail and writes the
 * audit line, all in that one transaction.
 *
 * An answer whose reference or amount is not the payment's is refused and changes nothing.
 * No lock of lib/locks.ts is taken: the payment row's own update serializes the copies, and a
 * credit, like a posting, decides nothing from a balance.
 */
export async function settlePayment(db: Db, clock: Clock, payment: SettledPayment, outcome: GatewayOutcome): Promise<Result<Settlement>> {
  if (outcome.status === 'pending') return ok({ change: 'pending' });
  if (outcome.status !== 'expired' && (outcome.reference !== payment.reference || outcome.amountCents !== payment.amountCents)) {
    return refused('La réponse de la banque ne correspond pas à ce paiement (référence ou montant) : rien n’a été modifié.', { code: 'mismatch' });
  }
  const status = outcome.status;
  return db.transaction(async (tx) => {
    const now = clock.now();
    const [moved] = await tx
      .update(payments)
      .set({
        status,
        settledAt: now,
        gatewayResult: outcome.details,
        ...(status === 'paid' ? { receivedOn: parisToday(clock) } : {}),
      })
      .where(and(eq(payments.id, payment.id), inArray(payments.status, [...SETTLES_FROM[status]])))
      .returning({ id: payments.id, reference: payments.reference, email: payments.email, receivedOn: payments.receivedOn });
    if (!moved) return ok({ change: 'unchanged' as const });

    if (status === 'paid') await credit(tx, clock, payment, moved);
    await recordAudit(tx, clock, systemActor, {
      action: `payment.${status}`,
      entityType: 'payment',
      entityId: payment.id,
      familyId: payment.familyId,
      details: { reference: payment.reference, amountCents: payment.amountCents, ...outcome.details },
    });
    return ok({ change: 'settled' as const, status });
  });
}

/** Credits each allocated wallet and queues the confirmation, in the transaction that made the payment `paid`. */
async function credit(tx: Db, clock: Clock, payment: SettledPayment, paid: { reference: string | null; email: string | null; receivedOn: string | null }) {
  const allocations = await tx
    .select({ id: paymentAllocations.id, walletId: paymentAllocations.walletId, amountCents: paymentAllocations.amountCents, walletLabel: walletTypes.label })
    .from(paymentAllocations)
    .innerJoin(wallets, eq(wallets.id, paymentAllocations.walletId))
    .innerJoin(walletTypes, eq(walletTypes.id, wallets.walletTypeId))
    .where(eq(paymentAllocations.paymentId, payment.id))
    .orderBy(paymentAllocations.walletId);
  await appendLedgerEntries(
    tx,
    allocations.map((allocation) => ({
      walletId: allocation.walletId,
      kind: 'payment' as const,
      amountCents: allocation.amountCents,
      occurredOn: paid.receivedOn!,
      label: `Paiement CB ${paid.reference}`,
      paymentAllocationId: allocation.id,
    })),
  );
  if (paid.email) {
    await queueEmails(tx, clock, [
      {
        to: paid.email,
        template: 'payment-confirmation',
        familyId: payment.familyId,
        props: {
          town: townName(),
          reference: paid.reference!,
          paidOn: paid.receivedOn!,
          amountCents: payment.amountCents,
          wallets: allocations.map((allocation) => ({ label: allocation.walletLabel, amountCents: allocation.amountCents })),
        },
      },
    ]);
  }
}
