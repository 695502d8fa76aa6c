import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DbHandle } from '@/db/client';
import { activities } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { decideAddition, type AddDecision } from '@/lib/reservations/rules';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase } from '../support/db';
import { aChild, aGuardian, aReservation } from '../support/factories';
import { anOpenDay } from '../support/reservations';

// « Valider » decides the places inside the database (validate_basket, migration 0018); the recap
// forecasts them with decideAddition. These properties hold them to one rule.
describe('the capacity rule in the database and in decideAddition', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());

  const counts = fc.record({
    taken: fc.integer({ min: 0, max: 12 }),
    waiting: fc.integer({ min: 0, max: 8 }),
    capacity: fc.integer({ min: 0, max: 10 }),
    waitlistCapacity: fc.integer({ min: 0, max: 6 }),
    insidePromotionLead: fc.boolean(),
  });
  const open = { activityActive: true, windowOpen: true, windowOpensLater: false, eligible: true, pastDeadline: false, overlap: null };
  type Counts = typeof counts extends fc.Arbitrary<infer T> ? T : never;
  const inDatabase = async (cases: Counts[]) => {
    const rows = rowsOf<{ decision: { result: 'pending' | 'waitlisted' | 'refused'; rank?: number } | string }>(
      await handle.db.execute(sql`
        select reservation_capacity_decision((c->>'taken')::int, (c->>'waiting')::int, (c->>'capacity')::int, (c->>'waitlistCapacity')::int, (c->>'insidePromotionLead')::boolean) as decision
        from jsonb_array_elements(${JSON.stringify(cases)}::jsonb) with ordinality as t(c, n) order by n`),
    );
    return rows.map(({ decision }) => (typeof decision === 'string' ? JSON.parse(decision) : decision) as { result: string; rank?: number });
  };
  const comparable = (decision: AddDecision) => (decision.result === 'waitlisted' ? { result: 'waitlisted', rank: decision.rank } : { result: decision.result });

  it('decides every combination of counts and capacities as decideAddition does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(counts, { minLength: 1, maxLength: 50 }), async (cases) => {
        expect(await inDatabase(cases)).toEqual(cases.map((facts) => comparable(decideAddition({ ...open, ...facts }))));
      }),
      { numRuns: 100 },
    );
  });

  const clock = fixedClock('2026-11-26T09:00:00Z');
  let scenario = 0;

  it('validates a basket of several children on one day exactly as the recap forecast it, whatever the day holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          capacity: fc.integer({ min: 0, max: 4 }),
          waitlistCapacity: fc.integer({ min: 0, max: 3 }),
          taken: fc.integer({ min: 0, max: 5 }),
          waiting: fc.integer({ min: 0, max: 3 }),
          insidePromotionLead: fc.boolean(),
          asking: fc.integer({ min: 1, max: 4 }),
          // One of the family's children already holds the day and asks to cancel it.
          cancelling: fc.constantFrom(null, 'pending' as const, 'waitlisted' as const),
        }),
        async (day) => {
          scenario++;
          const { activity, day: openDay } = await anOpenDay(handle.db, { date: '2026-12-09', capacity: day.capacity, waitlistCapacity: day.waitlistCapacity });
          // The day is 13 days away: a lead of 20 days puts it inside, 2 days outside.
          await handle.db.update(activities).set({ promotionLeadDays: day.insidePromotionLead ? 20 : 2 }).where(eq(activities.id, activity.id));
          const others = await aGuardian(handle.db);
          for (let i = 0; i < day.taken + day.waiting; i++) {
            const child = await aChild(handle.db, others.familyId!, { firstName: `Autre${i}`, birthDate: '2022-06-15' });
            const waitlisted = i >= day.taken;
            await aReservation(handle.db, {
              familyId: others.familyId!,
              childId: child.id,
              activityDayId: openDay.id,
              status: waitlisted ? 'waitlisted' : 'pending',
              waitlistRank: waitlisted ? i - day.taken + 1 : null,
            });
          }
          const guardian = await aGuardian(handle.db);
          const familyId = guardian.familyId!;
          if (day.cancelling) {
            const child = await aChild(handle.db, familyId, { firstName: `Annule${scenario}`, birthDate: '2022-06-15' });
            const rank = day.cancelling === 'waitlisted' ? day.waiting + 1 : null;
            await aReservation(handle.db, { familyId, childId: child.id, activityDayId: openDay.id, status: day.cancelling, waitlistRank: rank });
            expect((await toggleBasketDay(handle.db, clock, familyId, { childId: child.id, activityDayId: openDay.id })).ok).toBe(true);
          }
          for (let i = 0; i < day.asking; i++) {
            const child = await aChild(handle.db, familyId, { firstName: `Enfant${i}`, birthDate: '2022-06-15' });
            // A click on a full day is refused: then the child asks nothing.
            await toggleBasketDay(handle.db, clock, familyId, { childId: child.id, activityDayId: openDay.id });
          }
          const summary = await basketSummary(handle.db, clock, familyId);
          if (summary.basketId === null) return;
          const forecast = [...summary.removals, ...summary.additions].map((line) => ({ action: line.action, childName: line.childName, ...line.forecast }));

          const result = await validateBasket(handle.db, clock, familyId, { id: guardian.id, role: 'family' }, { basketId: summary.basketId, version: summary.version });
          if (!result.ok) throw new Error(result.message);
          const outcomes = result.value.outcomes.map(({ action, childName, result: decided, waitlistRank, reason }) => ({ action, childName, result: decided, waitlistRank, reason }));
          expect(outcomes).toEqual(expect.arrayContaining(forecast));
          expect(outcomes).toHaveLength(forecast.length);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
