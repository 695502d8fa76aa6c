import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db, type DbHandle } from '@/db/client';
import { basketItems, baskets, basketValidations, reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary } from '@/lib/reservations/basket';
import { validateBasket } from '@/lib/reservations/validate';
import { checkInvariants } from '../../bench/rush/invariants';
import { createTestDatabase, onPostgres } from '../support/db';
import { anActivityDay } from '../support/factories';
import { aBasketItem, aFamilyWithChild, anOpenDay } from '../support/reservations';

// Waiting-list ranks are given in the order validations get the day's lock; requested_at must tell
// the same order (bench/rush/invariants.ts, ranksNotInRequestOrder), whatever clock each process
// read before it waited for the lock (issue 13).

const T = '2026-11-26T09:00:00.000Z';
const at = (offsetMs: number) => fixedClock(new Date(new Date(T).getTime() + offsetMs));

type Family = Awaited<ReturnType<typeof aFamilyWithChild>>;

async function aFamilyAsking(db: Db, dayIds: number[]): Promise<Family> {
  const family = await aFamilyWithChild(db);
  for (const dayId of dayIds) await aBasketItem(db, family.familyId, family.child.id, dayId, 'add');
  return family;
}

/** Starts « Valider » for the family's basket as it stands, with the given clock. */
async function startValidating(db: Db, family: Family, clock: ReturnType<typeof fixedClock>) {
  const summary = await basketSummary(db, clock, family.familyId);
  return () => validateBasket(db, clock, family.familyId, family.actor, { basketId: summary.basketId!, version: summary.version });
}

