import { and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, children, reservations, users } from '@/db/schema';
import { recordAudit, systemActor } from '@/lib/audit/record';
import { addDays, parisToday, type Clock, type IsoDate } from '@/lib/clock';
import { lockActivityDays, lockingTransaction } from '@/lib/locks';
import { queueEmails, type OutgoingEmail } from '@/lib/mail/outbox';
import { townName } from '@/lib/town';
import { dayCounts } from './facts';

export interface DayWithFreedPlaces {
  activityDayId: number;
  activityId: number;
  date: IsoDate;
  capacity: number;
  /** Places taken: pending + confirmed reservations. */
  taken: number;
  waiting: number;
  freePlaces: number;
}

const taken = sql<number>`(count(*) filter (where ${reservations.status} in ('pending', 'confirmed')))::int`;
const waiting = sql<number>`(count(*) filter (where ${reservations.status} = 'waitlisted'))::int`;

/**
 * The opening days on or after `from` where a place is free and someone waits for it: the work of
 * the waiting-list promotion, found from the reservations and the days' capacities themselves
 * (the audit log is a log, not a queue), in date order.
 */
export async function daysWithFreedPlaces(db: Db, from: IsoDate): Promise<DayWithFreedPlaces[]> {
  const rows = await db
    .select({ activityDayId: activityDays.id, activityId: activityDays.activityId, date: activityDays.date, capacity: activityDays.capacity, taken, waiting })
    .from(activityDays)
    .innerJoin(reservations, and(eq(reservations.activityDayId, activityDays.id), inArray(reservations.status, ['pending', 'confirmed', 'waitlisted'])))
    .where(gte(activityDays.date, from))
    .groupBy(activityDays.id)
    .having(and(sql`${waiting} > 0`, sql`${taken} < ${activityDays.capacity}`))
    .orderBy(asc(activityDays.date), asc(activityDays.id));
  return rows.map((row) => ({ ...row, freePlaces: row.capacity - row.taken }));
}

export interface PromotionOptions {
  /** Only these opening days (a cancellation's event names its day); all of them by default. */
  dayIds?: number[];
  /** The business date the run acts for: days from it on, the lead time counted from it. Today in Paris by default. */
  today?: IsoDate;
}

export interface PromotionReport {
  promoted: number;
  days: number;
}

/**
 * The waiting-list promotion job: on every day with a free place and a waiting list, at least the
 * activity's promotion lead time ahead, the requests waiting become « Réservée » in rank order while
 * places allow, the ranks behind move up to 1..n, and each promoted family is told "Une place s'est
 * libérée". Safe to run again or at the same time as itself: each day is decided under its lock, on
 * counts read inside it, so a place is given once.
 */
export async function promoteWaitingLists(db: Db, clock: Clock, options: PromotionOptions = {}): Promise<PromotionReport> {
  const today = options.today ?? parisToday(clock);
  let candidates = await daysWithFreedPlaces(db, today);
  if (options.dayIds) {
    const wanted = new Set(options.dayIds);
    candidates = candidates.filter((day) => wanted.has(day.activityDayId));
  }
  if (candidates.length === 0) return { promoted: 0, days: 0 };
  const leads = new Map(
    (
      await db
        .select({ id: activities.id, promotionLeadDays: activities.promotionLeadDays })
        .from(activities)
        .where(inArray(activities.id, [...new Set(candidates.map((day) => day.activityId))]))
    ).map((activity) => [activity.id, activity.promotionLeadDays]),
  );
  // As facts.ts's insidePromotionLead: closer than the lead time, a freed place is not offered.
  const ahead = candidates.filter((day) => today < addDays(day.date, -(leads.get(day.activityId) ?? 0)));

  let promoted = 0;
  let days = 0;
  for (const day of ahead) {
    const count = await lockingTransaction(db, (tx) => promoteDay(tx, clock, day.activityDayId), { idempotent: true });
    promoted += count;
    if (count > 0) days += 1;
  }
  return { promoted, days };
}

