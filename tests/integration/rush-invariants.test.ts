import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activityDays, basketValidations, reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary } from '@/lib/reservations/basket';
import { validateBasket } from '@/lib/reservations/validate';
import { checkInvariants, type ParentRecord } from '../../bench/rush/invariants';
import { createTestDatabase } from '../support/db';
import { anActivityDay } from '../support/factories';
import { aBasketItem, aFamilyWithChild, anOpenDay } from '../support/reservations';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
// Each test starts from no request at all; the families and days of the earlier tests stay, idle.
beforeEach(async () => {
  await handle.db.execute(sql`delete from basket_items; delete from baskets; delete from basket_validations; delete from reservations`);
});

const clock = fixedClock('2026-11-26T09:00:00Z');

/**
 * A small rush, through the app's own validation: six families ask for a day with 2 places and 2
 * waiting (2 « Non transmis », 2 waiting, 2 refused); the first two also ask for a roomy day.
 */
async function aSmallRush() {
  const { day: tight, activity, period } = await anOpenDay(handle.db, { capacity: 2, waitlistCapacity: 2 });
  const roomy = await anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: period.id, date: '2026-12-10', capacity: 50, waitlistCapacity: 0 });
  const parents: ParentRecord[] = [];
  for (let i = 0; i < 6; i++) {
    const family = await aFamilyWithChild(handle.db);
    const days = i < 2 ? [tight.id, roomy.id] : [tight.id];
    for (const dayId of days) await aBasketItem(handle.db, family.familyId, family.child.id, dayId, 'add');
    const summary = await basketSummary(handle.db, clock, family.familyId);
    const response = await validateBasket(handle.db, clock, family.familyId, family.actor, { basketId: summary.basketId!, version: summary.version });
    if (!response.ok) throw new Error(response.message);
    clock.advance(1000);
    parents.push({ familyId: family.familyId, clicks: days.map((activityDayId) => ({ childId: family.child.id, activityDayId })), validated: true, validationId: response.value.validationId });
  }
  return { tight, roomy, parents };
}

const waiting = (dayId: number) =>
  handle.db.select().from(reservations).where(sql`${reservations.activityDayId} = ${dayId} and ${reservations.status} = 'waitlisted'`).orderBy(reservations.waitlistRank);

describe('the rush invariants', () => {
  it('find nothing wrong in what the validations of a rush leave', async () => {
    const { parents } = await aSmallRush();
    const found = await checkInvariants(handle.db, parents);
    expect(found.examples).toEqual([]);
    expect(found.count).toBe(0);
    expect(Object.keys(found.byCheck)).toHaveLength(13);
  });

  it('find a day over its capacity', async () => {
    const { tight, parents } = await aSmallRush();
    await handle.db.update(activityDays).set({ capacity: 1 }).where(eq(activityDays.id, tight.id));
    const found = await checkInvariants(handle.db, parents);
    expect(found.byCheck.dayOverCapacity).toBe(1);
    expect(found.examples[0]).toContain('2 places taken of 1');
  });

  it('find a waiting list longer than its size', async () => {
    const { tight, parents } = await aSmallRush();
    await handle.db.update(activityDays).set({ waitlistCapacity: 1 }).where(eq(activityDays.id, tight.id));
    expect((await checkInvariants(handle.db, parents)).byCheck.dayOverWaitingList).toBe(1);
  });

  it('find a gap in the waiting-list ranks', async () => {
    const { tight, parents } = await aSmallRush();
    const [, second] = await waiting(tight.id);
    await handle.db.update(reservations).set({ waitlistRank: 3 }).where(eq(reservations.id, second!.id));
    const found = await checkInvariants(handle.db, parents);
    expect(found.byCheck.ranksNotContiguous).toBe(1);
    expect(found.byCheck.ranksNotInRequestOrder).toBe(0);
  });

  it('find ranks that are not in the order of the requests', async () => {
    const { tight, parents } = await aSmallRush();
    const [first, second] = await waiting(tight.id);
    await handle.db.update(reservations).set({ waitlistRank: 2 }).where(eq(reservations.id, first!.id));
    await handle.db.update(reservations).set({ waitlistRank: 1 }).where(eq(reservations.id, second!.id));
    const found = await checkInvariants(handle.db, parents);
    expect(found.byCheck.ranksNotInRequestOrder).toBe(1);
    expect(found.byCheck.ranksNotContiguous).toBe(0);
  });

  it('find a request answered twice', async () => {
    const { parents } = await aSmallRush();
    const [first] = await handle.db.select().from(basketValidations).where(eq(basketValidations.id, parents[0]!.validationId!));
    await handle.db.insert(basketValidations).values({ familyId: first!.familyId, submissionKey: 'again', outcomes: first!.outcomes, validatedAt: first!.validatedAt });
    const found = await checkInvariants(handle.db, parents);
    expect(found.byCheck.requestAnsweredTwice).toBe(2);
    expect(found.count).toBe(2);
  });

  it('find a basket request with no answer, and a request left in the basket after validating', async () => {
    const { roomy, parents } = await aSmallRush();
    // The first family's validation loses the answer to its second request (the roomy day).
    await handle.db.execute(sql`update basket_validations set outcomes = outcomes - 1 where id = ${parents[0]!.validationId}`);
    let found = await checkInvariants(handle.db, parents);
    expect(found.byCheck.requestWithoutAnswer).toBe(1);
    expect(found.byCheck.reservationWithoutAnswer).toBe(1);
    expect(found.examples).toContain(`requestWithoutAnswer: family ${parents[0]!.familyId} validated (validation ${parents[0]!.validationId}) but child ${parents[0]!.clicks[1]!.childId}, day ${roomy.id} has no answer`);

    // Told only how many clicks the server accepted, the check counts the answers.
    const counted = parents.map((parent) => ({ ...parent, acceptedClicks: parent.clicks.length }));
    found = await checkInvariants(handle.db, counted);
    expect(found.byCheck.requestWithoutAnswer).toBe(1);
    expect(found.examples).toContain(`requestWithoutAnswer: family ${parents[0]!.familyId} validated (validation ${parents[0]!.validationId}): 2 clicks accepted, 1 answered`);

    await aBasketItem(handle.db, parents[2]!.familyId, parents[2]!.clicks[0]!.childId, roomy.id, 'add');
    found = await checkInvariants(handle.db, parents);
    expect(found.byCheck.requestLeftInBasket).toBe(1);
  });

  it('find an accepted request whose reservation is gone, and an answer to a day nobody clicked', async () => {
    const { tight, parents } = await aSmallRush();
    await handle.db.delete(reservations).where(sql`${reservations.activityDayId} = ${tight.id} and ${reservations.familyId} = ${parents[0]!.familyId}`);
    const found = await checkInvariants(handle.db, parents.map((parent, i) => (i === 5 ? { ...parent, clicks: [] } : parent)));
    expect(found.byCheck.acceptedWithoutReservation).toBe(1);
    expect(found.byCheck.answerToRequestNeverMade).toBe(1);
  });
});
