import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { activities, activityDays, children, consumptions, reservations } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { parisToday, type Clock, type IsoDate } from '@/lib/clock';
import { lockActivityDays, lockingTransaction } from '@/lib/locks';
import { queueEmails } from '@/lib/mail/outbox';
import { ok, refusalAsResult, refused, Refusal, type Result } from '@/lib/result';
import { dayCounts } from './facts';
import { promotionEmails, renumberWaitingList } from './waiting-list';

/*
 * What town staff decide on one request of an opening day: approve or refuse it (manual approval),
 * cancel it, promote it from the waiting list, move it in the list, and record attendance.
 *
 * Lock order (lib/locks.ts): level 2 only, the one opening day of the request, as the waiting-list
 * promotion does. None of these adds a live reservation to a family, so the family's basket
 * (level 1) is not needed; none touches a wallet. The request and the day's counts are read again
 * once the day is locked, and every change is audited with the staff member in the same transaction.
 */

export const reservationIdSchema = z.object({
  reservationId: z.coerce
    .number({ error: 'Demande introuvable.' })
    .int({ error: 'Demande introuvable.' })
    .positive({ error: 'Demande introuvable.' })
    .max(2_147_483_647, { error: 'Demande introuvable.' }),
});
export const moveSchema = reservationIdSchema.extend({
  direction: z.enum(['up', 'down'], { error: 'Choisissez de monter ou de descendre.' }),
});
export const attendanceSchema = reservationIdSchema.extend({
  presence: z.enum(['present', 'absent', 'justified'], { error: 'Choisissez présent, absent ou absent justifié.' }),
});
export type Presence = z.output<typeof attendanceSchema>['presence'];

export interface StaffDecisionOptions {
  /** Test-only: decides without locking the day, to show the race the lock prevents. */
  unsafeWithoutLocking?: boolean;
}

/** What a decision that may free a place answers: the days whose waiting list to promote now (announceFreedPlaces). */
export interface FreedPlaces {
  freedDayIds: number[];
}

type Request = Awaited<ReturnType<typeof lockedRequest>>;

async function lockedRequest(tx: Db, reservationId: number, activityDayId: number, lock: boolean) {
  if (lock) await lockActivityDays(tx, [activityDayId]);
  const [row] = await tx
    .select({
      id: reservations.id,
      familyId: reservations.familyId,
      childId: reservations.childId,
      activityDayId: reservations.activityDayId,
      status: reservations.status,
      waitlistRank: reservations.waitlistRank,
      firstName: children.firstName,
      lastName: children.lastName,
      date: activityDays.date,
      capacity: activityDays.capacity,
      activityName: activities.name,
      approval: activities.approval,
      consumptionId: consumptions.id,
    })
    .from(reservations)
    .innerJoin(children, eq(children.id, reservations.childId))
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .leftJoin(consumptions, eq(consumptions.reservationId, reservations.id))
    .where(eq(reservations.id, reservationId));
  return row!;
}

/** Runs `decide` on the request with its day locked, in one transaction; a Refusal rolls it back. */
async function onLockedDay<T>(
  db: Db,
  reservationId: number,
  decide: (tx: Db, request: Request) => Promise<T>,
  options: StaffDecisionOptions = {},
): Promise<Result<T>> {
  const [found] = await db.select({ activityDayId: reservations.activityDayId }).from(reservations).where(eq(reservations.id, reservationId));
  if (!found) return refused('Demande introuvable.');
  return refusalAsResult(() =>
    lockingTransaction(db, async (tx) => ok(await decide(tx, await lockedRequest(tx, reservationId, found.activityDayId, !options.unsafeWithoutLocking)))),
  );
}

const audit = (request: Request, action: string, details: Record<string, unknown> = {}) => ({
  action,
  entityType: 'reservation',
  entityId: request.id,
  familyId: request.familyId,
  details: { date: request.date, activityDayId: request.activityDayId, childId: request.childId, previousStatus: request.status, ...details },
});

