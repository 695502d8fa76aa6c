import crypto from 'node:crypto';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, calendarFeeds, children, reservations, users } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit/record';
import { addDays, parisInstant, parisToday, type Clock } from '@/lib/clock';
import { ok, refused, type Result } from '@/lib/result';
import { portalUrl } from '@/lib/town';
import { icsFeed } from './ics';
import { statusLabel } from './labels';

/**
 * « Agenda de mon téléphone »: a guardian's private iCalendar address listing the family's
 * children's days. The address holds a 32-byte random token; only its SHA-256 hash is stored, so
 * the address is shown once, when it is made. Turning the feed off or making a new address kills
 * the old one at once.
 *
 * Days listed: confirmed (« Réservée ») and pending (« Non transmis ») ones, and past days the
 * child attended (« Présent »), which stay in the phone's history. Waitlisted, refused,
 * cancelled and absent days are not in it. Days more than a year old are left out, so the feed
 * does not grow without end.
 */

const LISTED = ['confirmed', 'pending', 'attended'] as const;
const HISTORY_DAYS = 365;

const ALREADY_ON = 'Le lien d’agenda est déjà activé. Générez un nouveau lien si vous n’avez plus le précédent.';
const NOT_ON = 'Le lien d’agenda n’est pas activé.';

export type CalendarFeedStatus = { on: false } | { on: true; since: Date };

const hashFeedToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export type CalendarFeedLink = { https: string; webcal: string };

/** The address a phone subscribes to; `webcal:` asks the phone to open its calendar app with it. */
export function calendarFeedUrl(token: string): CalendarFeedLink {
  const https = `${portalUrl()}/api/agenda/${token}`;
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

export async function calendarFeedStatus(db: Db, userId: number): Promise<CalendarFeedStatus> {
  const [feed] = await db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  return feed ? { on: true, since: feed.createdAt } : { on: false };
}

interface FeedOwner {
  id: number;
  familyId: number;
}

const actorOf = (guardian: FeedOwner): Actor => ({ id: guardian.id, role: 'family' });

/** Turns the feed on; answers the token, to put in the address shown once. */
export async function enableCalendarFeed(db: Db, clock: Clock, guardian: FeedOwner): Promise<Result<{ token: string }>> {
  return db.transaction(async (tx) => {
    const token = crypto.randomBytes(32).toString('base64url');
    const [made] = await tx
      .insert(calendarFeeds)
      .values({ userId: guardian.id, tokenHash: hashFeedToken(token), createdAt: clock.now() })
      .onConflictDoNothing({ target: calendarFeeds.userId })
      .returning({ userId: calendarFeeds.userId });
    if (!made) return refused(ALREADY_ON);
    await recordAudit(tx, clock, actorOf(guardian), { action: 'calendar_feed.enabled', entityType: 'user', entityId: guardian.id, familyId: guardian.familyId });
    return ok({ token });
  });
}

/** A new address for the feed; the previous one stops working. */
export async function regenerateCalendarFeed(db: Db, clock: Clock, guardian: FeedOwner): Promise<Result<{ token: string }>> {
  return db.transaction(async (tx) => {
    const token = crypto.randomBytes(32).toString('base64url');
    const [replaced] = await tx
      .update(calendarFeeds)
      .set({ tokenHash: hashFeedToken(token), createdAt: clock.now() })
      .where(eq(calendarFeeds.userId, guardian.id))
      .returning({ userId: calendarFeeds.userId });
    if (!replaced) return refused(NOT_ON);
    await recordAudit(tx, clock, actorOf(guardian), { action: 'calendar_feed.regenerated', entityType: 'user', entityId: guardian.id, familyId: guardian.familyId });
    return ok({ token });
  });
}

/** Turns the feed off: its address answers 404 from now on. */
export async function disableCalendarFeed(db: Db, clock: Clock, guardian: FeedOwner): Promise<Result> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, guardian.id)).returning({ userId: calendarFeeds.userId });
    if (!removed) return refused(NOT_ON);
    await recordAudit(tx, clock, actorOf(guardian), { action: 'calendar_feed.disabled', entityType: 'user', entityId: guardian.id, familyId: guardian.familyId });
    return ok();
  });
}

/**
 * The feed behind a token, as iCalendar text; null for a token that is malformed, unknown
 * (never made, turned off, replaced) or whose guardian's account is no longer active.
 */
export async function calendarFeedByToken(db: Db, clock: Clock, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [owner] = await db
    .select({ familyId: users.familyId })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), eq(users.active, true), eq(users.role, 'family')));
  if (!owner?.familyId) return null;
  const rows = await db
    .select({
      reservationId: reservations.id,
      status: reservations.status,
      date: activityDays.date,
      activityName: activities.name,
      arrivalTime: activities.arrivalTime,
      departureTime: activities.departureTime,
      firstName: children.firstName,
      lastName: children.lastName,
    })
    .from(reservations)
    .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
    .innerJoin(activities, eq(activities.id, activityDays.activityId))
    .innerJoin(children, eq(children.id, reservations.childId))
    .where(
      and(
        eq(reservations.familyId, owner.familyId),
        inArray(reservations.status, [...LISTED]),
        gte(activityDays.date, addDays(parisToday(clock), -HISTORY_DAYS)),
      ),
    )
    .orderBy(asc(activityDays.date), asc(activities.arrivalTime), asc(reservations.id));
  return icsFeed({
    name: 'Compte Famille — réservations',
    stamp: clock.now(),
    events: rows.map((row) => {
      const arrival = row.arrivalTime.slice(0, 5);
      const departure = row.departureTime.slice(0, 5);
      return {
        uid: `reservation-${row.reservationId}@compte-famille`,
        start: parisInstant(row.date, arrival),
        end: parisInstant(row.date, departure),
        summary: `${row.activityName} — ${row.firstName}`,
        description: `${row.lastName} ${row.firstName}\nStatut : ${statusLabel(row.status, null)}\nArrivée ${arrival}, départ ${departure}`,
        status: row.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
      };
    }),
  });
}
