import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, children, families, reservations, users } from '@/db/schema';
import type { ReportedChange } from '@/emails/daily-report';
import type { Clock } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { queueEmails } from '@/lib/mail/outbox';
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

/**
 * The morning job: one "Compte-rendu de vos réservations" per guardian with an e-mail address, for
 * each family whose reservations changed since its last report (transmitted, waitlisted, refused,
 * promoted, cancelled by staff); what a family did itself at "Valider" was told by that validation's
 * e-mail and is marked told there. A reservation is marked told (reportedAt = updatedAt) in the
 * transaction that queues its report, so no change is told twice; a family without an address has
 * its changes marked told as well, so that adding one later does not send old news.
 */
export async function sendDailyReports(db: Db, clock: Clock): Promise<DailyReportRun> {
  const pending = await db.selectDistinct({ familyId: reservations.familyId }).from(reservations).where(unreported).orderBy(asc(reservations.familyId));
  const run: DailyReportRun = { families: 0, emails: 0 };
  for (const { familyId } of pending) {
    const emails = await lockingTransaction(db, (tx) => reportFamily(tx, clock, familyId), { idempotent: true });
    if (emails > 0) {
      run.families += 1;
      run.emails += emails;
    }
  }
  return run;
}

async function reportFamily(tx: Db, clock: Clock, familyId: number): Promise<number> {
  // One report of a family at a time: a concurrent run skips the family it is reporting. The
  // family row is locked by nothing else (writers lock the basket, the days and the wallets).
  const [family] = await tx.select({ id: families.id }).from(families).where(eq(families.id, familyId)).for('update', { skipLocked: true });
  if (!family) return 0;
  // Marked and read in one statement: the states returned are exactly those marked told, even if a
  // change commits meanwhile (the update then waits for it and marks, and returns, the new state).
  const changed = await tx
    .update(reservations)
    .set({ reportedAt: sql`${reservations.updatedAt}` })
    .where(and(eq(reservations.familyId, familyId), unreported))
    .returning({ id: reservations.id, status: reservations.status, waitlistRank: reservations.waitlistRank });
  if (changed.length === 0) return 0;
  const [lines, guardians] = await Promise.all([
    tx
      .select({ id: reservations.id, date: activityDays.date, firstName: children.firstName, lastName: children.lastName, activityName: activities.name })
      .from(reservations)
      .innerJoin(children, eq(children.id, reservations.childId))
      .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
      .innerJoin(activities, eq(activities.id, activityDays.activityId))
      .where(inArray(reservations.id, changed.map((row) => row.id)))
      .orderBy(asc(activityDays.date), asc(activities.name), asc(children.firstName), asc(reservations.id)),
    tx
      .select({ email: users.email, firstName: users.firstName })
      .from(users)
      .where(and(eq(users.familyId, familyId), eq(users.active, true), isNotNull(users.email))),
  ]);
  if (guardians.length === 0) return 0;
  const states = new Map(changed.map((row) => [row.id, row]));
  const changes: ReportedChange[] = lines.map((line) => ({
    date: line.date,
    childName: `${line.lastName} ${line.firstName}`,
    activityName: line.activityName,
    status: states.get(line.id)!.status,
    waitlistRank: states.get(line.id)!.waitlistRank,
  }));
  const town = townName();
  await queueEmails(
    tx,
    clock,
    guardians.map((guardian) => ({ to: guardian.email!, template: 'daily-report' as const, familyId, props: { town, firstName: guardian.firstName, changes } })),
  );
  return guardians.length;
}