async function validate(db: Db, family: Family, clock: ReturnType<typeof fixedClock>) {
  const result = await (await startValidating(db, family, clock))();
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** A family's reservation of a day: its rank and its requested_at to the microsecond, in UTC. */
async function requestOf(db: Db, family: Family, dayId: number) {
  const [row] = rowsOf<{ status: string; rank: number | null; requestedAt: string; validatedAt: string }>(
    await db.execute(sql`
      select r.status, r.waitlist_rank as rank,
             to_char(r.requested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as "requestedAt",
             (select to_char(max(v.validated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') from basket_validations v where v.family_id = r.family_id) as "validatedAt"
      from reservations r where r.family_id = ${family.familyId} and r.activity_day_id = ${dayId}`),
  );
  return row!;
}

/**
 * A day with its one place taken and room on its waiting list; `late` (clock T + 10 ms) asks for it
 * alone, then `early` (clock T) asks for another day and for it: sent later with an earlier clock.
 */
async function aLaterRequestWithAnEarlierClock(db: Db) {
  const { day: other, activity, period } = await anOpenDay(db, { capacity: 10, waitlistCapacity: 5, date: '2026-12-10' });
  // Created after `other`: a higher id, locked last.
  const day = await anActivityDay(db, { activityId: activity.id, bookingPeriodId: period.id, date: '2026-12-11', capacity: 1, waitlistCapacity: 5 });
  await validate(db, await aFamilyAsking(db, [day.id]), at(-3_600_000));
  const late = await aFamilyAsking(db, [day.id]);
  const early = await aFamilyAsking(db, [other.id, day.id]);
  await validate(db, late, at(10));
  await validate(db, early, at(0));
  return { day, other, late, early };
}

const lockWaiters = async (db: Db) =>
  rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`))[0]!.n;

async function untilWaiting(db: Db, count: number) {
  for (let tries = 0; (await lockWaiters(db)) < count; tries++) {
    if (tries > 200) throw new Error(`${count} validations never waited for the day`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Two validations of a day whose one place is taken, forced to lock it in the opposite order of
 * their clocks: a third session holds the day; `late` (clock T + 10 ms) starts and waits for it,
 * then `early` (clock T) starts and waits behind `late`; the day is released.
 */
async function twoValidationsLockingInTheOtherOrder(db: Db) {
  const { day } = await anOpenDay(db, { capacity: 1, waitlistCapacity: 5 });
  await validate(db, await aFamilyAsking(db, [day.id]), at(-3_600_000));
  const late = await aFamilyAsking(db, [day.id]);
  const early = await aFamilyAsking(db, [day.id]);
  const validateLate = await startValidating(db, late, at(10));
  const validateEarly = await startValidating(db, early, at(0));

  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = db.transaction(async (tx) => {
    await tx.execute(sql`select id from activity_days where id = ${day.id} for update`);
    locked();
    await released;
  });
  await isLocked;
  const lateRun = validateLate();
  await untilWaiting(db, 1);
  const earlyRun = validateEarly();
  await untilWaiting(db, 2);
  release();
  await holder;
  const [lateResult, earlyResult] = await Promise.all([lateRun, earlyRun]);
  return { day, late, early, lateResult, earlyResult };
}

/** validate_basket as migration 0018 wrote it: stamped with the application's clock. */
function validateBasketOfMigration0018() {
  const migration = readFileSync(path.join(import.meta.dirname, '../../db/migrations/0018_validate_basket.sql'), 'utf8');
  const statement = migration.split('--> statement-breakpoint').find((part) => part.includes('CREATE FUNCTION validate_basket('))!;
  return statement.replace('CREATE FUNCTION validate_basket(', 'CREATE OR REPLACE FUNCTION validate_basket(');
}

describe('the time « Valider » stamps on requests', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());
  // Each test starts from no request at all, so that the invariants checked are its own.
  beforeEach(async () => {
    for (const table of [basketItems, baskets, basketValidations, reservations]) await handle.db.delete(table);
  });

  it('is the clock’s time when nothing later is on the days', async () => {
    const { day } = await anOpenDay(handle.db, { capacity: 1, waitlistCapacity: 5, date: '2026-12-14' });
    const family = await aFamilyAsking(handle.db, [day.id]);
    const result = await validate(handle.db, family, at(0));
    expect(result.validatedAt).toEqual(new Date(T));
    expect(await requestOf(handle.db, family, day.id)).toEqual({ status: 'pending', rank: null, requestedAt: '2026-11-26T09:00:00.000000', validatedAt: '2026-11-26T09:00:00.000000' });
  });

  it('dates a request after every request already on each day it locks, even with an earlier clock', async () => {
    const { day, other, late, early } = await aLaterRequestWithAnEarlierClock(handle.db);
    expect(await requestOf(handle.db, late, day.id)).toMatchObject({ rank: 1, requestedAt: '2026-11-26T09:00:00.010000' });
    // One time for the whole validation, on both its days: just after the latest request of either.
    expect(await requestOf(handle.db, early, day.id)).toEqual({ status: 'waitlisted', rank: 2, requestedAt: '2026-11-26T09:00:00.010001', validatedAt: '2026-11-26T09:00:00.010001' });
    expect(await requestOf(handle.db, early, other.id)).toMatchObject({ status: 'pending', requestedAt: '2026-11-26T09:00:00.010001' });
    const found = await checkInvariants(handle.db);
    expect(found.examples).toEqual([]);
  });

  // Real PostgreSQL only: PGlite has a single connection, nothing else can hold the day's lock.
  it.runIf(onPostgres)('dates requests in the order they got the day’s lock, whatever the clocks that sent them', async () => {
    const { day, late, early, lateResult, earlyResult } = await twoValidationsLockingInTheOtherOrder(handle.db);
    // `late` got the lock first: rank 1.
    expect(lateResult.ok && lateResult.value.outcomes[0]).toMatchObject({ result: 'waitlisted', waitlistRank: 1 });
    expect(earlyResult.ok && earlyResult.value.outcomes[0]).toMatchObject({ result: 'waitlisted', waitlistRank: 2 });
    expect(await requestOf(handle.db, late, day.id)).toMatchObject({ rank: 1, requestedAt: '2026-11-26T09:00:00.010000' });
    expect(await requestOf(handle.db, early, day.id)).toMatchObject({ rank: 2, requestedAt: '2026-11-26T09:00:00.010001' });
    const found = await checkInvariants(handle.db);
    expect(found.examples).toEqual([]);
    expect(found.byCheck.ranksNotInRequestOrder).toBe(0);
  });

  it.runIf(onPostgres)('control: stamped with the application’s clock (validate_basket of migration 0018), the same validations rank a request ahead of an earlier one', async () => {
    const old = await createTestDatabase();
    try {
      await old.db.execute(sql.raw(validateBasketOfMigration0018()));
      const raced = await twoValidationsLockingInTheOtherOrder(old.db);
      expect(raced.lateResult.ok && raced.lateResult.value.outcomes[0]).toMatchObject({ result: 'waitlisted', waitlistRank: 1 });
      let found = await checkInvariants(old.db);
      expect(found.byCheck.ranksNotInRequestOrder).toBe(1);
      expect(found.examples).toEqual([expect.stringMatching(new RegExp(`^ranksNotInRequestOrder: day ${raced.day.id}: `))]);

      const sequential = await aLaterRequestWithAnEarlierClock(old.db);
      expect(await requestOf(old.db, sequential.early, sequential.day.id)).toMatchObject({ rank: 2, requestedAt: '2026-11-26T09:00:00.000000' });
      found = await checkInvariants(old.db);
      expect(found.byCheck.ranksNotInRequestOrder).toBe(2);
    } finally {
      await old.close();
    }
  });
});
