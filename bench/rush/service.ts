// The service level of the opening-day rush: how many « Valider » per second the validation
// service carries when every basket fights for the same four opening days, against what the same
// PostgreSQL server does with pgbench's TPC-B-like transactions at the same client count.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { connectPostgres } from '../../db/client';
import { fixedClock } from '../../lib/clock';
import { validateBasket } from '../../lib/reservations/validate';
import { aBookingPeriod, anActivity, anActivityDay } from '../../tests/support/factories';
import { withScratchDatabase } from '../support/database';
import { percentiles } from './morning';

const run = promisify(execFile);

export interface ServiceLevelOptions {
  /** A PostgreSQL server's URL with the right to create databases; the measure creates and drops its own. */
  adminUrl: string;
  /** Validations in flight at once, and pgbench's client count. */
  clients: number;
  /** How long each of the two measures runs. */
  seconds: number;
  /** Families with a basket ready; the validation window ends early if they are all validated. */
  families?: number;
  /** Connections of the validation service's pool (default: one per client, like pgbench). */
  pool?: number;
}

export interface ServiceLevel {
  validationsPerSecond: number;
  p95ValidationServiceMs: number;
  pgbenchTps: number;
  ratio: number;
  overbookedDays: number;
}

const DATES = ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23'];
/**
 * Families with one guardian (with an e-mail: the validation queues its confirmation), one child
 * and a basket asking for the four days, written in bulk so that thousands are ready in seconds.
 */
async function prepareFamilies(url: string, families: number, dayIds: number[]) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ familyId: number; guardianId: number; basketId: number; version: number }[]>`
      with new_families as (
        insert into families (identifier, name)
        select 'rush-' || n, 'RUSH' || n from generate_series(1, ${families}::int) n
        returning id, identifier
      ), guardians as (
        insert into users (role, family_id, login, email, first_name, last_name, password_hash, is_payer)
        select 'family', id, identifier, identifier || '@example.fr', 'Camille', 'RUSH', 'not-a-hash', true from new_families
        returning id, family_id
      ), kids as (
        insert into children (family_id, first_name, last_name, birth_date)
        select id, 'Léa', 'RUSH', '2019-03-01' from new_families
        returning id, family_id
      ), new_baskets as (
        insert into baskets (family_id, version)
        select id, ${dayIds.length}::int from new_families
        returning id, family_id, version
      ), lines as (
        insert into basket_items (basket_id, child_id, activity_day_id, action)
        select b.id, k.id, d.day_id, 'add'
        from new_baskets b
        join kids k on k.family_id = b.family_id
        cross join unnest(${dayIds}::int[]) with ordinality as d(day_id, position)
        order by b.id, d.position
      )
      select b.family_id as "familyId", g.id as "guardianId", b.id as "basketId", b.version
      from new_baskets b join guardians g on g.family_id = b.family_id
      order by b.id`;
    return rows.map((row) => ({ ...row }));
  } finally {
    await sql.end();
  }
}

async function measureValidations(url: string, { clients, seconds, families, pool }: Required<Omit<ServiceLevelOptions, 'adminUrl'>>) {
  const handle = connectPostgres(url, { max: pool });
  try {
    const db = handle.db;
    const clock = fixedClock('2026-11-26T07:00:00Z');
    const activity = await anActivity(db, { unitPriceCents: 475, minAgeYears: 3, maxAgeYears: 12 });
    const period = await aBookingPeriod(db, { opensAt: new Date('2026-11-26T06:59:00Z') });
    const days = [];
    for (const date of DATES) days.push(await anActivityDay(db, { activityId: activity.id, bookingPeriodId: period.id, date, capacity: 60, waitlistCapacity: 20 }));
    const prepared = await prepareFamilies(url, families, days.map((day) => day.id));

    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < prepared.length && performance.now() < deadline) {
          const family = prepared[next++]!;
          const t0 = performance.now();
          const response = await validateBasket(db, clock, family.familyId, { id: family.guardianId, role: 'family' }, { basketId: family.basketId, version: family.version });
          if (!response.ok) throw new Error(response.message);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [over] = await sql<{ n: number }[]>`
        select count(*)::int as n from activity_days d
        where (select count(*) from reservations r where r.activity_day_id = d.id and r.status in ('pending', 'confirmed')) > d.capacity
           or (select count(*) from reservations r where r.activity_day_id = d.id and r.status = 'waitlisted') > d.waitlist_capacity`;
      return { validations: latencies.length, elapsed, p95: percentiles(latencies).p95, overbookedDays: over!.n, exhausted: next >= prepared.length };
    } finally {
      await sql.end();
    }
  } finally {
    await handle.close();
  }
}

/** pgbench's TPC-B-like transactions (scale 1) in a scratch database: transactions per second. */
async function measurePgbench(adminUrl: string, clients: number, seconds: number): Promise<number> {
  // pgbench makes its own tables: the app's migrations have no place there.
  const measure = async ({ url }: { url: string }) => {
    const { hostname, port, username, password, pathname } = new URL(url);
    const env = { ...process.env, PGHOST: hostname, PGPORT: port || '5432', PGUSER: decodeURIComponent(username || 'postgres'), ...(password ? { PGPASSWORD: decodeURIComponent(password) } : {}) };
    const database = pathname.slice(1);
    await run('pgbench', ['-i', '-q', database], { env });
    const { stdout } = await run('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds), database], { env, maxBuffer: 1 << 20 });
    const tps = /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Number(tps[1]);
  };
  return withScratchDatabase(adminUrl, 'pgbench', measure, { migrate: false });
}

/**
 * Validations per second with `clients` in flight over `seconds`, on four contended days, then
 * pgbench at the same client count for as long on the same server; everything it creates is dropped.
 */
export async function measureServiceLevel(options: ServiceLevelOptions): Promise<ServiceLevel> {
  const { adminUrl, clients, seconds } = options;
  const families = options.families ?? Math.max(2000, clients * seconds * 30);
  const pool = options.pool ?? clients;
  const validation = await withScratchDatabase(adminUrl, 'bench_service', ({ url }) => measureValidations(url, { clients, seconds, families, pool }));
  if (validation.exhausted) console.warn(`measureServiceLevel: all ${families} baskets were validated in ${validation.elapsed.toFixed(1)} s; ask for more families.`);
  const pgbenchTps = await measurePgbench(adminUrl, clients, seconds);
  const validationsPerSecond = validation.validations / validation.elapsed;
  return {
    validationsPerSecond: Math.round(validationsPerSecond * 10) / 10,
    p95ValidationServiceMs: Math.round(validation.p95),
    pgbenchTps: Math.round(pgbenchTps),
    ratio: Math.round((validationsPerSecond / pgbenchTps) * 1000) / 1000,
    overbookedDays: validation.overbookedDays,
  };
}
