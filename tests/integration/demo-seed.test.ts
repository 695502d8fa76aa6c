import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activities, activityDays, bookingPeriods, children, consumptions, families, payments, reservations, users } from '@/db/schema';
import { familyUnitPrice } from '@/lib/activities/prices';
import { fixedClock } from '@/lib/clock';
import { walletBalances } from '@/lib/wallets/balances';
import { isDatabaseEmpty, loadDemoData } from '@/scripts/demo-data';
import { UNPOSTED_DAY_FAMILY } from '@/scripts/demo-data/reservations';
import { createTestDatabase } from '../support/db';

let handle: DbHandle;
const clock = fixedClock('2026-11-26T09:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  expect(await isDatabaseEmpty(handle.db)).toBe(true);
  await loadDemoData(handle.db, clock);
});
afterAll(() => handle.close());

describe('the demo data', () => {
  it('has the guide’s DUPONT family, its payer, children and three wallets', async () => {
    const [dupont] = await handle.db.select().from(families).where(eq(families.identifier, 'dupont'));
    const kids = await handle.db.select({ firstName: children.firstName }).from(children).where(eq(children.familyId, dupont!.id));
    expect(kids.map((k) => k.firstName).sort()).toEqual(['Antoine', 'Liou']);
    const [payer] = await handle.db.select().from(users).where(eq(users.login, 'dupont'));
    expect(payer).toMatchObject({ firstName: 'Jean-Paul', lastName: 'DUPONT', isPayer: true, role: 'family' });
    const balances = await walletBalances(handle.db, dupont!.id);
    expect(balances.map((w) => w.walletType)).toEqual(['RESTAURATION', 'PERISCOLAIRE', 'CDC PE2M - APS ET CLSH']);
    const cheques = await handle.db
      .select({ amount: payments.amountCents, piece: payments.pieceNumber, bank: payments.bankName, mode: payments.mode })
      .from(payments)
      .where(eq(payments.familyId, dupont!.id));
    expect(cheques).toEqual(
      expect.arrayContaining([
        { amount: 9000, piece: '795466', bank: 'LEP', mode: 'CH' },
        { amount: 5000, piece: '924466', bank: 'LEP', mode: 'CH' },
      ]),
    );
  });

  it('keeps every activity day within its capacity and waiting list', async () => {
    const overbooked = await handle.db
      .select({ id: activityDays.id })
      .from(activityDays)
      .where(
        sql`(select count(*) from ${reservations} r where r.activity_day_id = ${activityDays.id} and r.status in ('pending', 'confirmed')) > ${activityDays.capacity}
          or (select count(*) from ${reservations} r where r.activity_day_id = ${activityDays.id} and r.status = 'waitlisted') > ${activityDays.waitlistCapacity}`,
      );
    expect(overbooked).toEqual([]);
  });

  it('never has a child in two places at once: no two live reservations of a child overlap in hours on one date', async () => {
    // PGlite answers { rows }, postgres.js the rows themselves.
    const answer = (await handle.db.execute(sql`
      select a.id from reservations a
      join activity_days ad on ad.id = a.activity_day_id join activities aa on aa.id = ad.activity_id
      join reservations b on b.child_id = a.child_id and b.id > a.id
      join activity_days bd on bd.id = b.activity_day_id and bd.date = ad.date join activities ba on ba.id = bd.activity_id
      where a.status not in ('cancelled', 'refused') and b.status not in ('cancelled', 'refused')
        and aa.id <> ba.id and aa.arrival_time < ba.departure_time and ba.arrival_time < aa.departure_time`)) as unknown as { rows?: unknown[] } & unknown[];
    expect(answer.rows ?? answer).toHaveLength(0);
  });

  it('has a full day with room on the waiting list and a full day with a full waiting list', async () => {
    const days = await handle.db
      .select({
        capacity: activityDays.capacity,
        waitlistCapacity: activityDays.waitlistCapacity,
        taken: sql<number>`(select count(*)::int from ${reservations} r where r.activity_day_id = ${activityDays.id} and r.status in ('pending', 'confirmed'))`,
        waiting: sql<number>`(select count(*)::int from ${reservations} r where r.activity_day_id = ${activityDays.id} and r.status = 'waitlisted')`,
      })
      .from(activityDays)
      .innerJoin(bookingPeriods, eq(bookingPeriods.id, activityDays.bookingPeriodId))
      .where(and(sql`${bookingPeriods.opensAt} <= ${clock.now().toISOString()}::timestamptz`, sql`${bookingPeriods.closesAt} > ${clock.now().toISOString()}::timestamptz`));
    const full = days.filter((d) => d.taken === d.capacity);
    expect(full.some((d) => d.waiting > 0 && d.waiting < d.waitlistCapacity)).toBe(true);
    expect(full.some((d) => d.waiting === d.waitlistCapacity && d.waitlistCapacity > 0)).toBe(true);
    expect(days.some((d) => d.taken < d.capacity)).toBe(true);
  });

  it('leaves one day that is over unposted: FAURE’s reservation of yesterday, the last day of the past period, for postConsumptions to charge', async () => {
    const unposted = await handle.db
      .select({ family: families.identifier, status: reservations.status, date: activityDays.date })
      .from(reservations)
      .innerJoin(families, eq(families.id, reservations.familyId))
      .innerJoin(activityDays, eq(activityDays.id, reservations.activityDayId))
      .leftJoin(consumptions, eq(consumptions.reservationId, reservations.id))
      .where(and(inArray(reservations.status, ['confirmed', 'attended']), sql`${activityDays.date} < '2026-11-26'`, sql`${consumptions.id} is null`));
    // 2026-11-26 is a Thursday: the past period's last Wednesday was yesterday.
    expect(unposted).toEqual([{ family: UNPOSTED_DAY_FAMILY, status: 'confirmed', date: '2026-11-25' }]);
  });

  it('prices « ALSH 3-6 ans Matin » by quotient familial: DUPONT’s QF bracket this month, the activity’s price before its QF', async () => {
    const [dupont] = await handle.db.select().from(families).where(eq(families.identifier, 'dupont'));
    const [matin] = await handle.db.select().from(activities).where(eq(activities.code, 'ALSH36-MATIN'));
    expect(await familyUnitPrice(handle.db, dupont!.id, matin!.id, '2026-12-02')).toBe(320);
    expect(await familyUnitPrice(handle.db, dupont!.id, matin!.id, '2026-10-28')).toBe(475);
  });

  it('has a booking period that opens in the future', async () => {
    const future = await handle.db.select().from(bookingPeriods).where(sql`${bookingPeriods.opensAt} > ${clock.now().toISOString()}::timestamptz`);
    expect(future.length).toBeGreaterThan(0);
  });

  it('is the same on two runs of the same day', async () => {
    const other = await createTestDatabase();
    try {
      await loadDemoData(other.db, clock);
      const snapshot = (db: DbHandle['db']) =>
        db
          .select({ child: reservations.childId, day: reservations.activityDayId, status: reservations.status, rank: reservations.waitlistRank })
          .from(reservations)
          .where(inArray(reservations.status, ['pending', 'confirmed', 'waitlisted']))
          .orderBy(reservations.id);
      expect(await snapshot(other.db)).toEqual(await snapshot(handle.db));
    } finally {
      await other.close();
    }
  }, 120_000); // a whole second demo load: slow on a busy machine, never a performance check
});
