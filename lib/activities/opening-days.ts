import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { activities, activityDays, bookingPeriods, children, families, reservations, users } from '@/db/schema';
import { recordAudit, type Actor, type AuditEvent } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';
import { formatDate } from '@/lib/format';
import { lockActivityDays, lockingTransaction } from '@/lib/locks';
import { queueEmails } from '@/lib/mail/outbox';
import { dayCounts } from '@/lib/reservations/facts';
import { ok, Refusal, refusalAsResult, refused, type Result } from '@/lib/result';
import { townName } from '@/lib/town';
import { checkbox, isoDate, optionalIsoDate, rowId, wholeNumber } from './form-fields';
import { capacityRefusal, openingDates } from './rules';
import { invalidateCatalog } from './catalog';

const WAITING_OR_BOOKED = ['pending', 'confirmed', 'waitlisted'] as const;

/** "2026-12-25", "25/12/2026", separated by spaces, commas, semicolons or lines. */
const exclusionList = z.string().default('').transform((text, context) => {
  const dates: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(token);
    const date = french ? `${french[3]}-${french[2]}-${french[1]}` : token;
    if (!z.iso.date().safeParse(date).success) {
      context.addIssue({ code: 'custom', message: `« ${token} » n’est pas une date (JJ/MM/AAAA).` });
      return z.NEVER;
    }
    dates.push(date);
  }
  return dates;
});

export const openingDaysSchema = z
  .object({
    activityId: rowId('Activité introuvable.'),
    bookingPeriodId: rowId('Choisissez une période de réservation.'),
    from: isoDate('Du'),
    to: isoDate('Au'),
    weekday1: checkbox,
    weekday2: checkbox,
    weekday3: checkbox,
    weekday4: checkbox,
    weekday5: checkbox,
    weekday6: checkbox,
    weekday7: checkbox,
    holidayFrom: optionalIsoDate('Vacances du'),
    holidayTo: optionalIsoDate('Vacances au'),
    exclusions: exclusionList,
  })
  .refine((input) => input.from <= input.to, { path: ['to'], message: 'La date de fin doit suivre la date de début.' })
  .refine((input) => [1, 2, 3, 4, 5, 6, 7].some((n) => input[`weekday${n}` as `weekday${1 | 2 | 3 | 4 | 5 | 6 | 7}`]), {
    path: ['weekdays'],
    message: 'Choisissez au moins un jour de la semaine.',
  })
  .refine((input) => (input.holidayFrom === null) === (input.holidayTo === null), { path: ['holidayTo'], message: 'Saisissez le début et la fin des vacances, ou aucun des deux.' })
  .refine((input) => !input.holidayFrom || !input.holidayTo || input.holidayFrom <= input.holidayTo, { path: ['holidayTo'], message: 'La fin des vacances doit suivre leur début.' });
export type OpeningDaysInput = z.infer<typeof openingDaysSchema>;

/**
 * Opens the activity on every date of the plan, in one booking period, with the activity's default
 * capacity and waiting list. A date already open is left as it is (never duplicated).
 */
