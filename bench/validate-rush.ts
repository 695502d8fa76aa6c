// The morning bookings open: N families press "Valider" at once, each for a few days of the same
// activity. Measures validations per second and latency percentiles on real PostgreSQL, and
// checks that no day is overbooked. Usage:
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/validate-rush.ts [families] [concurrency]
import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { connectPostgres } from '../db/client';
import { activityDays, reservations } from '../db/schema';
import { fixedClock } from '../lib/clock';
import { basketSummary, toggleBasketDay } from '../lib/reservations/basket';
import { validateBasket } from '../lib/reservations/validate';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay } from '../tests/support/factories';

const families = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 40);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database).');
  process.exit(2);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const name = `cf_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const handle = connectPostgres(url.toString(), { max: concurrency + 5 });
  try {
    await handle.migrate();
    const db = handle.db;
    const clock = fixedClock('2026-11-26T07:00:00Z');
    const activity = await anActivity(db, { unitPriceCents: 475, minAgeYears: 3, maxAgeYears: 12 });
    const period = await aBookingPeriod(db, { opensAt: new Date('2026-11-26T06:59:00Z') });
    const dates = ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23'];
    const days: Awaited<ReturnType<typeof anActivityDay>>[] = [];
    for (const date of dates) days.push(await anActivityDay(db, { activityId: activity.id, bookingPeriodId: period.id, date, capacity: 60, waitlistCapacity: 20 }));

    console.log(`Preparing ${families} families, each asking for ${days.length} days…`);
    const prepared: { familyId: number; actor: { id: number; role: string }; basketId: number; version: number }[] = [];
    for (let i = 0; i < families; i++) {
      const guardian = await aGuardian(db, { email: null });
      const child = await aChild(db, guardian.familyId!, { birthDate: '2019-03-01' });
      for (const day of days) await toggleBasketDay(db, clock, guardian.familyId!, { childId: child.id, activityDayId: day.id });
      const summary = await basketSummary(db, clock, guardian.familyId!);
      prepared.push({ familyId: guardian.familyId!, actor: { id: guardian.id, role: 'family' }, basketId: summary.basketId!, version: summary.version });
    }

    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < prepared.length) {
          const family = prepared[next++]!;
          const t0 = performance.now();
          const response = await validateBasket(db, clock, family.familyId, family.actor, { basketId: family.basketId, version: family.version });
          if (!response.ok) throw new Error(response.message);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const overbooked = await db
      .select({ id: activityDays.id })
      .from(activityDays)
      .where(
        sql`(select count(*) from ${reservations} r where r.activity_day_id = ${activityDays.id} and r.status in ('pending','confirmed')) > ${activityDays.capacity}`,
      );
    const [totals] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(reservations)
      .where(and(inArray(reservations.activityDayId, days.map((d) => d.id)), eq(reservations.status, 'pending')));

    console.log(
      JSON.stringify(
        {
          families,
          concurrency,
          validationsPerSecond: Math.round(families / seconds),
          latencyMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), max: Math.round(latencies.at(-1)!) },
          placesGiven: totals!.n,
          overbookedDays: overbooked.length,
        },
        null,
        2,
      ),
    );
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
