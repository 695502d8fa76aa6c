import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, children, families, reservations, users } from '@/db/schema';
import type { ReportedChange } from '@/emails/daily-report';
import type { Clock } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { queueEmails, type OutgoingEmail } from '@/lib/mail/outbox';
import { townName } from '@/lib/town';

/** The states a report tells about: decisions the family did not make itself. */
const REPORTED_STATUSES = ['confirmed', 'waitlisted', 'refused', 'cancelled'] as const;

const unreported = and(
  inArray(reservations.status, [...REPORTED_STATUSES]),
  sql`${reservations.reportedAt} is distinct from ${reservations.updatedAt}`,
);

export interface DailyReportRun {
  /** Families told about their changes. */
  families: number;
  emails: number;
}

export interface DailyReportOptions {
  /** Families reported per transaction. */
  batchSize?: number;
}

/**
 * The morning job: one "Compte-rendu de vos réservations" per guardian with an e-mail address, for
 * each family whose reservations changed since its last report (transmitted, waitlisted, refused,
 * promoted, cancelled by staff); what a family did itself at "Valider" was told by that validation's
 * e-mail and is marked told there. A reservation is marked told (reportedAt = updatedAt) in the
 * transaction that queues its report, so no change is told twice; a family without an address has
 * its changes marked told as well, so that adding one later does not send old news.
 *
 * Families are reported a batch at a time, one transaction each: one family per transaction cost
 * eight round trips a family (91 s for 7,850 families, bench/nightly.ts).
 */
export async function sendDailyReports(db: Db, clock: Clock, { batchSize = 100 }: DailyReportOptions = {}): Promise<DailyReportRun> {
  const pending = await db.selectDistinct({ familyId: reservations.familyId }).from(reservations).where(unreported).orderBy(asc(reservations.familyId));
  const run: DailyReportRun = { families: 0, emails: 0 };
  for (let start = 0; start < pending.length; start += batchSize) {
    const familyIds = pending.slice(start, start + batchSize).map((row) => row.familyId);
    const batch = await lockingTransaction(db, (tx) => reportFamilies(tx, clock, familyIds), { idempotent: true });
    run.families += batch.families;
    run.emails += batch.emails;
  }
  return run;
}

async function reportFamilies(tx: Db, clock: Clock, familyIds: number[]): Promise<DailyReportRun> {
  // One report of a family at a time: a concurrent run skips the families it is reporting. The
  // family rows are locked by nothing else (writers lock the basket, the days and the wallets), and
  // skipped rather than waited for, so no two batches wait on each other.
  const locked = await tx.select({ id: families.id }).from(families).where(inArray(families.id, familyIds)).orderBy(asc(families.id)).for('update', { skipLocked: true });
  if (locked.length === 0) return { families: 0, emails: 0 };
  // Marked and read in one statement: the states returned are exactly those marked told, even if a
  // change commits meanwhile (the update then waits for it and marks, and returns, the new state).
  const changed = await tx
    .update(reservations)
    .set({ reportedAt: sql`${reservations.updatedAt}` })
    .where(and(inArray(reservations.familyId, locked.map((family) => family.id)), unreported))
    .returning({ id: reservations.id, familyId: reservations.familyId, status: reservations.status, waitlistRank: reservations.waitlistRank });
  if (changed.length === 0) return { families: 0, emails: 0 };
  const [lines, guardians] = await Promise.all([
    tx
      .select({ id: reservations.id, familyId: reservations.familyId, date: activityDays.date, firstName: children.firstName, lastName: children.lastName, activityName: activities.name })
      .from(reservations)
      .innerJoin(children, eq(children.id, reservations.childId))
      .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
      .innerJoin(activities, eq(activities.id, activityDays.activityId))
      .where(inArray(reservations.id, changed.map((row) => row.id)))
      .orderBy(asc(activityDays.date), asc(activities.name), asc(children.firstName), asc(reservations.id)),
    tx
      .select({ familyId: users.familyId, email: users.email, firstName: users.firstName })
      .from(users)
      .where(and(inArray(users.familyId, [...new Set(changed.map((row) => row.familyId))]), eq(users.active, true), isNotNull(users.email))),
  ]);
  const states = new Map(changed.map((row) => [row.id, row]));
  const town = townName();
  const emails: OutgoingEmail[] = [];
  const told = new Set<number>();
  for (const familyId of new Set(changed.map((row) => row.familyId))) {
    const addressees = guardians.filter((guardian) => guardian.familyId === familyId);
    if (addressees.length === 0) continue;
    const changes: ReportedChange[] = lines
      .filter((line) => line.familyId === familyId)
      .map((line) => ({
        date: line.date,
        childName: `${line.lastName} ${line.firstName}`,
        activityName: line.activityName,
        status: states.get(line.id)!.status,
        waitlistRank: states.get(line.id)!.waitlistRank,
      }));
    told.add(familyId);
    emails.push(...addressees.map((guardian) => ({ to: guardian.email!, template: 'daily-report' as const, familyId, props: { town, firstName: guardian.firstName, changes } })));
  }
  await queueEmails(tx, clock, emails);
  return { families: told.size, emails: emails.length };
}
