// The family pages of a town of 10,000 families at 50 concurrent connections: the calendar,
// Accueil, Historiques, Soldes and Suivi of one logged-in family, against the login page (the
// framework's floor) in the same run → pageRatio. Usage:
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres npm run bench:pages
// BENCH_SECONDS (default 15) per page, BENCH_FAMILIES (default 10,000), BENCH_CONNECTIONS (50).
// It creates and drops its own database, builds the app when there is no build, starts it and
// stops it at the end (also on an error or Ctrl-C).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { connectPostgres } from '../db/client';
import { appClock } from '../lib/clock';
import { DEMO_FAMILY_PASSWORD, loadDemoData } from '../scripts/demo-data';
import { measurePages } from './rush/pages-load';
import { logIn } from './rush/parent';
import { cleanUp } from './support/cleanup';
import { createScratchDatabase } from './support/database';
import { ensureBuild, startAppServer } from './support/servers';

const families = Number(process.env.BENCH_FAMILIES ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL server (the benchmark creates and drops its own database).');
  process.exit(2);
}
/** The measured family: the demo's DUPONT, whose password the README publishes. */
const MEASURED_LOGIN = 'dupont';

/**
 * The demo town (activities, the past, open and future periods, menus, news, DUPONT and forty
 * families), grown to `families` families with set-based SQL: 1 to 3 children each, their wallets,
 * the past period attended and consumed, three desk payments each, and the open and future
 * periods' days booked to 60 % of a town-sized capacity. Every family logs in with the demo
 * family password: its argon2 hash is computed once (by the demo data) and copied.
 */
