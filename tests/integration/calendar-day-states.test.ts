import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { fixedClock } from '@/lib/clock';
import { calendarView } from '@/lib/reservations/calendar';
import { createTestDatabase } from '../support/db';
import { aChild, anActivityDay, aReservation } from '../support/factories';
import { aBasketItem, aFamilyWithChild, anOpenDay } from '../support/reservations';

// The month calendar reads, for every day it shows, the places taken, the waiting list, the child's
// own reservation and the basket's request: each must be the day's own, fresh, and the child's only.
const clock = fixedClock('2026-11-26T10:00:00Z');

let handle: DbHandle;
let family: Awaited<ReturnType<typeof aFamilyWithChild>>;
let open: Awaited<ReturnType<typeof anOpenDay>>;
const days: Record<string, number> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  family = await aFamilyWithChild(db);
  const sister = await aChild(db, family.familyId, { firstName: 'Sœur', birthDate: '2022-02-01' });
  open = await anOpenDay(db, { date: '2026-12-02', capacity: 2, waitlistCapacity: 1 });
  days.free = open.day.id;
  const day = async (date: string, capacity = 2, waitlistCapacity = 1) =>
    (await anActivityDay(db, { activityId: open.activity.id, bookingPeriodId: open.period.id, date, capacity, waitlistCapacity })).id;
  days.waitlistOpen = await day('2026-12-03');
  days.full = await day('2026-12-04');
  days.booked = await day('2026-12-07');
  days.waitlisted = await day('2026-12-08', 1, 5);
  days.requested = await day('2026-12-09');
  days.sisters = await day('2026-12-10');

  const others = [await aFamilyWithChild(db), await aFamilyWithChild(db), await aFamilyWithChild(db)];
  const byOther = (index: number, activityDayId: number, status: 'confirmed' | 'pending' | 'waitlisted' | 'cancelled' | 'refused', waitlistRank?: number) =>
    aReservation(db, { familyId: others[index]!.familyId, childId: others[index]!.child.id, activityDayId, status, ...(waitlistRank ? { waitlistRank } : {}) });
  // Cancelled and refused requests take no place.
  await byOther(0, days.free, 'cancelled');
  await byOther(1, days.free, 'refused');
  await byOther(0, days.waitlistOpen, 'confirmed');
  await byOther(1, days.waitlistOpen, 'pending');
  await byOther(0, days.full, 'confirmed');
  await byOther(1, days.full, 'confirmed');
  await byOther(2, days.full, 'waitlisted', 1);
  await aReservation(db, { familyId: family.familyId, childId: family.child.id, activityDayId: days.booked, status: 'confirmed' });
  await byOther(0, days.waitlisted, 'confirmed');
  await byOther(1, days.waitlisted, 'waitlisted', 1);
  await byOther(2, days.waitlisted, 'waitlisted', 2);
  await aReservation(db, { familyId: family.familyId, childId: family.child.id, activityDayId: days.waitlisted, status: 'waitlisted', waitlistRank: 3 });
  await aBasketItem(db, family.familyId, family.child.id, days.requested, 'add');
  // The sister's reservation and request are hers, not her brother's.
  await aReservation(db, { familyId: family.familyId, childId: sister.id, activityDayId: days.sisters, status: 'confirmed' });
  await aBasketItem(db, family.familyId, sister.id, days.free, 'add');
});

afterAll(async () => {
  await handle.close();
});

describe('calendarView: each day’s state from its own counts, the child’s own reservation and the basket', () => {
  it('gives every day of the month the state its reservations and the basket make', async () => {
    const view = await calendarView(handle.db, clock, family.familyId, { childId: family.child.id, activityId: open.activity.id, month: '2026-12' });
    if (!view.ok) throw new Error(view.message);
    const byId = new Map(view.value.days.map((day) => [day.activityDayId, day]));
    const summary = (id: number) => {
      const day = byId.get(id)!;
      return { state: day.state, waitlistRank: day.waitlistRank, basket: day.basket };
    };
    expect(summary(days.free!)).toEqual({ state: 'available', waitlistRank: null, basket: null });
    expect(summary(days.waitlistOpen!)).toEqual({ state: 'waitlistOpen', waitlistRank: null, basket: null });
    expect(summary(days.full!)).toEqual({ state: 'full', waitlistRank: null, basket: null });
    expect(summary(days.booked!)).toEqual({ state: 'booked', waitlistRank: null, basket: null });
    expect(summary(days.waitlisted!)).toEqual({ state: 'waitlisted', waitlistRank: 3, basket: null });
    expect(summary(days.requested!)).toEqual({ state: 'available', waitlistRank: null, basket: 'add' });
    expect(summary(days.sisters!)).toEqual({ state: 'available', waitlistRank: null, basket: null });
  });

  it('shows a place taken since the last look at once', async () => {
    const before = await calendarView(handle.db, clock, family.familyId, { childId: family.child.id, activityId: open.activity.id, month: '2026-12' });
    expect(before.ok && before.value.days.find((day) => day.activityDayId === days.requested)?.state).toBe('available');
    const late = await aFamilyWithChild(handle.db);
    const other = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: late.familyId, childId: late.child.id, activityDayId: days.requested!, status: 'pending' });
    await aReservation(handle.db, { familyId: other.familyId, childId: other.child.id, activityDayId: days.requested!, status: 'confirmed' });
    const after = await calendarView(handle.db, clock, family.familyId, { childId: family.child.id, activityId: open.activity.id, month: '2026-12' });
    expect(after.ok && after.value.days.find((day) => day.activityDayId === days.requested)?.state).toBe('waitlistOpen');
  });
});
