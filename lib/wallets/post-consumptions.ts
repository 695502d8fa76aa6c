import { and, asc, eq, inArray, isNull, lt, not, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, consumptions, reservations, wallets } from '@/db/schema';
import { type Clock, parisToday } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { multiplyCents, sumCents } from '@/lib/money';
import { appendLedgerEntries } from './ledger';

export interface PostingReport {
  /** Consumptions written by this run. */
  posted: number;
  /** What they debited, in cents (a positive number). */
  amountCents: number;
}

export interface PostingOptions {
  /** Reservations posted per transaction. */
  batchSize?: number;
}

/** The reservations that are charged once their day is over; days marked "absent justifié" are not. */
const CHARGED_STATUSES = ['confirmed', 'attended'] as const;

/**
 * Posts every reservation whose day is over (before today in Paris) as one consumption (the
 * activity's unit price × quantity) and one debit of the family's wallet of the activity's wallet
 * type, created when the family has none yet.
 *
 * Exactly once, by constraint rather than by lock: a consumption names its reservation
 * (`consumptions.reservation_id` is unique) and is inserted with ON CONFLICT DO NOTHING, and only
 * the consumptions this insert returns get a ledger entry, in the same transaction. Two runs at once
 * both find the same reservations; the second's insert waits on the first's uncommitted rows, then
 * inserts nothing, so it debits nothing. No lock of lib/locks.ts is taken (not even level 3, the wallets): a debit
 * decides nothing from a balance, and the ledger is a sum of appended entries. Each batch commits on
 * its own: a run that fails half-way leaves whole batches posted (each consumption with its entry)
 * and the next run posts the rest.
 */
export async function postConsumptions(db: Db, clock: Clock, { batchSize = 1000 }: PostingOptions = {}): Promise<PostingReport> {
  const today = parisToday(clock);
  const report: PostingReport = { posted: 0, amountCents: 0 };
  for (;;) {
    // A batch may run again (a deadlock, a connection lost even while committing): it posts only
    // what no consumption names yet.
    const batch = await lockingTransaction(db, (tx) => postBatch(tx, today, batchSize), { idempotent: true });
    report.posted += batch.posted;
    report.amountCents += batch.amountCents;
    if (batch.due < batchSize) return report;
  }
}

async function postBatch(tx: Db, today: string, batchSize: number): Promise<PostingReport & { due: number }> {
  const due = await tx
    .select({
      reservationId: reservations.id,
      familyId: reservations.familyId,
      childId: reservations.childId,
      activityId: activities.id,
      activityName: activities.name,
      walletTypeId: activities.walletTypeId,
      unitPriceCents: activities.unitPriceCents,
      quantity: activities.quantity,
      date: activityDays.date,
    })
    .from(reservations)
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .leftJoin(consumptions, eq(consumptions.reservationId, reservations.id))
    .where(
      and(
        inArray(reservations.status, [...CHARGED_STATUSES]),
        lt(activityDays.date, today),
        or(isNull(reservations.absenceJustified), not(reservations.absenceJustified)),
        isNull(consumptions.id),
      ),
    )
    .orderBy(asc(reservations.id))
    .limit(batchSize);
  if (due.length === 0) return { posted: 0, amountCents: 0, due: 0 };

  const walletOf = await familyWallets(tx, due);
  const posted = await tx
    .insert(consumptions)
    .values(
      due.map((row) => ({
        familyId: row.familyId,
        childId: row.childId,
        activityId: row.activityId,
        walletId: walletOf(row.familyId, row.walletTypeId),
        reservationId: row.reservationId,
        date: row.date,
        unitPriceCents: row.unitPriceCents,
        quantity: row.quantity,
        totalCents: multiplyCents(row.unitPriceCents, row.quantity),
      })),
    )
    .onConflictDoNothing({ target: consumptions.reservationId })
    .returning({ id: consumptions.id, walletId: consumptions.walletId, totalCents: consumptions.totalCents, date: consumptions.date, activityId: consumptions.activityId });

  const nameOf = new Map(due.map((row) => [row.activityId, row.activityName]));
  // A free activity is consumed but moves no money: the ledger skips zero entries.
  await appendLedgerEntries(
    tx,
    posted.map((consumption) => ({
      walletId: consumption.walletId,
      kind: 'consumption' as const,
      amountCents: -consumption.totalCents,
      occurredOn: consumption.date,
      label: nameOf.get(consumption.activityId)!,
      consumptionId: consumption.id,
    })),
  );
  return { posted: posted.length, amountCents: sumCents(posted.map((consumption) => consumption.totalCents)), due: due.length };
}

/**
 * The wallets the batch debits, created where a family has none of the type yet. Created in one
 * sorted order, so that two runs creating the same wallets never wait on each other in a cycle.
 */
async function familyWallets(tx: Db, due: { familyId: number; walletTypeId: number }[]) {
  const key = (familyId: number, walletTypeId: number) => `${familyId}:${walletTypeId}`;
  const pairs = [...new Map(due.map(({ familyId, walletTypeId }) => [key(familyId, walletTypeId), { familyId, walletTypeId }])).values()].sort(
    (a, b) => a.familyId - b.familyId || a.walletTypeId - b.walletTypeId,
  );
  await tx.insert(wallets).values(pairs).onConflictDoNothing({ target: [wallets.familyId, wallets.walletTypeId] });
  const found = await tx
    .select({ id: wallets.id, familyId: wallets.familyId, walletTypeId: wallets.walletTypeId })
    .from(wallets)
    .where(inArray(wallets.familyId, [...new Set(pairs.map((pair) => pair.familyId))]));
  const ids = new Map(found.map((wallet) => [key(wallet.familyId, wallet.walletTypeId), wallet.id]));
  return (familyId: number, walletTypeId: number) => ids.get(key(familyId, walletTypeId))!;
}
