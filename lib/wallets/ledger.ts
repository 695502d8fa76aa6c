import type { Db } from '@/db/client';
import { walletEntries } from '@/db/schema';

/** One line of a wallet's ledger, as the writers of money give it. */
export type LedgerEntry = Pick<typeof walletEntries.$inferInsert, 'walletId' | 'amountCents' | 'occurredOn' | 'label' | 'createdBy'> &
  (
    | { kind: 'consumption'; consumptionId: number }
    | { kind: 'payment'; paymentAllocationId: number }
    | { kind: 'correction'; reversesEntryId?: number | null }
  );

/**
 * The one writer of the wallets' ledger, shared by consumption postings, card and desk payments and
 * corrections: entries are appended, never updated or deleted (database triggers forbid it), and a
 * balance is the sum of a wallet's entries.
 *
 * A consumption or a payment allocation is posted at most once: `consumption_id` and
 * `payment_allocation_id` are unique, so a second posting of the same source fails its transaction
 * instead of counting twice. Callers decide *whether* to post under their own guard (a consumption
 * this transaction created, a payment this transaction moved to `paid`); the constraint is the
 * backstop. A zero amount is never written (a free activity moves no money).
 */
export async function appendLedgerEntries(tx: Db, entries: LedgerEntry[]): Promise<void> {
  const lines = entries.filter((entry) => entry.amountCents !== 0);
  if (lines.length === 0) return;
  await tx.insert(walletEntries).values(lines);
}
