import { and, asc, eq, inArray, isNull, lt, not, notExists, or, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import type { Db } from '@/db/client';
import { activities, activityDays, consumptions, reservations, wallets } from '@/db/schema';
import { reservationUnitPrice } from '@/lib/activities/prices';
import { type Clock, type IsoDate, parisToday } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { sumCents } from '@/lib/money';
import { appendLedgerEntries } from './ledger';

export interface PostingReport {
  /** Consumptions written by this run. */
  posted: number;
  /** What they debited, in cents (a positive number). */
  amountCents: number;
}

export interface PostingOptions {
  /** About how many reservations one transaction posts (whole opening days). */
  batchSize?: number;
  /** The business date the run acts for: the days before it are posted. Today in Paris by default. */
  today?: IsoDate;
}

/**
 * The reservations that are charged once their day is over: a held place, attended or not, as the
 * town bills it; only days staff marked "absent justifié" are not.
 */
const CHARGED_STATUSES = ['confirmed', 'attended', 'absent'] as const;

/**
 * Posts every reservation whose day is over (before `today`, by default today in Paris) as one consumption (the
 * unit price "Valider" fixed on the reservation — the family's QF bracket then, lib/activities/prices.ts — × the activity's quantity) and one debit of the family's wallet of the activity's wallet
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
export async function postConsumptions(db: Db, clock: Clock, { batchSize = 2000, today = parisToday(clock) }: PostingOptions = {}): Promise<PostingReport> {
  const report: PostingReport = { posted: 0, amountCents: 0 };
  // The work, found from the reservations themselves: the past opening days with something to
  // post, and how much. Batches are whole days, about `batchSize` reservations each.
  for (const dayIds of dayBatches(await daysToPost(db, today), batchSize)) {
    // A batch may run again (a deadlock, a connection lost even while committing): it posts only
    // what no consumption names yet.
    const batch = await lockingTransaction(db, (tx) => postDays(tx, dayIds), { idempotent: true });
    report.posted += batch.posted;
    report.amountCents += batch.amountCents;
  }
  return report;
}

/** A reservation charged once its day is over and not posted yet. */
const chargedAndUnposted = and(
  inArray(reservations.status, [...CHARGED_STATUSES]),
  or(isNull(reservations.absenceJustified), not(reservations.absenceJustified)),
  notExists(sql`(select 1 from ${consumptions} where ${consumptions.reservationId} = ${reservations.id})`),
);

async function daysToPost(db: Db, today: IsoDate): Promise<{ id: number; due: number }[]> {
  return db
    .select({ id: activityDays.id, due: sql<number>`count(*)::int` })
    .from(reservations)
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .where(and(lt(activityDays.date, today), chargedAndUnposted))
    .groupBy(activityDays.id)
    .orderBy(asc(activityDays.id));
}

function* dayBatches(days: { id: number; due: number }[], batchSize: number): Generator<number[]> {
  let batch: number[] = [];
  let size = 0;
  for (const day of days) {
    batch.push(day.id);
    size += day.due;
    if (size >= batchSize) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Posts the unposted charged reservations of these days, in the database: the missing wallets
 * first, then one INSERT … SELECT of the consumptions (nothing goes to the application and back),
 * then the ledger entries of exactly the consumptions that insert returned.
 */
async function postDays(tx: Db, dayIds: number[]): Promise<PostingReport> {
  const due = sql`${reservations.activityDayId} in ${dayIds} and ${chargedAndUnposted}`;
  // The wallets the batch debits, created where a family has none of the type yet, in one sorted
  // order, so that two runs creating the same wallets never wait on each other in a cycle.
  await tx.execute(sql`
    insert into ${wallets} (family_id, wallet_type_id)
    select distinct ${reservations.familyId}, ${activities.walletTypeId}
    from ${reservations}
    join ${activityDays} on ${activityDays.id} = ${reservations.activityDayId}
    join ${activities} on ${activities.id} = ${activityDays.activityId}
    where ${due}
    order by 1, 2
    on conflict (family_id, wallet_type_id) do nothing`);

  const posted = rowsOf<{ id: number; walletId: number; totalCents: number; date: IsoDate; activityId: number }>(
    await tx.execute(sql`
      insert into ${consumptions} (family_id, child_id, activity_id, wallet_id, reservation_id, date, unit_price_cents, quantity, total_cents)
      select ${reservations.familyId}, ${reservations.childId}, ${activities.id}, ${wallets.id}, ${reservations.id}, ${activityDays.date},
             ${reservationUnitPrice}, ${activities.quantity}, ${reservationUnitPrice} * ${activities.quantity}
      from ${reservations}
      join ${activityDays} on ${activityDays.id} = ${reservations.activityDayId}
      join ${activities} on ${activities.id} = ${activityDays.activityId}
      join ${wallets} on ${wallets.familyId} = ${reservations.familyId} and ${wallets.walletTypeId} = ${activities.walletTypeId}
      where ${due}
      on conflict (reservation_id) do nothing
      returning id, wallet_id as "walletId", total_cents as "totalCents", date::text as "date", activity_id as "activityId"`),
  );
  if (posted.length === 0) return { posted: 0, amountCents: 0 };

  const names = await tx
    .select({ id: activities.id, name: activities.name })
    .from(activities)
    .where(inArray(activities.id, [...new Set(posted.map((consumption) => consumption.activityId))]));
  const nameOf = new Map(names.map((activity) => [activity.id, activity.name]));
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
  return { posted: posted.length, amountCents: sumCents(posted.map((consumption) => consumption.totalCents)) };
}
