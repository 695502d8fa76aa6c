import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activities, activityDays } from '@/db/schema';
import { catalogCache, readCatalog } from '@/lib/activities/catalog';
import { updateOpeningDay } from '@/lib/activities/opening-days';
import { fixedClock } from '@/lib/clock';
import { createTestDatabase } from '../support/db';
import { anActivityDay, aUser } from '../support/factories';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const clock = fixedClock(new Date('2026-11-20T10:00:00Z'));
const dayOf = async (read: () => ReturnType<typeof readCatalog>, id: number) => (await read()).days.find((day) => day.id === id);

describe('the catalog kept per process', () => {
  it('serves the copy it read for its time to live, then reads the database again', async () => {
    let now = 1_000_000;
    const cache = catalogCache({ ttlMs: 15_000, now: () => now });
    const day = await anActivityDay(handle.db, { capacity: 10 });
    expect((await dayOf(() => cache.read(handle.db), day.id))?.capacity).toBe(10);

    // Changed behind the app's back (another instance, say): not seen until the copy expires.
    await handle.db.update(activityDays).set({ capacity: 14 }).where(eq(activityDays.id, day.id));
    await handle.db.update(activities).set({ name: 'Renommée' }).where(eq(activities.id, day.activityId));
    now += 14_999;
    expect((await dayOf(() => cache.read(handle.db), day.id))?.capacity).toBe(10);
    now += 1;
    const fresh = await cache.read(handle.db);
    expect(fresh.days.find((d) => d.id === day.id)?.capacity).toBe(14);
    expect(fresh.activities.get(day.activityId)?.name).toBe('Renommée');
  });

  it('reads the database again as soon as a staff change to an opening day is committed in this process', async () => {
    const cache = catalogCache({ ttlMs: 60_000, now: () => 5_000 });
    const admin = await aUser(handle.db, { role: 'admin' });
    const actor = { id: admin.id, role: 'admin' };
    const day = await anActivityDay(handle.db, { capacity: 10, waitlistCapacity: 5 });
    expect((await dayOf(() => cache.read(handle.db), day.id))?.capacity).toBe(10);

    const changed = await updateOpeningDay(handle.db, clock, actor, { activityDayId: day.id, capacity: 12, waitlistCapacity: 5, closed: false });
    expect(changed.ok).toBe(true);
    expect((await dayOf(() => cache.read(handle.db), day.id))?.capacity).toBe(12);

    const closed = await updateOpeningDay(handle.db, clock, actor, { activityDayId: day.id, capacity: 12, waitlistCapacity: 5, closed: true });
    expect(closed.ok).toBe(true);
    expect(await dayOf(() => cache.read(handle.db), day.id)).toBeUndefined();
  });

  it('is off under the tests: the app’s copy always reads the database', async () => {
    const day = await anActivityDay(handle.db, { capacity: 10 });
    expect((await dayOf(() => readCatalog(handle.db), day.id))?.capacity).toBe(10);
    await handle.db.update(activityDays).set({ capacity: 11 }).where(eq(activityDays.id, day.id));
    expect((await dayOf(() => readCatalog(handle.db), day.id))?.capacity).toBe(11);
  });
});
