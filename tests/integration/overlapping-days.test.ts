import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { calendarView } from '@/lib/reservations/calendar';
import { LIVE_STATUSES } from '@/lib/reservations/facts';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase, onPostgres } from '../support/db';
import { aBookingPeriod, anActivity, anActivityDay, aReservation } from '../support/factories';
import { aBasketItem, aFamilyWithChild } from '../support/reservations';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

const clock = () => fixedClock('2026-11-26T09:00:00Z');
const DATE = '2026-12-09';

/** The morning, the whole day and the afternoon of the 3-6 year-olds, each open on 9 December. */
async function aMorningADayAndAnAfternoon() {
  const period = await aBookingPeriod(handle.db);
  const open = async (name: string, arrivalTime: string, departureTime: string) => {
    const activity = await anActivity(handle.db, { name, arrivalTime, departureTime });
    const day = await anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: period.id, date: DATE });
    return { activity, day };
  };
  return {
    morning: await open('ALSH 3-6 ans Matin', '08:30', '12:00'),
    wholeDay: await open('ALSH 3-6 ans Journée', '08:30', '17:30'),
    afternoon: await open('ALSH 3-6 ans Après-midi', '12:00', '17:30'),
  };
}

type Family = Awaited<ReturnType<typeof aFamilyWithChild>>;

const click = (family: Family, activityDayId: number) => toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId });

async function validate(family: Family) {
  const summary = await basketSummary(handle.db, clock(), family.familyId);
  if (summary.basketId === null) return null;
  return validateBasket(handle.db, clock(), family.familyId, family.actor, { basketId: summary.basketId, version: summary.version });
}

/** The child's live reservations on the date, by activity day. */
async function liveDays(family: Family, dayIds: number[]) {
  const rows = await handle.db
    .select({ activityDayId: reservations.activityDayId })
    .from(reservations)
    .where(and(eq(reservations.childId, family.child.id), inArray(reservations.activityDayId, dayIds), inArray(reservations.status, [...LIVE_STATUSES])));
  return rows.map((row) => row.activityDayId).sort((a, b) => a - b);
}

const whole = (family: Family) => `${family.child.lastName} ${family.child.firstName} est déjà inscrit ce jour-là à ALSH 3-6 ans Journée (08:30–17:30).`;