export async function generateOpeningDays(db: Db, clock: Clock, actor: Actor, input: OpeningDaysInput): Promise<Result<{ created: string[]; existing: number }>> {
  return db.transaction(async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, input.activityId));
    if (!activity) return refused('Cette activité est introuvable.');
    const [period] = await tx.select().from(bookingPeriods).where(eq(bookingPeriods.id, input.bookingPeriodId));
    if (!period) return refused('Choisissez une période de réservation.', { field: 'bookingPeriodId' });
    if (input.from < period.startsOn || input.to > period.endsOn) {
      return refused(`Les dates doivent rester dans la période « ${period.label} » (du ${formatDate(period.startsOn)} au ${formatDate(period.endsOn)}).`, { field: 'from' });
    }
    const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((n) => input[`weekday${n}` as keyof OpeningDaysInput] === true);
    const dates = openingDates({ ...input, weekdays });
    if (dates.length === 0) return refused('Aucune date ne correspond à ces choix.', { field: 'from' });
    const created = await tx
      .insert(activityDays)
      .values(
        dates.map((date) => ({
          activityId: activity.id,
          bookingPeriodId: period.id,
          date,
          capacity: activity.defaultCapacity,
          waitlistCapacity: activity.defaultWaitlistCapacity,
        })),
      )
      .onConflictDoNothing({ target: [activityDays.activityId, activityDays.date] })
      .returning({ date: activityDays.date });
    const createdDates = created.map((day) => day.date).sort();
    await recordAudit(tx, clock, actor, {
      action: 'activity_day.generate',
      entityType: 'activity',
      entityId: activity.id,
      details: { bookingPeriodId: period.id, created: createdDates, existing: dates.length - createdDates.length },
    });
    return ok({ created: createdDates, existing: dates.length - createdDates.length });
  }).finally(invalidateCatalog);
}

export const openingDaySchema = z.object({
  activityDayId: rowId('Jour introuvable.'),
  capacity: wholeNumber('La capacité', 0, 10_000),
  waitlistCapacity: wholeNumber('La liste d’attente', 0, 10_000),
  closed: checkbox,
  // Asked only when closing a day that has reservations: cancel them, or keep the day open.
  onReservations: z.enum(['cancel', 'keepOpen']).optional().catch(undefined),
});
export type OpeningDayInput = z.infer<typeof openingDaySchema>;

export type OpeningDayOutcome = { closed: boolean; cancelled: number; notifiedFamilies: number };

/**
 * Changes one opening day. Capacities never go below what is taken. Closing a day that has
 * reservations needs a decision: cancel them (each family is told once, by e-mail) or keep the
 * day open. Lock order (lib/locks.ts): the day alone, level 2; counts are read under it.
 */
export async function updateOpeningDay(db: Db, clock: Clock, actor: Actor, input: OpeningDayInput): Promise<Result<OpeningDayOutcome>> {
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx): Promise<Result<OpeningDayOutcome>> => {
      await lockActivityDays(tx, [input.activityDayId]);
      const [row] = await tx
        .select({ day: activityDays, activityName: activities.name })
        .from(activityDays)
        .innerJoin(activities, eq(activities.id, activityDays.activityId))
        .where(eq(activityDays.id, input.activityDayId));
      if (!row) return refused('Ce jour d’ouverture est introuvable.');
      const { day, activityName } = row;
      const audits: AuditEvent[] = [];
      let closed = input.closed;
      let cancelled = 0;
      let notifiedFamilies = 0;

      if (closed && !day.closed) {
        const live = await dayReservations(tx, day.id);
        if (live.length > 0 && input.onReservations === undefined) {
          return refused(
            `Ce jour a ${live.length === 1 ? '1 réservation' : `${live.length} réservations`} : choisissez de les annuler en prévenant les familles, ou de garder le jour ouvert.`,
            { field: 'onReservations', code: 'confirm' },
          );
        }
        if (live.length > 0 && input.onReservations === 'keepOpen') closed = false;
        if (live.length > 0 && input.onReservations === 'cancel') {
          notifiedFamilies = await cancelForClosing(tx, clock, live, { date: day.date, activityName });
          cancelled = live.length;
          audits.push(
            ...live.map((reservation) => ({
              action: 'reservation.cancel',
              entityType: 'reservation',
              entityId: reservation.id,
              familyId: reservation.familyId,
              details: { reason: 'activity_day.close', activityDayId: day.id, date: day.date, previousStatus: reservation.status },
            })),
          );
        }
      }

      const counts = (await dayCounts(tx, [day.id])).get(day.id)!;
      const floor = capacityRefusal(input, counts);
      if (floor) throw new Refusal(floor.message, floor.field);

      const after = { capacity: input.capacity, waitlistCapacity: input.waitlistCapacity, closed };
      await tx.update(activityDays).set(after).where(eq(activityDays.id, day.id));
      const before = { capacity: day.capacity, waitlistCapacity: day.waitlistCapacity, closed: day.closed };
      audits.unshift({
        action: closed && !day.closed ? 'activity_day.close' : !closed && day.closed ? 'activity_day.reopen' : 'activity_day.update',
        entityType: 'activity_day',
        entityId: day.id,
        details: { activityId: day.activityId, date: day.date, from: before, to: after, cancelledReservations: cancelled },
      });
      await recordAudit(tx, clock, actor, ...audits);
      return ok({ closed, cancelled, notifiedFamilies });
    }),
  ).finally(invalidateCatalog);
}

