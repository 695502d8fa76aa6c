import { and, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary } from '@/lib/reservations/basket';
import { addTypicalWeek } from '@/lib/reservations/typical-week';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase, onPostgres } from '../support/db';
import { aBookingPeriod, anActivity, anActivityDay } from '../support/factories';
import { aFamilyWithChild } from '../support/reservations';

// Real PostgreSQL only: PGlite has a single connection, so nothing would run at the same time.
describe.skipIf(!onPostgres)('Semaine type under concurrency (PostgreSQL)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());

  const clock = fixedClock('2026-11-26T09:00:00Z');
  const WEDNESDAYS = ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23'];

  /**
   * Four Wednesdays (capacity 3, waiting list 5 each): 50 families each add « every Wednesday » at
   * once through the Semaine type, then all press "Valider" at once.
   */
  async function fiftyFamiliesAtOnce(unsafeWithoutLocking: boolean) {
    const activity = await anActivity(handle.db, { deadlineDays: 2, deadlineTime: '12:00' });
    const period = await aBookingPeriod(handle.db);
    const days = [];
    for (const date of WEDNESDAYS) days.push(await anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: period.id, date, capacity: 3, waitlistCapacity: 5 }));
    const families = await Promise.all(Array.from({ length: 50 }, () => aFamilyWithChild(handle.db)));
    const added = await Promise.all(
      families.map((family) =>
        addTypicalWeek(handle.db, clock, family.familyId, family.actor, { childId: family.child.id, activityId: activity.id, weekdays: [3], from: '2026-12-01', to: '2026-12-31' }),
      ),
    );
    expect(added.map((result) => result.ok && result.value.added)).toEqual(families.map(() => 4));
    const summaries = await Promise.all(families.map((family) => basketSummary(handle.db, clock, family.familyId)));
    const responses = await Promise.all(
      families.map((family, i) =>
        validateBasket(handle.db, clock, family.familyId, family.actor, { basketId: summaries[i]!.basketId!, version: summaries[i]!.version }, { unsafeWithoutLocking }),
      ),
    );
    for (const response of responses) if (!response.ok) throw new Error(response.message);
    const rows = await handle.db
      .select()
      .from(reservations)
      .where(and(inArray(reservations.activityDayId, days.map((day) => day.id)), inArray(reservations.status, ['pending', 'waitlisted'])));
    return days.map((day) => {
      const ofDay = rows.filter((row) => row.activityDayId === day.id);
      return {
        pending: ofDay.filter((row) => row.status === 'pending').length,
        ranks: ofDay.filter((row) => row.status === 'waitlisted').map((row) => row.waitlistRank).sort((a, b) => a! - b!),
      };
    });
  }

  it('never overbooks: each Wednesday gets exactly 3 places and waiting-list ranks 1 to 5', async () => {
    const perDay = await fiftyFamiliesAtOnce(false);
    expect(perDay).toEqual(WEDNESDAYS.map(() => ({ pending: 3, ranks: [1, 2, 3, 4, 5] })));
  });

  it('control: with the validation locks switched off, the same race overbooks', async () => {
    const perDay = await fiftyFamiliesAtOnce(true);
    expect(perDay.some((day) => day.pending > 3 || day.ranks.length > 5)).toBe(true);
  });

  it('adds a family’s pattern once when it is sent twice at once', async () => {
    const activity = await anActivity(handle.db);
    const period = await aBookingPeriod(handle.db);
    for (const date of WEDNESDAYS) await anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: period.id, date });
    const family = await aFamilyWithChild(handle.db);
    const input = { childId: family.child.id, activityId: activity.id, weekdays: [3], from: '2026-12-01', to: '2026-12-31' };
    const [first, second] = await Promise.all([
      addTypicalWeek(handle.db, clock, family.familyId, family.actor, input),
      addTypicalWeek(handle.db, clock, family.familyId, family.actor, input),
    ]);
    // The second waits for the first's basket lock, then finds every day already asked for.
    expect([first, second].map((result) => (result.ok ? result.value.added : result.message)).sort()).toEqual([4, 'Aucun de ces jours ne peut être demandé : voyez la raison de chacun ci-dessous.']);
    expect((await basketSummary(handle.db, clock, family.familyId)).additions).toHaveLength(4);
  });
});
