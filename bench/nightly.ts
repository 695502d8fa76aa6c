// The nightly jobs over a town's school year: ~10,000 families, 100,000 reservations. Times each
// job (through the registry, so job_runs are recorded) on a fixed clock, runs each a second time
// (it must change nothing), then checks the data. Usage:
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:nightly -- [families] [reservations]
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { connectPostgres } from '../db/client';
import { fixedClock } from '../lib/clock';
import { runJob, type JobName } from '../lib/jobs/registry';
import { cleanUp } from './support/cleanup';
import { createScratchDatabase } from './support/database';

const families = Number(process.argv[2] ?? 10_000);
const totalReservations = Number(process.argv[3] ?? 100_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// The night of Monday 16 to Tuesday 17 March 2026 (Paris), each job at its scheduled time.
const schedule: { job: JobName; at: string }[] = [
  { job: 'transmitRequests', at: '2026-03-16T22:30:00Z' },
  { job: 'promoteWaitingLists', at: '2026-03-16T22:45:00Z' },
  { job: 'postConsumptions', at: '2026-03-16T23:30:00Z' },
  { job: 'sendDailyReports', at: '2026-03-17T06:00:00Z' },
];
/** The last day posted by postConsumptions (its "today" is the 17th); the first day of the future. */
const LAST_PAST_DAY = '2026-03-16';
const FIRST_FUTURE_DAY = '2026-03-19';
/** Full days: 40 places, 25 of them cancelled, 30 waiting, so 25 promotions each. */
const FULL_CAPACITY = 40;
const FULL_CANCELLED = 25;
const FULL_WAITING = 30;

/** Builds the town with set-based SQL: a few seconds for 100,000 reservations. */
async function seed(db: postgres.Sql) {
  await db.unsafe(`
    insert into wallet_types (code, label, position) values
      ('RESTAURATION', 'RESTAURATION', 1), ('PERISCOLAIRE', 'PERISCOLAIRE', 2), ('CDC', 'CDC PE2M - APS ET CLSH', 3);
    insert into activities (code, name, wallet_type_id, unit_price_cents, quantity, arrival_time, departure_time, min_age_years, max_age_years, default_capacity, default_waitlist_capacity, approval)
    select code, name, (select id from wallet_types where wallet_types.code = w), price, qty, a::time, d::time, 3, 12, cap, 30, approval::activity_approval
    from (values
      ('REST', 'Restauration scolaire', 'RESTAURATION', 415, 1, '11:30', '13:30', 3000, 'automatic'),
      ('APSM', 'Périscolaire matin', 'PERISCOLAIRE', 120, 1, '07:30', '08:30', 400, 'automatic'),
      ('APSS', 'Périscolaire soir', 'PERISCOLAIRE', 210, 1, '16:30', '18:30', 400, 'automatic'),
      ('ALSH', 'ALSH mercredi journée', 'CDC', 665, 2, '09:00', '17:00', 400, 'manual')
    ) as a(code, name, w, price, qty, a, d, cap, approval);
    insert into booking_periods (label, starts_on, ends_on, opens_at, closes_at)
    values ('Année scolaire 2025-2026', '2025-09-01', '2026-07-03', '2025-06-01T06:00:00Z', '2026-07-01T10:00:00Z');

    -- School days outside the holidays (zone C): restauration and périscolaire on Mon, Tue, Thu,
    -- Fri; the ALSH on Wednesdays.
    create temporary table school_days as
      select d::date as date, extract(isodow from d)::int as dow
      from generate_series('2025-09-01'::date, '2026-07-03'::date, '1 day') as d
      where extract(isodow from d) between 1 and 5
        and not (d between '2025-10-18' and '2025-11-02' or d between '2025-12-20' and '2026-01-04'
              or d between '2026-02-21' and '2026-03-08' or d between '2026-04-18' and '2026-05-03'
              or d in ('2025-11-11', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25'));
    insert into activity_days (activity_id, booking_period_id, date, capacity, waitlist_capacity)
    select a.id, (select id from booking_periods), s.date, a.default_capacity, a.default_waitlist_capacity
    from activities a join school_days s on (a.code = 'ALSH') = (s.dow = 3);
    analyze activity_days;
  `);

  // Families with 1 to 3 children and one guardian each, nine in ten with an e-mail address.
  await db.unsafe(`
    insert into families (identifier, name) select 'F' || lpad(n::text, 6, '0'), 'FAMILLE ' || n from generate_series(1, ${families}) n;
    insert into users (role, family_id, login, email, first_name, last_name, password_hash, is_payer)
    select 'family', f.id, f.identifier, case when f.id % 10 <> 0 then 'famille' || f.id || '@example.test' end, 'Parent', f.name, 'bench-no-login', true
    from families f;
    insert into children (family_id, first_name, last_name, birth_date)
    select f.id, 'Enfant ' || k, f.name, date '2014-09-01' + ((f.id * 37 + k * 400) % 3000)
    from families f cross join generate_series(1, 3) k where k <= 1 + f.id % 3;
    -- Most families already have their wallets; postConsumptions creates the others.
    insert into wallets (family_id, wallet_type_id) select f.id, w.id from families f cross join wallet_types w where f.id % 10 <> 5;
    create temporary table numbered_children as select row_number() over (order by id)::int - 1 as n, id, family_id from children;
    create unique index on numbered_children (n);
    analyze numbered_children;
  `);
  const children = (await db<{ n: number }[]>`select count(*)::int as n from children`)[0]!.n;

  // Each day's children: `count` consecutive ones from an offset that moves with the day, so a day
  // never holds a child twice and every child has days.
  const onDays = (days: string, count: string, columns: string) => `
    insert into reservations (family_id, child_id, activity_day_id, status, waitlist_rank, requested_at, transmitted_at, updated_at, reported_at)
    select c.family_id, c.id, d.id, ${columns}
    from (${days}) d cross join lateral generate_series(1, ${count}) i
    join numbered_children c on c.n = (d.id * 7919 + i) % ${children}`;

  // Full days (périscolaire, in the future): 40 places taken, 25 of them then cancelled by families
  // (so 25 free places), 30 waiting in rank order. 120 days: 3,000 promotions to make.
  await db.unsafe(`
    update activity_days set capacity = ${FULL_CAPACITY}, waitlist_capacity = ${FULL_WAITING}
    where date >= '${FIRST_FUTURE_DAY}' and activity_id in (select id from activities where code in ('APSM', 'APSS'));
    ${onDays(
      `select ad.id, ad.date from activity_days ad join activities a on a.id = ad.activity_id where a.code in ('APSM', 'APSS') and ad.date >= '${FIRST_FUTURE_DAY}'`,
      String(FULL_CAPACITY + FULL_WAITING),
      `(case when i <= ${FULL_CANCELLED} then 'cancelled' when i <= ${FULL_CAPACITY} then 'confirmed' else 'waitlisted' end)::reservation_status,
       case when i > ${FULL_CAPACITY} then i - ${FULL_CAPACITY} end,
       d.date - 30, case when i <= ${FULL_CAPACITY} then d.date - 29 end, d.date - 20, d.date - 20`,
    )};
  `);
  // Requests validated today, « Non transmis »: restauration (automatic: to transmit) and ALSH
  // (manual: they stay pending).
  await db.unsafe(`
    ${onDays(
      `select ad.id, ad.date, a.code from activity_days ad join activities a on a.id = ad.activity_id where a.code in ('REST', 'ALSH') and ad.date >= '${FIRST_FUTURE_DAY}'`,
      `case d.code when 'REST' then ${Math.round(families * 0.03)} else ${Math.round(families * 0.01)} end`,
      `'pending', null, timestamptz '2026-03-16 17:00:00+01', null, timestamptz '2026-03-16 17:00:00+01', null`,
    )};
  `);
  // The rest: the days already over, confirmed and told, to be posted; as many per day everywhere.
  const [sizes] = await db<{ sofar: number; pastDays: number }[]>`
    select (select count(*)::int from reservations) as sofar, (select count(*)::int from activity_days where date <= ${LAST_PAST_DAY}) as "pastDays"`;
  const remaining = Math.max(0, totalReservations - sizes!.sofar);
  const perDay = Math.ceil(remaining / sizes!.pastDays);
  await db.unsafe(`
    ${onDays(
      `select ad.id, ad.date from activity_days ad where ad.date <= '${LAST_PAST_DAY}'`,
      String(perDay),
      `'confirmed', null, d.date - 30, d.date - 29, d.date - 29, d.date - 29`,
    )}
    order by d.id, i limit ${remaining};
    analyze;
  `);
  const [counts] = await db<{ reservations: number; families: number; children: number; activityDays: number; past: number; pending: number; full: number }[]>`
    select (select count(*)::int from reservations) as reservations, (select count(*)::int from families) as families,
           (select count(*)::int from children) as children, (select count(*)::int from activity_days) as "activityDays",
           (select count(*)::int from reservations r join activity_days d on d.id = r.activity_day_id where d.date <= ${LAST_PAST_DAY}) as past,
           (select count(*)::int from reservations where status = 'pending') as pending,
           (select count(*)::int from reservations where status in ('waitlisted', 'cancelled')) as full`;
  return counts!;
}

/** What must hold once the jobs ran: each failed check is named. */
async function check(db: postgres.Sql) {
  const [facts] = await db<Record<string, number>[]>`
    select
      (select count(*)::int from consumptions) as consumptions,
      (select count(*)::int from reservations r join activity_days d on d.id = r.activity_day_id
        where r.status in ('confirmed', 'attended') and d.date <= ${LAST_PAST_DAY}) as "postedReservations",
      (select coalesce(sum(total_cents), 0)::bigint from consumptions)::float8 as "consumptionTotalCents",
      (select coalesce(-sum(amount_cents), 0)::bigint from wallet_entries where kind = 'consumption')::float8 as "debitCents",
      (select count(*)::int from consumptions c left join wallet_entries e on e.consumption_id = c.id where e.id is null) as "consumptionsWithoutDebit",
      (select count(*)::int from activity_days d where
        (select count(*) from reservations r where r.activity_day_id = d.id and r.status in ('pending', 'confirmed')) > d.capacity
        or (select count(*) from reservations r where r.activity_day_id = d.id and r.status = 'waitlisted') > d.waitlist_capacity) as "daysOverCapacity",
      (select count(*)::int from (
        select activity_day_id from reservations where status = 'waitlisted' group by activity_day_id
        having min(waitlist_rank) <> 1 or max(waitlist_rank) <> count(*) or count(distinct waitlist_rank) <> count(*)) x) as "daysWithBrokenRanks",
      (select count(*)::int from reservations where status = 'pending' and activity_day_id in
        (select d.id from activity_days d join activities a on a.id = d.activity_id where a.approval = 'automatic')) as "automaticStillPending",
      (select count(*)::int from reservations where status in ('confirmed', 'waitlisted', 'refused', 'cancelled') and reported_at is distinct from updated_at) as unreported,
      (select count(*)::int from job_runs where status = 'succeeded') as "jobRunsSucceeded"`;
  const f = facts!;
  const failures = [
    f.consumptions !== f.postedReservations && 'consumptions ≠ posted reservations',
    f.consumptionTotalCents !== f.debitCents && 'sum of debits ≠ sum of consumption totals',
    f.consumptionsWithoutDebit !== 0 && 'consumptions without a debit',
    f.daysOverCapacity !== 0 && 'days over capacity',
    f.daysWithBrokenRanks !== 0 && 'waiting lists whose ranks are not 1..n',
    f.automaticStillPending !== 0 && 'automatic requests still pending',
    f.unreported !== 0 && 'changes not reported',
    f.jobRunsSucceeded !== schedule.length * 2 && 'job_runs not all recorded as succeeded',
  ].filter((failure): failure is string => typeof failure === 'string');
  return { facts: f, failures };
}

/** Whatever the report counts (transmitted, promoted, posted, families…): all zero on a second run. */
const countsOf = (report: unknown) => Object.values(report as Record<string, number>).filter((value) => typeof value === 'number');

async function main() {
  const database = await createScratchDatabase(adminUrl, 'bench');
  const handle = connectPostgres(database.url, { max: 5 });
  const raw = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const seedStarted = performance.now();
    const town = await seed(raw);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`Seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify(town)}`);

    const clock = fixedClock(schedule[0]!.at);
    const results: { job: JobName; firstSeconds: number; firstReport: unknown; secondSeconds: number; secondReport: unknown }[] = [];
    for (const { job, at } of schedule) {
      clock.set(at);
      let started = performance.now();
      const firstReport = await runJob(handle.db, clock, job, { trigger: 'bench' });
      const firstSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const secondReport = await runJob(handle.db, clock, job, { trigger: 'bench' });
      const secondSeconds = (performance.now() - started) / 1000;
      console.log(`${job}: ${firstSeconds.toFixed(2)} s ${JSON.stringify(firstReport)}; again ${secondSeconds.toFixed(2)} s ${JSON.stringify(secondReport)}`);
      results.push({ job, firstSeconds, firstReport, secondSeconds, secondReport });
    }

    const idle = results.filter((result) => countsOf(result.secondReport).some((count) => count !== 0)).map((result) => `${result.job} did work on its second run`);
    const { facts, failures } = await check(raw);
    failures.push(...idle);

    console.log('\n| job | first run | second run | first run report |');
    console.log('|---|---|---|---|');
    for (const r of results) console.log(`| ${r.job} | ${r.firstSeconds.toFixed(2)} s | ${r.secondSeconds.toFixed(2)} s | ${JSON.stringify(r.firstReport)} |`);
    console.log(`\nChecks: ${JSON.stringify(facts)}`);
    console.log(failures.length === 0 ? 'All checks passed.' : `FAILED: ${failures.join('; ')}`);

    const stamp = new Date().toISOString().slice(0, 10);
    const file = path.resolve('bench/results', `nightly-${stamp}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `${JSON.stringify({ ranAt: new Date().toISOString(), families, town, seedSeconds: Number(seedSeconds.toFixed(1)), jobs: results.map((r) => ({ ...r, firstSeconds: Number(r.firstSeconds.toFixed(2)), secondSeconds: Number(r.secondSeconds.toFixed(2)) })), checks: facts, failures }, null, 2)}\n`,
    );
    console.log(`Written ${path.relative(process.cwd(), file)}`);
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await raw.end();
    await handle.close();
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