type LiveReservation = Awaited<ReturnType<typeof dayReservations>>[number];

/** Cancels the day's reservations and tells each family once, in the same transaction (outbox). */
async function cancelForClosing(tx: Db, clock: Clock, live: LiveReservation[], day: { date: string; activityName: string }): Promise<number> {
  const now = clock.now();
  await tx
    .update(reservations)
    .set({ status: 'cancelled', waitlistRank: null, updatedAt: now })
    .where(inArray(reservations.id, live.map((reservation) => reservation.id)));
  const familyIds = [...new Set(live.map((reservation) => reservation.familyId))];
  // One addressee per family: the payer first, else the first guardian with an e-mail.
  const guardians = await tx
    .select({ familyId: users.familyId, email: users.email, firstName: users.firstName })
    .from(users)
    .where(and(inArray(users.familyId, familyIds), eq(users.active, true), sql`${users.email} is not null`))
    .orderBy(sql`${users.isPayer} desc`, asc(users.id));
  const town = townName();
  const emails = familyIds.flatMap((familyId) => {
    const guardian = guardians.find((candidate) => candidate.familyId === familyId);
    if (!guardian) return [];
    const childNames = live.filter((reservation) => reservation.familyId === familyId).map((reservation) => reservation.childName);
    return [{ to: guardian.email!, template: 'activity-day-closed' as const, familyId, props: { town, firstName: guardian.firstName, date: day.date, activityName: day.activityName, childNames } }];
  });
  await queueEmails(tx, clock, emails);
  return emails.length;
}

/** The day's reservations still counting (booked, not yet transmitted, or waiting), with the family. */
export async function dayReservations(db: Db, activityDayId: number) {
  const rows = await db
    .select({
      id: reservations.id,
      familyId: reservations.familyId,
      familyName: families.name,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
      requestedAt: reservations.requestedAt,
      firstName: children.firstName,
      lastName: children.lastName,
    })
    .from(reservations)
    .innerJoin(children, eq(children.id, reservations.childId))
    .innerJoin(families, eq(families.id, reservations.familyId))
    .where(and(eq(reservations.activityDayId, activityDayId), inArray(reservations.status, [...WAITING_OR_BOOKED])))
    .orderBy(asc(reservations.status), asc(reservations.waitlistRank), asc(children.lastName), asc(children.firstName));
  return rows.map((row) => ({ ...row, childName: `${row.lastName} ${row.firstName}` }));
}

/** An activity's opening days with their booked and waiting counts. */
export async function activityOpeningDays(db: Db, activityId: number) {
  const days = await db
    .select({ day: activityDays, periodLabel: bookingPeriods.label })
    .from(activityDays)
    .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
    .where(eq(activityDays.activityId, activityId))
    .orderBy(asc(activityDays.date));
  const counts = await dayCounts(db, days.map((row) => row.day.id));
  return days.map((row) => ({ ...row.day, periodLabel: row.periodLabel, ...counts.get(row.day.id)! }));
}

export async function findOpeningDay(db: Db, activityDayId: number) {
  const [row] = await db
    .select({ day: activityDays, activity: activities })
    .from(activityDays)
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .where(eq(activityDays.id, activityDayId));
  if (!row) return null;
  const counts = (await dayCounts(db, [row.day.id])).get(row.day.id)!;
  return { ...row, counts };
}