describe('one child in one place at a time', () => {
  it('refuses the morning at click once the child has the whole day, and the calendar shows that day « déjà réservé sur » the whole day', async () => {
    const { morning, wholeDay } = await aMorningADayAndAnAfternoon();
    const family = await aFamilyWithChild(handle.db);
    expect(await click(family, wholeDay.day.id)).toEqual({ ok: true, value: 'add' });
    expect((await validate(family))?.ok).toBe(true);

    expect(await click(family, morning.day.id)).toEqual({ ok: false, message: whole(family) });
    const view = await calendarView(handle.db, clock(), family.familyId, { childId: family.child.id, activityId: morning.activity.id, month: '2026-12' });
    expect(view.ok && view.value.days.find((day) => day.date === DATE)).toMatchObject({
      state: 'elsewhere',
      clickable: false,
      reason: whole(family),
      overlap: { kind: 'reserved', slot: { activityName: 'ALSH 3-6 ans Journée', arrivalTime: '08:30', departureTime: '17:30' } },
    });
    expect(await liveDays(family, [morning.day.id, wholeDay.day.id])).toEqual([wholeDay.day.id]);
  });

  it('refuses the morning at click while the whole day waits in the basket, saying so', async () => {
    const { morning, wholeDay } = await aMorningADayAndAnAfternoon();
    const family = await aFamilyWithChild(handle.db);
    await click(family, wholeDay.day.id);
    const refusal = await click(family, morning.day.id);
    expect(refusal).toEqual({
      ok: false,
      message: `${family.child.lastName} ${family.child.firstName} a déjà une demande ce jour-là pour ALSH 3-6 ans Journée (08:30–17:30) dans vos demandes à valider.`,
    });
    const view = await calendarView(handle.db, clock(), family.familyId, { childId: family.child.id, activityId: morning.activity.id, month: '2026-12' });
    expect(view.ok && view.value.days.find((day) => day.date === DATE)).toMatchObject({ state: 'elsewhere', overlap: { kind: 'requested' } });
  });

  it('lets a morning and an afternoon that touch at noon be reserved together', async () => {
    const { morning, afternoon } = await aMorningADayAndAnAfternoon();
    const family = await aFamilyWithChild(handle.db);
    expect(await click(family, morning.day.id)).toEqual({ ok: true, value: 'add' });
    expect(await click(family, afternoon.day.id)).toEqual({ ok: true, value: 'add' });
    const result = await validate(family);
    expect(result?.ok && result.value.outcomes.map((o) => o.result)).toEqual(['pending', 'pending']);
    expect(await liveDays(family, [morning.day.id, afternoon.day.id])).toEqual([morning.day.id, afternoon.day.id]);
  });

  it('refuses at validation a forged basket asking for the morning and the whole day, as the recap forecast it', async () => {
    const { morning, wholeDay } = await aMorningADayAndAnAfternoon();
    const family = await aFamilyWithChild(handle.db);
    await aBasketItem(handle.db, family.familyId, family.child.id, morning.day.id, 'add');
    await aBasketItem(handle.db, family.familyId, family.child.id, wholeDay.day.id, 'add');

    const summary = await basketSummary(handle.db, clock(), family.familyId);
    expect(summary.additions.map((line) => [line.activityName, line.forecast.result, line.forecast.reason])).toEqual([
      ['ALSH 3-6 ans Journée', 'pending', null],
      ['ALSH 3-6 ans Matin', 'refused', whole(family)],
    ]);
    expect(summary.additionsTotalCents).toBe(475);

    const result = await validate(family);
    expect(result?.ok && result.value.outcomes.map((o) => [o.activityName, o.result, o.reason])).toEqual([
      ['ALSH 3-6 ans Journée', 'pending', null],
      ['ALSH 3-6 ans Matin', 'refused', whole(family)],
    ]);
    expect(result?.ok && result.value.acceptedCostCents).toBe(475);
    expect(await liveDays(family, [morning.day.id, wholeDay.day.id])).toEqual([wholeDay.day.id]);
  });

  it('refuses at validation a forged request for the morning of a child who has the whole day', async () => {
    const { morning, wholeDay } = await aMorningADayAndAnAfternoon();
    const family = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: wholeDay.day.id, status: 'pending' });
    await aBasketItem(handle.db, family.familyId, family.child.id, morning.day.id, 'add');
    const result = await validate(family);
    expect(result?.ok && result.value.outcomes).toMatchObject([{ activityName: 'ALSH 3-6 ans Matin', result: 'refused', reason: whole(family) }]);
    expect(await liveDays(family, [morning.day.id, wholeDay.day.id])).toEqual([wholeDay.day.id]);
  });

  it('lets the whole day be given back for the morning in one basket', async () => {
    const { morning, wholeDay } = await aMorningADayAndAnAfternoon();
    const family = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: wholeDay.day.id, status: 'confirmed' });
    expect(await click(family, wholeDay.day.id)).toEqual({ ok: true, value: 'remove' });
    expect(await click(family, morning.day.id)).toEqual({ ok: true, value: 'add' });
    const result = await validate(family);
    expect(result?.ok && result.value.outcomes.map((o) => [o.activityName, o.result])).toEqual([
      ['ALSH 3-6 ans Journée', 'cancelled'],
      ['ALSH 3-6 ans Matin', 'pending'],
    ]);
    expect(await liveDays(family, [morning.day.id, wholeDay.day.id])).toEqual([morning.day.id]);
  });
});

// Real PostgreSQL only: PGlite has a single connection, so nothing would run at the same time.
describe.skipIf(!onPostgres)('two tabs of one family at once (PostgreSQL)', () => {
  /**
   * Tab 1 shows the recap of the morning and presses « Valider »; at the same instant tab 2 asks
   * for the whole day (by a click, or by a forged form that skips the click's check) and validates.
   */
  async function twoTabs(secondTab: 'click' | 'forged') {
    const { morning, wholeDay } = await aMorningADayAndAnAfternoon();
    const families = await Promise.all(Array.from({ length: 8 }, () => aFamilyWithChild(handle.db)));
    for (const family of families) await click(family, morning.day.id);
    const recaps = await Promise.all(families.map((family) => basketSummary(handle.db, clock(), family.familyId)));
    await Promise.all(
      families.flatMap((family, index) => [
        validateBasket(handle.db, clock(), family.familyId, family.actor, { basketId: recaps[index]!.basketId!, version: recaps[index]!.version }),
        (async () => {
          if (secondTab === 'click') await click(family, wholeDay.day.id);
          // In one transaction, as a forged form posted to a click's action would be: the basket row stays locked until the item is in.
          else await handle.db.transaction((tx) => aBasketItem(tx, family.familyId, family.child.id, wholeDay.day.id, 'add'));
          return validate(family);
        })(),
      ]),
    );
    return Promise.all(families.map((family) => liveDays(family, [morning.day.id, wholeDay.day.id])));
  }

  it('reserves exactly one of the morning and the whole day when the second tab clicks', async () => {
    for (const days of await twoTabs('click')) expect(days).toHaveLength(1);
  });

  it('reserves exactly one of the morning and the whole day when the second tab sends a forged form', async () => {
    for (const days of await twoTabs('forged')) expect(days).toHaveLength(1);
  });
});
