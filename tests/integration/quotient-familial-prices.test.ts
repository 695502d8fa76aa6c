import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, consumptions, reservations, walletEntries } from '@/db/schema';
import { addPriceBracket, removePriceBracket } from '@/lib/activities/price-brackets';
import { familyUnitPrice } from '@/lib/activities/prices';
import { fixedClock } from '@/lib/clock';
import { deleteFamilyQuotient, familyQuotientHistory, recordFamilyQuotient } from '@/lib/families/quotients';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { calendarView } from '@/lib/reservations/calendar';
import { transmitRequests } from '@/lib/reservations/transmit';
import { validateBasket } from '@/lib/reservations/validate';
import { unpostedReservationCosts } from '@/lib/wallets/estimate';
import { postConsumptions } from '@/lib/wallets/post-consumptions';
import { createTestDatabase, onPostgres } from '../support/db';
import { aBookingPeriod, anActivity, anActivityDay, aReservation, aUser } from '../support/factories';
import { aFamilyWithChild } from '../support/reservations';

let handle: DbHandle;
const db = () => handle.db;
const clock = () => fixedClock('2026-11-26T09:00:00Z');
let staff: { id: number; role: string };

// « ALSH 3-6 ans Journée »: 2 units a day, 6,65 € each without a known QF; a grid of three brackets.
let activity: Awaited<ReturnType<typeof anActivity>>;
let days: Awaited<ReturnType<typeof anActivityDay>>[];
const GRID = [
  { qfMin: 0, qfMax: 450, unitPrice: 250 },
  { qfMin: 451, qfMax: 700, unitPrice: 400 },
  { qfMin: 701, qfMax: null, unitPrice: 600 },
];

beforeAll(async () => {
  handle = await createTestDatabase();
  const admin = await aUser(db(), { role: 'admin' });
  staff = { id: admin.id, role: 'admin' };
  activity = await anActivity(db(), { name: 'ALSH 3-6 ans Journée', unitPriceCents: 665, quantity: 2, deadlineDays: 2 });
  const period = await aBookingPeriod(db(), { startsOn: '2026-12-01', endsOn: '2026-12-31', opensAt: new Date('2026-11-01T07:00:00Z'), closesAt: new Date('2026-12-31T22:00:00Z') });
  days = [];
  for (const date of ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23']) {
    days.push(await anActivityDay(db(), { activityId: activity.id, bookingPeriodId: period.id, date, capacity: 20, waitlistCapacity: 5 }));
  }
  for (const bracket of GRID) {
    const added = await addPriceBracket(db(), clock(), staff, { activityId: activity.id, ...bracket });
    expect(added.ok).toBe(true);
  }
});
afterAll(() => handle.close());

async function aFamilyWithQuotient(quotient: number | null) {
  const family = await aFamilyWithChild(db());
  if (quotient !== null) {
    const recorded = await recordFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotient, validFrom: '2026-09-01', validTo: '2027-08-31', source: 'caf' });
    expect(recorded.ok).toBe(true);
  }
  return family;
}