function requireManualPending(request: Request) {
  if (request.approval !== 'manual') throw new Refusal('Cette activité est en validation automatique : ses demandes sont transmises chaque nuit.');
  if (request.status !== 'pending') throw new Refusal('Cette demande n’est plus en attente de décision.');
}

/** « Accepter »: a pending request of a manual-approval activity becomes « Réservée », stamped as transmitted now. */
export async function approveRequest(db: Db, clock: Clock, actor: Actor, input: { reservationId: number }): Promise<Result<void>> {
  return onLockedDay(db, input.reservationId, async (tx, request) => {
    requireManualPending(request);
    const now = clock.now();
    await tx.update(reservations).set({ status: 'confirmed', transmittedAt: now, updatedAt: now }).where(eq(reservations.id, request.id));
    await recordAudit(tx, clock, actor, audit(request, 'reservation.approve'));
  });
}

/** « Refuser »: a pending request of a manual-approval activity becomes « Refusée »; its place is freed. */
export async function refuseRequest(db: Db, clock: Clock, actor: Actor, input: { reservationId: number }): Promise<Result<FreedPlaces>> {
  return onLockedDay(db, input.reservationId, async (tx, request) => {
    requireManualPending(request);
    await tx.update(reservations).set({ status: 'refused', updatedAt: clock.now() }).where(eq(reservations.id, request.id));
    await recordAudit(tx, clock, actor, audit(request, 'reservation.refuse'));
    return { freedDayIds: [request.activityDayId] };
  });
}

/**
 * « Annuler » by the town: a pending, confirmed or waitlisted request becomes « Annulée ». A place
 * freed is announced by the caller, so the waiting list is promoted at once; a request leaving the
 * waiting list moves the ranks behind up. The family's next daily report tells it (the change is
 * not marked told, unlike a family's own cancellation at "Valider").
 */
export async function cancelByStaff(db: Db, clock: Clock, actor: Actor, input: { reservationId: number }): Promise<Result<FreedPlaces>> {
  return onLockedDay(db, input.reservationId, async (tx, request) => {
    if (!['pending', 'confirmed', 'waitlisted'].includes(request.status)) throw new Refusal('Cette demande n’est plus annulable.');
    if (request.consumptionId !== null) throw new Refusal('Cette journée est déjà facturée : elle ne peut plus être annulée.');
    await tx.update(reservations).set({ status: 'cancelled', waitlistRank: null, updatedAt: clock.now() }).where(eq(reservations.id, request.id));
    if (request.status === 'waitlisted') await renumberWaitingList(tx, clock, request.activityDayId);
    await recordAudit(tx, clock, actor, audit(request, 'reservation.cancel_by_staff', { previousRank: request.waitlistRank }));
    return { freedDayIds: request.status === 'waitlisted' ? [] : [request.activityDayId] };
  });
}

/**
 * « Promouvoir »: one request of the waiting list, chosen by staff whatever its rank, becomes
 * « Réservée » if a place is free; the ranks behind move up and the family is e-mailed as by the
 * promotion job.
 */
export async function promoteByHand(db: Db, clock: Clock, actor: Actor, input: { reservationId: number }, options: StaffDecisionOptions = {}): Promise<Result<void>> {
  return onLockedDay(
    db,
    input.reservationId,
    async (tx, request) => {
      if (request.status !== 'waitlisted') throw new Refusal('Cette demande n’est plus en liste d’attente.');
      const taken = (await dayCounts(tx, [request.activityDayId])).get(request.activityDayId)!.taken;
      if (taken >= request.capacity) throw new Refusal('Aucune place n’est libre ce jour-là.');
      await tx.update(reservations).set({ status: 'confirmed', waitlistRank: null, updatedAt: clock.now() }).where(eq(reservations.id, request.id));
      await renumberWaitingList(tx, clock, request.activityDayId);
      const emails = await promotionEmails(tx, { date: request.date, activityName: request.activityName }, [request]);
      await Promise.all([recordAudit(tx, clock, actor, audit(request, 'reservation.promote_by_hand', { previousRank: request.waitlistRank })), queueEmails(tx, clock, emails)]);
    },
    options,
  );
}

