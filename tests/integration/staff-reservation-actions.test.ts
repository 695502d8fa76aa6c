// First: it stands in for what a request gives the app (the session, `after`), before the app is imported.
import { state } from '../support/next-mocks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activities, jobRuns, outboundEmails, reservations } from '@/db/schema';
import { createTestDatabase } from '../support/db';
import { aReservation, aUser } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';
import { sessionOf } from '../support/session';

const { cancelReservationAction, refuseRequestAction } = await import('@/app/admin/reservations/actions');

const now = '2026-11-26T10:00:00Z';
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-staff-cancel-'));
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  state.session = sessionOf(await aUser(handle.db, { role: 'agent' }));
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(mailDir, { recursive: true, force: true });
});
beforeEach(async () => {
  vi.stubEnv('COMPTE_FAMILLE_NOW', now);
  vi.stubEnv('MAIL_DIR', mailDir);
  vi.stubEnv('INNGEST_EVENT_KEY', '');
  vi.stubEnv('INNGEST_SIGNING_KEY', '');
  state.afterWork = [];
  await handle.db.delete(jobRuns);
});
afterEach(() => vi.unstubAllEnvs());

/** A day of capacity 1: one family holds the place (`held`), two wait at ranks 1 and 2. */
async function aFullDayWithTwoWaiting(held: 'pending' | 'confirmed') {
  const { day, activity } = await anOpenDay(handle.db, { capacity: 1, waitlistCapacity: 5, date: '2026-12-09' });
  const holder = await aFamilyWithChild(handle.db);
  const place = await aReservation(handle.db, { familyId: holder.familyId, childId: holder.child.id, activityDayId: day.id, status: held });
  const first = await aFamilyWithChild(handle.db);
  const rank1 = await aReservation(handle.db, { familyId: first.familyId, childId: first.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: 1 });
  const second = await aFamilyWithChild(handle.db);
  const rank2 = await aReservation(handle.db, { familyId: second.familyId, childId: second.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: 2 });
  return { day, activity, place, first, rank1, rank2 };
}

const form = (reservationId: number) => {
  const data = new FormData();
  data.set('reservationId', String(reservationId));
  return data;
};

const statuses = (ids: number[]) =>
  handle.db.select({ id: reservations.id, status: reservations.status, waitlistRank: reservations.waitlistRank }).from(reservations).where(inArray(reservations.id, ids)).orderBy(asc(reservations.id));

describe('a place freed by the town is offered to the waiting list at once, as after a family cancellation', () => {
  it('cancelling a reservation promotes rank 1 right after the response and e-mails its family', async () => {
    const day = await aFullDayWithTwoWaiting('confirmed');
    expect(await cancelReservationAction({}, form(day.place.id))).toEqual({ ok: true, message: 'La réservation est annulée.' });
    await Promise.all(state.afterWork);
    expect(await statuses([day.place.id, day.rank1.id, day.rank2.id])).toEqual([
      { id: day.place.id, status: 'cancelled', waitlistRank: null },
      { id: day.rank1.id, status: 'confirmed', waitlistRank: null },
      { id: day.rank2.id, status: 'waitlisted', waitlistRank: 1 },
    ]);
    const emails = await handle.db.select({ familyId: outboundEmails.familyId }).from(outboundEmails).where(and(eq(outboundEmails.template, 'waiting-list-promoted'), eq(outboundEmails.familyId, day.first.familyId)));
    expect(emails).toHaveLength(1);
    expect(await handle.db.select({ trigger: jobRuns.trigger }).from(jobRuns).where(eq(jobRuns.job, 'promoteWaitingLists'))).toEqual([{ trigger: 'cancellation' }]);
  });

  it('refusing a pending request of a manual activity does the same', async () => {
    const day = await aFullDayWithTwoWaiting('pending');
    await handle.db.update(activities).set({ approval: 'manual' }).where(eq(activities.id, day.activity.id));
    expect(await refuseRequestAction({}, form(day.place.id))).toEqual({ ok: true, message: 'La demande est refusée.' });
    await Promise.all(state.afterWork);
    expect(await statuses([day.place.id, day.rank1.id, day.rank2.id])).toEqual([
      { id: day.place.id, status: 'refused', waitlistRank: null },
      { id: day.rank1.id, status: 'confirmed', waitlistRank: null },
      { id: day.rank2.id, status: 'waitlisted', waitlistRank: 1 },
    ]);
  });
});
