import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase, onPostgres } from '../support/db';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';
import { seededRandom } from '../support/seeded-random';

const CAPACITY = 4;
const WAITLIST = 4;
const ROUNDS = 6;

// Real PostgreSQL only: PGlite has a single connection, so nothing would run at the same time.
describe.skipIf(!onPostgres)('fair waiting lists under concurrent requests and cancellations (PostgreSQL)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());

  const clock = fixedClock('2026-11-26T09:00:00Z');

  /**
   * 40 families over three days of 4 places and 4 waiting-list places: each round, about half of
   * them click a random day (asking for it, or cancelling what they hold on it) and all press
   * « Valider » at once. Returns, for each round, what breaks the rules of a fair list.
   */
  async function rounds(seed: number, firstComeToFreePlaces = false) {
    const random = seededRandom(seed);
    const days = await Promise.all(
      ['2026-12-14', '2026-12-15', '2026-12-16'].map(async (date) => (await anOpenDay(handle.db, { date, capacity: CAPACITY, waitlistCapacity: WAITLIST })).day),
    );
    const dayIds = days.map((day) => day.id);
    const families = [];
    for (let i = 0; i < 40; i++) families.push(await aFamilyWithChild(handle.db));

    const report: string[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const acting = families.filter(() => random() < 0.5);
      const picks = acting.map((family) => ({ family, day: days[Math.floor(random() * days.length)]! }));
      await Promise.all(
        picks.map(async ({ family, day }) => {
          const click = await toggleBasketDay(handle.db, clock, family.familyId, { childId: family.child.id, activityDayId: day.id });
          if (!click.ok) return; // a full day: nothing to validate
          const summary = await basketSummary(handle.db, clock, family.familyId);
          const result = await validateBasket(handle.db, clock, family.familyId, family.actor, { basketId: summary.basketId!, version: summary.version }, { firstComeToFreePlaces });
          if (!result.ok) throw new Error(result.message);
        }),
      );
      report.push(await unfairness(dayIds));
    }
    return report;
  }

  /** What a fair list forbids, day by day, in the order the requests were taken (reservation ids). */
  async function unfairness(dayIds: number[]) {
    const rows = await handle.db
      .select()
      .from(reservations)
      .where(inArray(reservations.activityDayId, dayIds))
      .orderBy(asc(reservations.id));
    const problems: string[] = [];
    for (const dayId of dayIds) {
      const live = rows.filter((r) => r.activityDayId === dayId && ['pending', 'confirmed', 'waitlisted'].includes(r.status));
      const waiting = live.filter((r) => r.status === 'waitlisted');
      const holding = live.filter((r) => r.status !== 'waitlisted');
      const firstWaiting = waiting[0];
      for (const place of holding) {
        if (firstWaiting && place.id > firstWaiting.id) problems.push(`day ${dayId}: place of request ${place.id} taken after request ${firstWaiting.id}, still waiting`);
      }
      const ranks = waiting.map((r) => r.waitlistRank);
      if (ranks.join() !== waiting.map((_, i) => i + 1).join()) problems.push(`day ${dayId}: ranks ${ranks.join()} in request order`);
      if (holding.length > CAPACITY) problems.push(`day ${dayId}: ${holding.length} places taken`);
      if (waiting.length > WAITLIST) problems.push(`day ${dayId}: ${waiting.length} waiting`);
    }
    return problems;
  }

  it('never lets a new request take a place ahead of a family waiting for it, keeps ranks 1..n in request order and every count within its limit, round after round', async () => {
    const report = await rounds(20261126);
    expect(report).toEqual(Array.from({ length: ROUNDS }, () => []));
  });

  // The control runs the old rule: a free place goes to whoever asks, even past the families waiting.
  it('control: with free places going to whoever asks first, the same rounds show a queue jump', async () => {
    const report = await rounds(20261126, true);
    expect(report.flat().some((problem) => problem.includes('still waiting'))).toBe(true);
  });
});