/** « Monter » / « Descendre »: swaps a waiting request with its neighbour; the ranks stay 1..n. */
export async function moveInWaitingList(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { reservationId: number; direction: 'up' | 'down' },
  options: StaffDecisionOptions = {},
): Promise<Result<void>> {
  return onLockedDay(
    db,
    input.reservationId,
    async (tx, request) => {
      if (request.status !== 'waitlisted') throw new Refusal('Cette demande n’est plus en liste d’attente.');
      const list = await tx
        .select({ id: reservations.id })
        .from(reservations)
        .where(and(eq(reservations.activityDayId, request.activityDayId), eq(reservations.status, 'waitlisted')))
        .orderBy(asc(reservations.waitlistRank), asc(reservations.id));
      const at = list.findIndex((row) => row.id === request.id);
      const other = input.direction === 'up' ? at - 1 : at + 1;
      if (other < 0) throw new Refusal('Cette demande est déjà la première de la liste d’attente.');
      if (other >= list.length) throw new Refusal('Cette demande est déjà la dernière de la liste d’attente.');
      [list[at], list[other]] = [list[other]!, list[at]!];
      const now = clock.now();
      // Both neighbours get their new rank in one statement; the rest keep theirs (1..n already).
      const moved = [list[at]!, list[other]!].map((row) => ({ id: row.id, rank: list.indexOf(row) + 1 }));
      await tx.execute(sql`
        update ${reservations} set waitlist_rank = moved.rank, updated_at = ${now.toISOString()}::timestamptz
        from (values ${sql.join(moved.map((row) => sql`(${row.id}::int, ${row.rank}::int)`), sql`, `)}) as moved(id, rank)
        where ${reservations.id} = moved.id`);
      await renumberWaitingList(tx, clock, request.activityDayId);
      await recordAudit(tx, clock, actor, audit(request, 'reservation.move_in_waiting_list', { previousRank: request.waitlistRank, rank: other + 1 }));
    },
    options,
  );
}

const PRESENCE = {
  present: { status: 'attended', absenceJustified: false },
  absent: { status: 'absent', absenceJustified: false },
  justified: { status: 'absent', absenceJustified: true },
} as const;

/** The « pointage » answer a reservation shows, if attendance was recorded. */
export function presenceOf(row: { status: string; absenceJustified: boolean | null }): Presence | null {
  if (row.status === 'attended') return 'present';
  if (row.status === 'absent') return row.absenceJustified ? 'justified' : 'absent';
  return null;
}

/**
 * « Pointage »: présent → attended, absent → absent, absent justifié → absent with
 * absenceJustified (lib/wallets/post-consumptions.ts charges only confirmed and attended days). On
 * the day or after, on a place held (« Réservée » or already pointed), before the day is billed.
 */
export async function recordAttendance(db: Db, clock: Clock, actor: Actor, input: { reservationId: number; presence: Presence }): Promise<Result<void>> {
  return onLockedDay(db, input.reservationId, async (tx, request) => {
    if (!['confirmed', 'attended', 'absent'].includes(request.status)) throw new Refusal('Seuls les enfants dont la réservation est « Réservée » sont pointés.');
    if (attendanceTooEarly(request.date, parisToday(clock))) throw new Refusal('Le pointage se fait le jour même ou après.');
    if (request.consumptionId !== null) throw new Refusal('Cette journée est déjà facturée : le pointage ne peut plus changer.');
    await tx.update(reservations).set({ ...PRESENCE[input.presence], updatedAt: clock.now() }).where(eq(reservations.id, request.id));
    await recordAudit(tx, clock, actor, audit(request, 'reservation.attendance', { presence: input.presence }));
  });
}

const attendanceTooEarly = (date: IsoDate, today: IsoDate) => date > today;
