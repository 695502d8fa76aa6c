import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { paymentAllocations, walletEntries } from '@/db/schema';
import { type Actor, recordAudit } from '@/lib/audit/record';
import { type Clock, parisToday } from '@/lib/clock';
import { lockingTransaction, lockPayment } from '@/lib/locks';
import { sumCents } from '@/lib/money';
import { ok, refused, type Result } from '@/lib/result';
import { appendLedgerEntries } from '@/lib/wallets/ledger';

export interface PaymentReversal {
  paymentId: number;
  /** Why staff cancel it (a cheque that bounced, a card payment the bank took back): kept in the audit log. */
  reason: string;
}

/**
 * Cancels a paid payment (at the desk or by card) the way a ledger does: its credits stay, and each
 * gets a `correction` entry of the opposite amount that names it (`reverses_entry_id`), written by
 * the ledger's one writer, with an audit line saying who and why.
 *
 * Exactly once: the payment row is locked (lib/locks.ts, level 0), then the reversal looks for a
 * correction already reversing one of its entries. Of two reversals at once, the second waits for
 * the first's commit, finds its corrections and is refused; a later one is refused the same way.
 * The payment keeps its status `paid` (the schema has no `reversed` status): its corrections are
 * what tell it reversed.
 */
export async function reversePayment(db: Db, clock: Clock, actor: Actor, { paymentId, reason }: PaymentReversal): Promise<Result<{ entries: number; amountCents: number }>> {
  const motive = reason.trim();
  if (motive === '') return refused('Indiquez le motif de l’annulation du règlement.', { field: 'reason' });

  return lockingTransaction(db, async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (!payment) return refused('Ce règlement n’existe pas.');
    if (payment.status !== 'paid') return refused('Seul un règlement payé peut être annulé : celui-ci ne l’est pas.', { code: 'not-paid' });

    const credits = await tx
      .select({ id: walletEntries.id, walletId: walletEntries.walletId, amountCents: walletEntries.amountCents, label: walletEntries.label })
      .from(walletEntries)
      .innerJoin(paymentAllocations, eq(paymentAllocations.id, walletEntries.paymentAllocationId))
      .where(eq(paymentAllocations.paymentId, payment.id))
      .orderBy(walletEntries.walletId);
    if (credits.length === 0) return refused('Ce règlement n’a crédité aucun porte-monnaie : il n’y a rien à annuler.', { code: 'nothing-credited' });
    const [reversed] = await tx
      .select({ id: walletEntries.id })
      .from(walletEntries)
      .where(and(eq(walletEntries.kind, 'correction'), inArray(walletEntries.reversesEntryId, credits.map((credit) => credit.id))))
      .limit(1);
    if (reversed) return refused('Ce règlement a déjà été annulé.', { code: 'already-reversed' });

    const occurredOn = parisToday(clock);
    await appendLedgerEntries(
      tx,
      credits.map((credit) => ({
        walletId: credit.walletId,
        kind: 'correction' as const,
        amountCents: -credit.amountCents,
        occurredOn,
        label: `Annulation : ${credit.label}`,
        reversesEntryId: credit.id,
        createdBy: actor.id,
      })),
    );
    const amountCents = sumCents(credits.map((credit) => credit.amountCents));
    await recordAudit(tx, clock, actor, {
      action: 'payment.reverse',
      entityType: 'payment',
      entityId: payment.id,
      familyId: payment.familyId,
      details: { reason: motive, reference: payment.reference, mode: payment.mode, amountCents, reversedEntryIds: credits.map((credit) => credit.id) },
    });
    return ok({ entries: credits.length, amountCents });
  });
}
