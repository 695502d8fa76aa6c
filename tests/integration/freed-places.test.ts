import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activityDays, auditLog, reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { validateBasket } from '@/lib/reservations/validate';
import { daysWithFreedPlaces } from '@/lib/reservations/waiting-list';
import { createTestDatabase } from '../support/db';
import { aReservation } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** A day of capacity 1 whose place is held and one family waits. */
async function aFullDayWithAWaitingList(date: string) {
  const { day } = await anOpenDay(handle.db, { capacity: 1, waitlistCapacity: 3, date });
  const holder = await aFamilyWithChild(handle.db);
  const held = await aReservation(handle.db, { familyId: holder.familyId, childId: holder.child.id, activityDayId: day.id, status: 'confirmed' });
  const waiter = await aFamilyWithChild(handle.db);
  await aReservation(handle.db, { familyId: waiter.familyId, childId: waiter.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: 1 });
  return { day, holder, held };
}

const freedDayIds = async (from = '2026-12-01') => (await daysWithFreedPlaces(handle.db, from)).map((d) => d.activityDayId);

describe('days with freed places', () => {
  it('finds a day whose place was cancelled while someone waits', async () => {
    const { day, holder } = await aFullDayWithAWaitingList('2026-12-14');
    expect(await freedDayIds()).not.toContain(day.id);

    const clock = fixedClock('2026-11-26T09:00:00Z');
    await toggleBasketDay(handle.db, clock, holder.familyId, { childId: holder.child.id, activityDayId: day.id });
    const summary = await basketSummary(handle.db, clock, holder.familyId);
    expect(await validateBasket(handle.db, clock, holder.familyId, holder.actor, { basketId: summary.basketId!, version: summary.version })).toMatchObject({ ok: true });

    expect(await daysWithFreedPlaces(handle.db, '2026-12-01')).toContainEqual({
      activityDayId: day.id,
      activityId: day.activityId,
      date: '2026-12-14',
      capacity: 1,
      taken: 0,
      waiting: 1,
      freePlaces: 1,
    });
  });

  it('finds it from the reservations alone, with nothing in the audit log', async () => {
    const { day, held } = await aFullDayWithAWaitingList('2026-12-18');
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(eq(reservations.id, held.id));
    const records = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, String(held.id)));
    expect(records).toEqual([]);
    expect(await freedDayIds()).toContain(day.id);
  });

  it('finds a day whose capacity was raised while someone waits', async () => {
    const { day } = await aFullDayWithAWaitingList('2026-12-15');
    expect(await freedDayIds()).not.toContain(day.id);
    await handle.db.update(activityDays).set({ capacity: 3 }).where(eq(activityDays.id, day.id));
    expect(await daysWithFreedPlaces(handle.db, '2026-12-01')).toContainEqual(expect.objectContaining({ activityDayId: day.id, taken: 1, waiting: 1, freePlaces: 2 }));
  });

  it('leaves out full days, days nobody waits for, and days before the given date', async () => {
    const full = await aFullDayWithAWaitingList('2026-12-16');
    const { day: nobodyWaits } = await anOpenDay(handle.db, { capacity: 2, date: '2026-12-17' });
    const family = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: nobodyWaits.id, status: 'pending' });
    const past = await aFullDayWithAWaitingList('2026-12-02');
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(eq(reservations.id, past.held.id));

    const ids = await freedDayIds('2026-12-03');
    expect(ids).not.toContain(full.day.id);
    expect(ids).not.toContain(nobodyWaits.id);
    expect(ids).not.toContain(past.day.id);
    expect(await freedDayIds('2026-12-02')).toContain(past.day.id);
  });
});