/** One day's promotion, in its own transaction. Returns how many requests became « Réservée ». */
async function promoteDay(tx: Db, clock: Clock, activityDayId: number): Promise<number> {
  // Lock order (lib/locks.ts): level 2 only, the one opening day whose places this fills. The
  // capacity and the counts are read again once it is locked: what the candidate list said may
  // have changed.
  await lockActivityDays(tx, [activityDayId]);
  const [[day], counts] = await Promise.all([
    tx.select({ capacity: activityDays.capacity, date: activityDays.date, activityName: activities.name }).from(activityDays).innerJoin(activities, eq(activities.id, activityDays.activityId)).where(eq(activityDays.id, activityDayId)),
    dayCounts(tx, [activityDayId]),
  ]);
  const free = day!.capacity - counts.get(activityDayId)!.taken;
  if (free <= 0) return 0;
  const waiting = eq(reservations.activityDayId, activityDayId);
  const chosen = await tx
    .select({ id: reservations.id, familyId: reservations.familyId, childId: reservations.childId, rank: reservations.waitlistRank, firstName: children.firstName, lastName: children.lastName })
    .from(reservations)
    .innerJoin(children, eq(children.id, reservations.childId))
    .where(and(waiting, eq(reservations.status, 'waitlisted')))
    .orderBy(asc(reservations.waitlistRank), asc(reservations.id))
    .limit(free);
  if (chosen.length === 0) return 0;

  const now = clock.now();
  await tx
    .update(reservations)
    .set({ status: 'confirmed', waitlistRank: null, updatedAt: now })
    .where(inArray(reservations.id, chosen.map((r) => r.id)));
  // The ranks behind move up to 1..n, keeping their order.
  await renumberWaitingList(tx, clock, activityDayId);

  const emails = await promotionEmails(tx, { date: day!.date, activityName: day!.activityName }, chosen);
  const audits = chosen.map((reservation) => ({
    action: 'reservation.promote',
    entityType: 'reservation',
    entityId: reservation.id,
    familyId: reservation.familyId,
    details: { date: day!.date, activityDayId, childId: reservation.childId, previousRank: reservation.rank },
  }));
  await Promise.all([recordAudit(tx, clock, systemActor, ...audits), queueEmails(tx, clock, emails)]);
  return chosen.length;
}

/**
 * Renumbers a day's waiting list 1..n, keeping its order (rank, then request id). Call it with the
 * day locked (level 2), after a request left the list or moved in it.
 */
export async function renumberWaitingList(tx: Db, clock: Clock, activityDayId: number): Promise<void> {
  await tx.execute(sql`
    update ${reservations} set waitlist_rank = ranked.rank, updated_at = ${clock.now().toISOString()}::timestamptz
    from (select id, row_number() over (order by waitlist_rank, id)::int as rank
          from ${reservations} where activity_day_id = ${activityDayId} and status = 'waitlisted') as ranked
    where ${reservations.id} = ranked.id and ${reservations.waitlistRank} <> ranked.rank`);
}

/** The "Une place s'est libérée" e-mails of promoted requests, one per guardian with an address. */
export async function promotionEmails(
  tx: Db,
  day: { date: IsoDate; activityName: string },
  promoted: { familyId: number; firstName: string; lastName: string }[],
): Promise<OutgoingEmail[]> {
  if (promoted.length === 0) return [];
  const familyIds = [...new Set(promoted.map((r) => r.familyId))];
  const guardians = await tx
    .select({ familyId: users.familyId, email: users.email, firstName: users.firstName })
    .from(users)
    .where(and(inArray(users.familyId, familyIds), eq(users.active, true), isNotNull(users.email)));
  const town = townName();
  return promoted.flatMap((reservation) =>
    guardians
      .filter((guardian) => guardian.familyId === reservation.familyId)
      .map((guardian) => ({
        to: guardian.email!,
        template: 'waiting-list-promoted' as const,
        familyId: reservation.familyId,
        props: { town, firstName: guardian.firstName, date: day.date, childName: `${reservation.lastName} ${reservation.firstName}`, activityName: day.activityName },
      })),
  );
}
