import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, basketItems, baskets, reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { REASONS } from '@/lib/reservations/rules';
import { addTypicalWeek, TYPICAL_WEEK_REASONS, typicalWeekForm, typicalWeekPlan } from '@/lib/reservations/typical-week';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aChild, anActivity, anActivityDay, aReservation } from '../support/factories';
import { aFamilyWithChild } from '../support/reservations';

// Tuesday 1 December 2026, 10:00 in Paris: the Wednesday of tomorrow is past its deadline (two days before, at noon).
const clock = fixedClock('2026-12-01T09:00:00Z');
const WEDNESDAY = 3;

let handle: DbHandle;
let activity: Awaited<ReturnType<typeof anActivity>>;
const day = {} as Record<'dec2' | 'dec7' | 'dec9' | 'dec10' | 'dec16' | 'dec23' | 'dec30', Awaited<ReturnType<typeof anActivityDay>>>;
let family: Awaited<ReturnType<typeof aFamilyWithChild>>;
let other: Awaited<ReturnType<typeof aFamilyWithChild>>;

const everyWednesday = (childId: number) => ({ childId, activityId: activity.id, weekdays: [WEDNESDAY], from: '2026-12-02', to: '2026-12-31' });
const basketDays = async (familyId: number) =>
  (await handle.db.select({ id: basketItems.activityDayId }).from(basketItems).innerJoin(baskets, eq(baskets.id, basketItems.basketId)).where(eq(baskets.familyId, familyId)))
    .map((row) => row.id)
    .sort((a, b) => a - b);
const rows = async (table: typeof basketItems | typeof baskets | typeof reservations | typeof auditLog) => (await handle.db.select({ n: count() }).from(table))[0]!.n;
const snapshot = async () => ({ baskets: await rows(baskets), items: await rows(basketItems), reservations: await rows(reservations), audit: await rows(auditLog) });

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  activity = await anActivity(db, { name: 'ALSH 3-6 ans Journée', deadlineDays: 2, deadlineTime: '12:00' });
  const period = await aBookingPeriod(db, { startsOn: '2026-12-01', endsOn: '2026-12-31' });
  const open = (date: string, capacity = 10, waitlistCapacity = 5) => anActivityDay(db, { activityId: activity.id, bookingPeriodId: period.id, date, capacity, waitlistCapacity });
  day.dec2 = await open('2026-12-02');
  day.dec7 = await open('2026-12-07');
  day.dec9 = await open('2026-12-09', 1, 0);
  day.dec10 = await open('2026-12-10');
  day.dec16 = await open('2026-12-16');
  day.dec23 = await open('2026-12-23');
  day.dec30 = await open('2026-12-30');
  family = await aFamilyWithChild(db);
  other = await aFamilyWithChild(db);
  // The 9th is full: its one place is taken and it has no waiting list.
  await aReservation(db, { familyId: other.familyId, childId: other.child.id, activityDayId: day.dec9.id, status: 'confirmed' });
});
afterAll(() => handle.close());
beforeEach(async () => {
  await handle.db.delete(baskets);
  await handle.db.delete(reservations).where(eq(reservations.familyId, family.familyId));
});

