import type { Db } from '@/db/client';
import { activityDays, basketItems, baskets } from '@/db/schema';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay } from './factories';

/** An open booking period on 2026-12, an activity for 3-6 year-olds and one of its days. */
export async function anOpenDay(db: Db, options: { capacity?: number; waitlistCapacity?: number; date?: string } = {}) {
  const activity = await anActivity(db, { unitPriceCents: 475, deadlineDays: 2, deadlineTime: '12:00' });
  const period = await aBookingPeriod(db, {
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    opensAt: new Date('2026-11-01T07:00:00Z'),
    closesAt: new Date('2026-12-31T22:00:00Z'),
  });
  const day = await anActivityDay(db, {
    activityId: activity.id,
    bookingPeriodId: period.id,
    date: options.date ?? '2026-12-09',
    capacity: options.capacity ?? 10,
    waitlistCapacity: options.waitlistCapacity ?? 5,
  });
  return { activity, period, day };
}

/** A family with a 4-year-old child and its guardian. */
export async function aFamilyWithChild(db: Db) {
  const guardian = await aGuardian(db);
  const child = await aChild(db, guardian.familyId!, { birthDate: '2022-06-15' });
  return { guardian, child, familyId: guardian.familyId!, actor: { id: guardian.id, role: 'family' } };
}

/** Puts a request straight into a family's basket, as a forged form could. */
export async function aBasketItem(db: Db, familyId: number, childId: number, activityDayId: number, action: 'add' | 'remove') {
  const [basket] = await db
    .insert(baskets)
    .values({ familyId })
    .onConflictDoUpdate({ target: baskets.familyId, set: { familyId } })
    .returning();
  await db.insert(basketItems).values({ basketId: basket!.id, childId, activityDayId, action });
  return basket!;
}

/**
 * The morning bookings open: `count` families, each with a basket asking for the same four days of
 * one activity (capacity 60, waiting list 20), ready to validate.
 */
export async function aRushOfBaskets(db: Db, count: number) {
  const activity = await anActivity(db, { unitPriceCents: 475 });
  const period = await aBookingPeriod(db);
  const days: (typeof activityDays.$inferSelect)[] = [];
  for (const date of ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23']) {
    days.push(await anActivityDay(db, { activityId: activity.id, bookingPeriodId: period.id, date, capacity: 60, waitlistCapacity: 20 }));
  }
  for (let start = 0; start < count; start += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, count - start) }, async () => {
        const { familyId, child } = await aFamilyWithChild(db);
        const [basket] = await db.insert(baskets).values({ familyId }).returning();
        await db.insert(basketItems).values(days.map((day) => ({ basketId: basket!.id, childId: child.id, activityDayId: day.id, action: 'add' as const })));
      }),
    );
  }
  return days;
}