async function book(family: Awaited<ReturnType<typeof aFamilyWithChild>>, day: { id: number }) {
  const toggled = await toggleBasketDay(db(), clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
  expect(toggled).toEqual({ ok: true, value: 'add' });
  const summary = await basketSummary(db(), clock(), family.familyId);
  const validated = await validateBasket(db(), clock(), family.familyId, family.actor, { basketId: summary.basketId!, version: summary.version });
  if (!validated.ok) throw new Error(validated.message);
  return { summary, validated: validated.value };
}

const estimateOf = async (familyId: number) => (await unpostedReservationCosts(db(), familyId, '2026-12-31')).reduce((sum, cost) => sum + cost.costCents, 0);
const consumptionsOf = (familyId: number) => db().select().from(consumptions).where(eq(consumptions.familyId, familyId));

describe('prices by quotient familial', () => {
  it('makes two families with different QFs booking the same day pay their bracket’s price on the recap, in Soldes’ estimate and in the posted consumption', async () => {
    const modest = await aFamilyWithQuotient(300);
    const comfortable = await aFamilyWithQuotient(900);
    const unknown = await aFamilyWithQuotient(null);
    const day = days[0]!;
    const expected = [
      { family: modest, unitPriceCents: 250 },
      { family: comfortable, unitPriceCents: 600 },
      { family: unknown, unitPriceCents: 665 },
    ];

    for (const { family, unitPriceCents } of expected) {
      // « Tarif de l'activité » on the calendar: the family's bracket.
      const view = await calendarView(db(), clock(), family.familyId, { childId: family.child.id, activityId: activity.id, month: '2026-12' });
      expect(view.ok && view.value.activity.unitPriceCents).toBe(unitPriceCents);

      const { summary, validated } = await book(family, day);
      // The recap, and the validation's result (its e-mail and « Montant des réservations »).
      expect(summary.additions.map((line) => line.costCents)).toEqual([unitPriceCents * 2]);
      expect(summary.additionsTotalCents).toBe(unitPriceCents * 2);
      expect(validated.outcomes.map((outcome) => [outcome.result, outcome.costCents])).toEqual([['pending', unitPriceCents * 2]]);
      expect(validated.acceptedCostCents).toBe(unitPriceCents * 2);
      // Fixed on the reservation at validation.
      const [reservation] = await db().select().from(reservations).where(eq(reservations.familyId, family.familyId));
      expect(reservation!.unitPriceCents).toBe(unitPriceCents);
      // Soldes' estimate.
      expect(await estimateOf(family.familyId)).toBe(unitPriceCents * 2);
    }

    await transmitRequests(db(), clock());
    await postConsumptions(db(), clock(), { today: '2026-12-03' });
    for (const { family, unitPriceCents } of expected) {
      const posted = await consumptionsOf(family.familyId);
      expect(posted.map((c) => [c.date, c.unitPriceCents, c.quantity, c.totalCents])).toEqual([['2026-12-02', unitPriceCents, 2, unitPriceCents * 2]]);
      const [entry] = await db().select().from(walletEntries).where(eq(walletEntries.consumptionId, posted[0]!.id));
      expect(entry!.amountCents).toBe(-unitPriceCents * 2);
      expect(await estimateOf(family.familyId)).toBe(0);
    }
  });

  it('keeps the price fixed at validation when the family’s QF changes afterwards, before and after posting', async () => {
    const family = await aFamilyWithQuotient(300);
    await book(family, days[1]!);
    await transmitRequests(db(), clock());

    // The town learns a new QF for the whole year: the old one is deleted, the new one recorded.
    const [old] = await familyQuotientHistory(db(), family.familyId);
    expect(await deleteFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotientId: old!.id })).toEqual({ ok: true, value: undefined });
    expect((await recordFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotient: 900, validFrom: '2026-09-01', validTo: '2027-08-31', source: 'avis_imposition' })).ok).toBe(true);

    // A day booked from now on costs the new bracket; the one validated before keeps its price.
    expect(await familyUnitPrice(db(), family.familyId, activity.id, '2026-12-09')).toBe(600);
    expect(await estimateOf(family.familyId)).toBe(250 * 2);
    await postConsumptions(db(), clock(), { today: '2026-12-10' });
    const posted = await consumptionsOf(family.familyId);
    expect(posted.map((c) => [c.date, c.unitPriceCents, c.totalCents])).toEqual([['2026-12-09', 250, 500]]);

    // Another change after posting: the posted line stays as it was, and nothing is posted twice.
    const [newer] = await familyQuotientHistory(db(), family.familyId);
    await deleteFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotientId: newer!.id });
    await recordFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotient: 500, validFrom: '2026-09-01', validTo: '2027-08-31', source: 'caf' });
    expect(await postConsumptions(db(), clock(), { today: '2026-12-10' })).toMatchObject({ posted: 0 });
    expect(await consumptionsOf(family.familyId)).toEqual(posted);
    const entries = await db().select().from(walletEntries).where(eq(walletEntries.consumptionId, posted[0]!.id));
    expect(entries.map((entry) => entry.amountCents)).toEqual([-500]);

    // The next validation takes the QF in force then.
    const { validated } = await book(family, days[2]!);
    expect(validated.outcomes[0]!.costCents).toBe(400 * 2);
  });

  it('prices a reservation without a fixed price (made before prices by QF) by the rule of the day it is posted', async () => {
    const family = await aFamilyWithQuotient(null);
    await aReservation(db(), { familyId: family.familyId, childId: family.child.id, activityDayId: days[3]!.id, status: 'confirmed' });
    expect(await estimateOf(family.familyId)).toBe(665 * 2);
    await recordFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotient: 600, validFrom: '2026-12-01', validTo: '2026-12-31', source: 'caf' });
    expect(await estimateOf(family.familyId)).toBe(400 * 2);
    await postConsumptions(db(), clock(), { today: '2026-12-24' });
    expect((await consumptionsOf(family.familyId)).map((c) => c.unitPriceCents)).toEqual([400]);
  });

  it('uses the QF in force on the day, and the activity’s price outside its validity or outside every bracket', async () => {
    const family = await aFamilyWithChild(db());
    await recordFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotient: 100, validFrom: '2026-12-01', validTo: '2026-12-10', source: 'caf' });
    await recordFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotient: 800, validFrom: '2026-12-11', validTo: '2026-12-20', source: 'autre' });
    expect(await familyUnitPrice(db(), family.familyId, activity.id, '2026-11-30')).toBe(665);
    expect(await familyUnitPrice(db(), family.familyId, activity.id, '2026-12-01')).toBe(250);
    expect(await familyUnitPrice(db(), family.familyId, activity.id, '2026-12-10')).toBe(250);
    expect(await familyUnitPrice(db(), family.familyId, activity.id, '2026-12-11')).toBe(600);
    expect(await familyUnitPrice(db(), family.familyId, activity.id, '2026-12-21')).toBe(665);
    // Another activity without a grid: its own price whatever the QF.
    const other = await anActivity(db(), { unitPriceCents: 345 });
    expect(await familyUnitPrice(db(), family.familyId, other.id, '2026-12-05')).toBe(345);
    // A grid with a gap: a QF in the gap pays the activity's price.
    const gapped = await anActivity(db(), { unitPriceCents: 500 });
    await addPriceBracket(db(), clock(), staff, { activityId: gapped.id, qfMin: 0, qfMax: 50, unitPrice: 100 });
    expect(await familyUnitPrice(db(), family.familyId, gapped.id, '2026-12-05')).toBe(500);
  });
});