describe('Semaine type: every Wednesday of the period', () => {
  it('puts exactly the requestable Wednesdays in the basket and lists the full and past-deadline ones with their reasons', async () => {
    const result = await addTypicalWeek(handle.db, clock, family.familyId, family.actor, everyWednesday(family.child.id));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.added).toBe(3);
    expect(await basketDays(family.familyId)).toEqual([day.dec16.id, day.dec23.id, day.dec30.id]);
    expect(result.value.plan.days.map((d) => [d.date, d.requested, d.reason])).toEqual([
      ['2026-12-02', false, expect.stringMatching(/^Les réservations de ce jour sont closes depuis le /)],
      ['2026-12-09', false, REASONS.full],
      ['2026-12-16', true, null],
      ['2026-12-23', true, null],
      ['2026-12-30', true, null],
    ]);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'basket.typical-week'));
    expect(audit).toMatchObject({ familyId: family.familyId, details: expect.objectContaining({ added: 3 }) });
  });

  it('previews the same days without writing anything', async () => {
    const before = await snapshot();
    const plan = await typicalWeekPlan(handle.db, clock, family.familyId, everyWednesday(family.child.id));
    expect(plan.ok && plan.value.days.filter((d) => d.requested).map((d) => d.date)).toEqual(['2026-12-16', '2026-12-23', '2026-12-30']);
    expect(await snapshot()).toEqual(before);
  });

  it('then goes through the usual recap and validation', async () => {
    await addTypicalWeek(handle.db, clock, family.familyId, family.actor, everyWednesday(family.child.id));
    const summary = await basketSummary(handle.db, clock, family.familyId);
    expect(summary.additions.map((line) => [line.date, line.forecast.result])).toEqual([
      ['2026-12-16', 'pending'],
      ['2026-12-23', 'pending'],
      ['2026-12-30', 'pending'],
    ]);
    const validated = await validateBasket(handle.db, clock, family.familyId, family.actor, { basketId: summary.basketId!, version: summary.version });
    expect(validated.ok && validated.value.outcomes.map((outcome) => outcome.result)).toEqual(['pending', 'pending', 'pending']);
  });

  it('reports days already asked for or already reserved, and never doubles them', async () => {
    await toggleBasketDay(handle.db, clock, family.familyId, { childId: family.child.id, activityDayId: day.dec16.id });
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.dec23.id, status: 'confirmed' });
    const result = await addTypicalWeek(handle.db, clock, family.familyId, family.actor, everyWednesday(family.child.id));
    expect(result.ok && result.value.added).toBe(1);
    expect(result.ok && result.value.plan.days.filter((d) => d.date >= '2026-12-16').map((d) => [d.date, d.reason])).toEqual([
      ['2026-12-16', TYPICAL_WEEK_REASONS.alreadyRequested],
      ['2026-12-23', TYPICAL_WEEK_REASONS.alreadyReserved],
      ['2026-12-30', null],
    ]);
    expect(await basketDays(family.familyId)).toEqual([day.dec16.id, day.dec30.id]);

    const again = await addTypicalWeek(handle.db, clock, family.familyId, family.actor, everyWednesday(family.child.id));
    expect(again).toMatchObject({ ok: false, message: 'Aucun de ces jours ne peut être demandé : voyez la raison de chacun ci-dessous.' });
    expect(await basketDays(family.familyId)).toEqual([day.dec16.id, day.dec30.id]);
  });

  it('lists Monday to Friday with the dates the activity does not open, and asks only for its opening days', async () => {
    const plan = await typicalWeekPlan(handle.db, clock, family.familyId, { ...everyWednesday(family.child.id), weekdays: [1, 2, 3, 4, 5], from: '2026-12-07', to: '2026-12-11' });
    expect(plan.ok && plan.value.days.map((d) => [d.date, d.requested ? 'Sera demandé' : d.reason])).toEqual([
      ['2026-12-07', 'Sera demandé'],
      ['2026-12-08', REASONS.notOpeningDay],
      ['2026-12-09', REASONS.full],
      ['2026-12-10', 'Sera demandé'],
      ['2026-12-11', REASONS.notOpeningDay],
    ]);
  });
});

describe('Semaine type: the child’s other activities', () => {
  it('skips a date the child already spends in another activity at the same hours, saying where', async () => {
    const morning = await anActivity(handle.db, { name: 'ALSH 3-6 ans Matin', arrivalTime: '09:00', departureTime: '12:00' });
    const period = await aBookingPeriod(handle.db);
    const elsewhere = await anActivityDay(handle.db, { activityId: morning.id, bookingPeriodId: period.id, date: '2026-12-16' });
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: elsewhere.id, status: 'confirmed' });
    const result = await addTypicalWeek(handle.db, clock, family.familyId, family.actor, everyWednesday(family.child.id));
    expect(result.ok && result.value.plan.days.find((d) => d.date === '2026-12-16')).toMatchObject({
      requested: false,
      reason: `${family.child.lastName} ${family.child.firstName} est déjà inscrit ce jour-là à ALSH 3-6 ans Matin (09:00–12:00).`,
    });
    expect(await basketDays(family.familyId)).toEqual([day.dec23.id, day.dec30.id]);
  });
});

