import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { activities, activityDays, reservations } from '@/db/schema';
import { recordAudit, systemActor } from '@/lib/audit/record';
import type { Clock } from '@/lib/clock';

export interface TransmitReport {
  transmitted: number;
}

/**
 * The overnight transmission: the requests still « Non transmis » (`pending`) of activities in
 * automatic approval become « Réservée » (`confirmed`), stamped with the time of transmission;
 * those of manual-approval activities wait for a staff decision.
 *
 * One UPDATE whose WHERE names the status it changes: run twice, or twice at once, the second finds
 * nothing pending (PostgreSQL re-checks the WHERE of a row another transaction changed once it
 * commits) and changes nothing. A pending request keeps its place in the day's capacity, so
 * confirming it needs no capacity check and no lock. The audit line is written only when something
 * was transmitted, in the same transaction.
 */
export async function transmitRequests(db: Db, clock: Clock): Promise<TransmitReport> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const automaticDays = tx
      .select({ id: activityDays.id })
      .from(activityDays)
      .innerJoin(activities, eq(activities.id, activityDays.activityId))
      .where(eq(activities.approval, 'automatic'));
    const transmitted = await tx
      .update(reservations)
      .set({ status: 'confirmed', transmittedAt: now, updatedAt: now })
      .where(and(eq(reservations.status, 'pending'), inArray(reservations.activityDayId, automaticDays)))
      .returning({ id: reservations.id });
    if (transmitted.length > 0) {
      await recordAudit(tx, clock, systemActor, {
        action: 'reservations.transmit',
        entityType: 'reservation',
        details: { count: transmitted.length },
      });
    }
    return { transmitted: transmitted.length };
  });
}