describe('editing grids and quotients', () => {
  it('refuses a bracket sharing a QF with another, in French, and audits every change', async () => {
    const edited = await anActivity(db(), { unitPriceCents: 500 });
    const first = await addPriceBracket(db(), clock(), staff, { activityId: edited.id, qfMin: 0, qfMax: 450, unitPrice: 200 });
    expect(first.ok).toBe(true);
    expect(await addPriceBracket(db(), clock(), staff, { activityId: edited.id, qfMin: 450, qfMax: 700, unitPrice: 300 })).toEqual({
      ok: false,
      message: 'Cette tranche chevauche la tranche 0 – 450 : un quotient ne peut relever que d’une tranche.',
      field: 'qfMin',
    });
    expect((await addPriceBracket(db(), clock(), staff, { activityId: edited.id, qfMin: 1000, qfMax: null, unitPrice: 400 })).ok).toBe(true);
    expect((await addPriceBracket(db(), clock(), staff, { activityId: edited.id, qfMin: 2000, qfMax: 3000, unitPrice: 400 })).ok).toBe(false);
    expect((await addPriceBracket(db(), clock(), staff, { activityId: edited.id, qfMin: 451, qfMax: 999, unitPrice: 300 })).ok).toBe(true);
    if (!first.ok) return;
    expect(await removePriceBracket(db(), clock(), staff, { activityId: edited.id, bracketId: first.value.id })).toEqual({ ok: true, value: undefined });
    // A bracket of another activity cannot be removed through this one.
    expect((await removePriceBracket(db(), clock(), staff, { activityId: activity.id, bracketId: first.value.id + 1 })).ok).toBe(false);
    const audited = await db()
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'activity'), eq(auditLog.entityId, String(edited.id))));
    expect(audited.map((row) => row.action)).toEqual(['activity.price_bracket.add', 'activity.price_bracket.add', 'activity.price_bracket.add', 'activity.price_bracket.remove']);
    expect(audited[3]!.details).toMatchObject({ qfMin: 0, qfMax: 450, unitPriceCents: 200 });
  });

  it('refuses a QF whose validity overlaps another of the family, and audits records and deletions', async () => {
    const family = await aFamilyWithChild(db());
    const input = { familyId: family.familyId, quotient: 420, validFrom: '2026-01-01', validTo: '2026-12-31', source: 'caf' as const };
    const recorded = await recordFamilyQuotient(db(), clock(), staff, input);
    expect(recorded.ok).toBe(true);
    expect(await recordFamilyQuotient(db(), clock(), staff, { ...input, quotient: 500, validFrom: '2026-12-31', validTo: '2027-06-30' })).toEqual({
      ok: false,
      message: 'Cette période chevauche le quotient 420 valable du 01/01/2026 au 31/12/2026 : supprimez-le ou choisissez d’autres dates.',
      field: 'validFrom',
    });
    expect((await recordFamilyQuotient(db(), clock(), staff, { ...input, quotient: 500, validFrom: '2027-01-01', validTo: '2027-06-30' })).ok).toBe(true);
    // Another family's quotient cannot be deleted through this one.
    const stranger = await aFamilyWithChild(db());
    if (!recorded.ok) return;
    expect((await deleteFamilyQuotient(db(), clock(), staff, { familyId: stranger.familyId, quotientId: recorded.value.id })).ok).toBe(false);
    expect((await deleteFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotientId: recorded.value.id })).ok).toBe(true);
    const history = await familyQuotientHistory(db(), family.familyId);
    expect(history.map((row) => [row.quotient, row.validFrom, row.validTo, row.source])).toEqual([[500, '2027-01-01', '2027-06-30', 'caf']]);
    const audited = await db().select({ action: auditLog.action, actor: auditLog.actorUserId }).from(auditLog).where(eq(auditLog.familyId, family.familyId));
    expect(audited).toEqual([
      { action: 'family.quotient.record', actor: staff.id },
      { action: 'family.quotient.record', actor: staff.id },
      { action: 'family.quotient.delete', actor: staff.id },
    ]);
  });

  // PGlite has one connection: the race needs PostgreSQL.
  it.runIf(onPostgres)('lets only one of two overlapping QFs recorded at the same time in', async () => {
    const family = await aFamilyWithChild(db());
    const results = await Promise.all(
      [300, 900].map((quotient) => recordFamilyQuotient(db(), clock(), staff, { familyId: family.familyId, quotient, validFrom: '2026-09-01', validTo: '2027-08-31', source: 'caf' })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await familyQuotientHistory(db(), family.familyId)).toHaveLength(1);
  });
});
