import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase, onPostgres } from '../support/db';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

// Real PostgreSQL only: PGlite has a single connection, so nothing would run at the same time.
describe.skipIf(!onPostgres)('validation under concurrency (PostgreSQL)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());

  const clock = fixedClock('2026-11-26T09:00:00Z');

  /** 50 families each ask for the same day (capacity 3, waiting list 5), then all press "Valider" at once. */
  async function fiftyFamiliesAtOnce(unsafeWithoutLocking: boolean) {
    const { day } = await anOpenDay(handle.db, { capacity: 3, waitlistCapacity: 5 });
    const families = [];
    for (let i = 0; i < 50; i++) {
      const family = await aFamilyWithChild(handle.db);
      await toggleBasketDay(handle.db, clock, family.familyId, { childId: family.child.id, activityDayId: day.id });
      families.push({ ...family, summary: await basketSummary(handle.db, clock, family.familyId) });
    }
    const responses = await Promise.all(
      families.map((family) =>
        validateBasket(
          handle.db,
          clock,
          family.familyId,
          family.actor,
          { basketId: family.summary.basketId!, version: family.summary.version },
          { unsafeWithoutLocking },
        ),
      ),
    );
    const outcomes = responses.map((response) => {
      if (!response.ok) throw new Error(response.message);
      return response.value.outcomes[0]!;
    });
    const rows = await handle.db
      .select()
      .from(reservations)
      .where(and(eq(reservations.activityDayId, day.id), inArray(reservations.status, ['pending', 'waitlisted'])))
      .orderBy(reservations.id);
    return { outcomes, rows };
  }

  it('gives exactly 3 places, 5 waiting-list ranks in request order and 42 refusals, none lost', async () => {
    const { outcomes, rows } = await fiftyFamiliesAtOnce(false);
    const count = (result: string) => outcomes.filter((o) => o.result === result).length;
    expect([count('pending'), count('waitlisted'), count('refused')]).toEqual([3, 5, 42]);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(3);
    // Ranks 1–5, given in the order the requests were recorded.
    expect(rows.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistRank)).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.filter((o) => o.result === 'waitlisted').map((o) => o.waitlistRank).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('control: with the locks switched off, the same race overbooks', async () => {
    const { rows } = await fiftyFamiliesAtOnce(true);
    const pending = rows.filter((r) => r.status === 'pending').length;
    const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
    expect(pending > 3 || waitlisted > 5).toBe(true);
  });

  it('gives each day once when one family submits its basket from two tabs at once', async () => {
    const first = await anOpenDay(handle.db, { capacity: 5 });
    const second = await anOpenDay(handle.db, { capacity: 5, date: '2026-12-16' });
    const family = await aFamilyWithChild(handle.db);
    await toggleBasketDay(handle.db, clock, family.familyId, { childId: family.child.id, activityDayId: first.day.id });
    await toggleBasketDay(handle.db, clock, family.familyId, { childId: family.child.id, activityDayId: second.day.id });
    const summary = await basketSummary(handle.db, clock, family.familyId);
    const input = { basketId: summary.basketId!, version: summary.version };
    const [tabA, tabB] = await Promise.all([
      validateBasket(handle.db, clock, family.familyId, family.actor, input),
      validateBasket(handle.db, clock, family.familyId, family.actor, input),
    ]);
    expect(tabA.ok && tabB.ok).toBe(true);
    expect(tabA.ok && tabB.ok && tabA.value.validationId === tabB.value.validationId).toBe(true);
    const rows = await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId));
    expect(rows.map((r) => r.activityDayId).sort()).toEqual([first.day.id, second.day.id].sort());
  });
});