async function seed(url: string) {
  const handle = connectPostgres(url, { max: 2 });
  try {
    await loadDemoData(handle.db, appClock());
  } finally {
    await handle.close();
  }
  const db = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const existing = (await db<{ n: number }[]>`select count(*)::int as n from families`)[0]!.n;
    const extra = Math.max(0, families - existing);
    await db.unsafe(`
      insert into families (identifier, name, address)
      select 'famille' || lpad(n::text, 5, '0'), 'FAMILLE ' || n, n || ' rue des Écoles, 33610 Cestas' from generate_series(1, ${extra}) n;
      insert into users (role, family_id, login, email, first_name, last_name, password_hash, is_payer)
      select 'family', f.id, f.identifier, f.identifier || '@example.test', 'Parent', f.name,
             (select password_hash from users where login = '${MEASURED_LOGIN}'), true
      from families f where f.identifier like 'famille%';
      -- Children of 3 to 11 years: both age groups of the ALSH activities.
      insert into children (family_id, first_name, last_name, birth_date)
      select f.id, 'Enfant ' || k, f.name, (now() at time zone 'Europe/Paris')::date - (3 * 365 + (f.id * 37 + k * 400) % (8 * 365))
      from families f cross join generate_series(1, 3) k where f.identifier like 'famille%' and k <= 1 + f.id % 3;
      insert into wallets (family_id, wallet_type_id)
      select f.id, w.id from families f cross join wallet_types w where f.identifier like 'famille%';
      create temporary table bench_children as
        select row_number() over (order by c.id)::int - 1 as n, c.id, c.family_id
        from children c join families f on f.id = c.family_id where f.identifier like 'famille%';
      create unique index on bench_children (n);
      analyze bench_children;
      -- A town ten times the demo's: ten times the places, except on the demo's full days.
      update activity_days d set capacity = d.capacity * 10, waitlist_capacity = d.waitlist_capacity * 10
      from activities a where a.id = d.activity_id and d.capacity = a.default_capacity;
    `);
    const children = (await db<{ n: number }[]>`select count(*)::int as n from bench_children`)[0]!.n;
    // Each day's children: consecutive ones from an offset that moves with the day, so that a day
    // never holds a child twice.
    const onDays = (days: string, count: string, columns: string) => `
      insert into reservations (family_id, child_id, activity_day_id, status, requested_at, transmitted_at, updated_at, reported_at)
      select c.family_id, c.id, d.id, ${columns}
      from (${days}) d cross join lateral generate_series(1, ${count}) i
      join bench_children c on c.n = (d.id * 7919 + i) % ${children}`;
    const today = `(now() at time zone 'Europe/Paris')::date`;
    await db.unsafe(`
      ${onDays(
        `select id, date, capacity from activity_days where date < ${today}`,
        `least(${children}, (d.capacity * 6) / 10)`,
        `'attended', d.date - 30, d.date - 29, d.date - 29, d.date - 29`,
      )};
      ${onDays(
        `select d.id, d.date, d.capacity - (select count(*) from reservations r where r.activity_day_id = d.id and r.status in ('pending', 'confirmed')) as free
         from activity_days d where d.date >= ${today}`,
        `greatest(0, least(${children}, d.free - d.free * 4 / 10))`,
        `'confirmed', now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'`,
      )}
      on conflict do nothing;
      insert into consumptions (family_id, child_id, activity_id, wallet_id, reservation_id, date, unit_price_cents, quantity, total_cents, created_at)
      select r.family_id, r.child_id, a.id, w.id, r.id, d.date, a.unit_price_cents, a.quantity, a.unit_price_cents * a.quantity, d.date + time '19:00'
      from reservations r join activity_days d on d.id = r.activity_day_id join activities a on a.id = d.activity_id
      join wallets w on w.family_id = r.family_id and w.wallet_type_id = a.wallet_type_id
      join families f on f.id = r.family_id
      where r.status = 'attended' and f.identifier like 'famille%';
      insert into wallet_entries (wallet_id, kind, amount_cents, occurred_on, label, consumption_id, created_at)
      select c.wallet_id, 'consumption', -c.total_cents, c.date, a.name, c.id, c.created_at
      from consumptions c join activities a on a.id = c.activity_id join families f on f.id = c.family_id
      where f.identifier like 'famille%';
      -- Three cheques a family, each credited to the wallet its family used most.
      insert into payments (family_id, mode, status, amount_cents, received_on, piece_number, payer_name, bank_name, created_at)
      select f.id, 'CH', 'paid', 2000 + (f.id * 13 + k * 700) % 6000, ${today} - 20 - k * 25, lpad((f.id * 10 + k)::text, 7, '0'), 'Parent ' || f.name, 'Crédit Agricole',
             ${today} - 20 - k * 25 + time '10:00'
      from families f cross join generate_series(1, 3) k where f.identifier like 'famille%';
      insert into payment_allocations (payment_id, wallet_id, amount_cents)
      select p.id, (select w.id from wallets w left join consumptions c on c.wallet_id = w.id where w.family_id = p.family_id group by w.id order by count(c.id) desc, w.id limit 1), p.amount_cents
      from payments p join families f on f.id = p.family_id where f.identifier like 'famille%';
      insert into wallet_entries (wallet_id, kind, amount_cents, occurred_on, label, payment_allocation_id, created_at)
      select pa.wallet_id, 'payment', pa.amount_cents, p.received_on, 'Règlement CH n° ' || p.piece_number, pa.id, p.created_at
      from payment_allocations pa join payments p on p.id = pa.payment_id join families f on f.id = p.family_id
      where f.identifier like 'famille%';
      analyze;
    `);
    const [counts] = await db<Record<string, number>[]>`
      select (select count(*)::int from families) as families, (select count(*)::int from children) as children,
             (select count(*)::int from reservations) as reservations, (select count(*)::int from consumptions) as consumptions,
             (select count(*)::int from payments) as payments, (select count(*)::int from wallet_entries) as "walletEntries"`;
    return counts!;
  } finally {
    await db.end();
  }
}

/** The calendar as DUPONT's parent reaches it: the first child on the page, then its first activity. */
async function calendarPathOf(baseUrl: string, cookie: string): Promise<string> {
  const page = async (pagePath: string) => (await fetch(`${baseUrl}${pagePath}`, { headers: { cookie }, redirect: 'manual' })).text();
  const child = /href="\/reservations\?enfant=(\d+)"/.exec(await page('/reservations'))?.[1];
  if (!child) throw new Error('The Réservations page lists no child.');
  const activity = /href="\/reservations\?enfant=\d+&amp;activite=(\d+)"/.exec(await page(`/reservations?enfant=${child}`))?.[1];
  if (!activity) throw new Error(`The Réservations page offers no activity to child ${child}.`);
  return `/reservations?enfant=${child}&activite=${activity}`;
}

async function main() {
  try {
    const database = await createScratchDatabase(adminUrl!, 'bench_pages');
    const build = ensureBuild();
    const seedStarted = performance.now();
    const town = await seed(database.url);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    console.log(`Seeded in ${seedSeconds} s: ${JSON.stringify(town)}`);
    await build;

    // The scheduled jobs stay off, so that they do not run in the middle of a measurement.
    const server = await startAppServer({ databaseUrl: database.url, extraEnv: { SCHEDULED_JOBS: 'off' } });
    const cookie = await logIn(server.url, MEASURED_LOGIN, DEMO_FAMILY_PASSWORD);
    const calendarPath = await calendarPathOf(server.url, cookie);
    console.log(`Measuring ${seconds} s a page at ${connections} connections, ${server.workers} worker process(es) (calendar: ${calendarPath})…`);
    const measurement = await measurePages({ baseUrl: server.url, cookie, calendarPath, connections, seconds });

    console.log('\n| page | req/s | p50 ms | p95 ms | non-2xx |');
    console.log('|---|---|---|---|---|');
    for (const [page, figures] of Object.entries(measurement.pages)) {
      console.log(`| ${page} | ${figures.rps} | ${figures.p50Ms} | ${figures.p95Ms} | ${figures.non2xx} |`);
    }
    console.log(`\npageRatio (calendar ÷ login) = ${measurement.pageRatio}; p95 calendar ${measurement.p95CalendarMs} ms`);

    const stamp = new Date().toISOString().slice(0, 10);
    const file = path.resolve('bench/results', `pages-${stamp}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30) };
    fs.writeFileSync(
      file,
      `${JSON.stringify({ ranAt: new Date().toISOString(), machine, workers: server.workers, families, connections, seconds, town, seedSeconds, calendarPath, ...measurement }, null, 2)}\n`,
    );
    console.log(`Written ${path.relative(process.cwd(), file)}`);
    const failed = Object.entries(measurement.pages).filter(([, figures]) => figures.non2xx > 0);
    if (failed.length > 0) {
      console.error(`Non-2xx answers on: ${failed.map(([page]) => page).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