describe('Semaine type: bad input changes nothing', () => {
  const cases: [string, (childId: number) => Parameters<typeof addTypicalWeek>[4], string, string | undefined][] = [
    ['no weekday', (childId) => ({ ...everyWednesday(childId), weekdays: [] }), 'Choisissez au moins un jour de la semaine.', 'jours'],
    ['a weekday the form does not offer', (childId) => ({ ...everyWednesday(childId), weekdays: [7] }), 'Choisissez les jours de la semaine parmi ceux proposés.', 'jours'],
    ['an end before the start', (childId) => ({ ...everyWednesday(childId), from: '2026-12-20', to: '2026-12-10' }), 'La date de fin doit être après la date de début.', 'au'],
    ['an impossible date', (childId) => ({ ...everyWednesday(childId), from: '2026-02-31' }), 'Saisissez une date de début valide.', 'du'],
    [
      'an end after the period',
      (childId) => ({ ...everyWednesday(childId), to: '2027-01-13' }),
      'Choisissez des dates comprises dans la période de réservation ouverte, du 02/12/2026 au 31/12/2026.',
      'au',
    ],
    [
      'a start in the past',
      (childId) => ({ ...everyWednesday(childId), from: '2026-11-25' }),
      'Choisissez des dates comprises dans la période de réservation ouverte, du 02/12/2026 au 31/12/2026.',
      'du',
    ],
  ];
  for (const [what, input, message, field] of cases) {
    it(`refuses ${what} with a French message`, async () => {
      const before = await snapshot();
      expect(await typicalWeekPlan(handle.db, clock, family.familyId, input(family.child.id))).toEqual({ ok: false, message, field });
      expect(await addTypicalWeek(handle.db, clock, family.familyId, family.actor, input(family.child.id))).toEqual({ ok: false, message, field });
      expect(await snapshot()).toEqual(before);
    });
  }

  it('refuses another family’s child, for the form, the preview and the addition', async () => {
    const before = await snapshot();
    const message = 'Cet enfant ne fait pas partie de votre famille.';
    expect(await typicalWeekForm(handle.db, clock, family.familyId, { childId: other.child.id, activityId: activity.id })).toEqual({ ok: false, message });
    expect(await typicalWeekPlan(handle.db, clock, family.familyId, everyWednesday(other.child.id))).toEqual({ ok: false, message });
    expect(await addTypicalWeek(handle.db, clock, family.familyId, family.actor, everyWednesday(other.child.id))).toEqual({ ok: false, message });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an activity with no open booking period', async () => {
    const later = await anActivity(handle.db);
    const period = await aBookingPeriod(handle.db, { startsOn: '2027-01-04', endsOn: '2027-01-29', opensAt: new Date('2026-12-15T07:00:00Z'), closesAt: new Date('2027-01-29T22:00:00Z') });
    await anActivityDay(handle.db, { activityId: later.id, bookingPeriodId: period.id, date: '2027-01-06' });
    expect(await typicalWeekForm(handle.db, clock, family.familyId, { childId: family.child.id, activityId: later.id })).toEqual({
      ok: false,
      message: 'Aucune période de réservation n’est ouverte pour cette activité.',
    });
  });
});

describe('Semaine type: the form', () => {
  it('defaults to the period still to come and offers Lundi to Vendredi, plus Samedi when the activity opens then', async () => {
    const form = await typicalWeekForm(handle.db, clock, family.familyId, { childId: family.child.id, activityId: activity.id });
    expect(form).toMatchObject({ ok: true, value: { firstDate: '2026-12-02', lastDate: '2026-12-31', weekdays: [1, 2, 3, 4, 5] } });

    const saturdays = await anActivity(handle.db);
    const period = await aBookingPeriod(handle.db);
    await anActivityDay(handle.db, { activityId: saturdays.id, bookingPeriodId: period.id, date: '2026-12-12' });
    const child = await aChild(handle.db, family.familyId, { birthDate: '2022-01-10' });
    const withSaturday = await typicalWeekForm(handle.db, clock, family.familyId, { childId: child.id, activityId: saturdays.id });
    expect(withSaturday.ok && withSaturday.value.weekdays).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
