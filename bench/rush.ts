// `npm run bench:rush`: the opening-day rush against the production build on real PostgreSQL.
// Measures the validation service against pgbench (ratio), the pages against the login page
// (pageRatio), then the morning itself: N parents over HTTP (login, calendar, clicks, recap,
// « Valider »), with the invariants checked after each morning; raises the arrival rate until a p95
// passes 500 ms (parentsPerMinute); optionally with faults (RUSH_FAULTS=1), and on two instances
// behind a round-robin proxy (parentsPerMinuteTwoInstances). Settings: bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkInvariants, type ParentRecord, type Violations } from './rush/invariants';
import { P95_LIMIT_MS, requestsBetween, runMorning, type MorningReport, type MorningRun } from './rush/morning';
import { appAnswers, injectFaults, type FaultEvent } from './rush/faults';
import { measurePages, type PagesMeasurement } from './rush/pages-load';
import { closeSharedAgent, logIn } from './rush/parent';
import { planMorning } from './rush/plans';
import { measureServiceLevel, type ServiceLevel } from './rush/service';
import { atExit, cleanUp } from './support/cleanup';
import { ensureBuild, instanceSettings, startAppServer, startProxy, type AppServer, type Proxy } from './support/servers';
import { createBenchDatabase, resetBookings, RUSH_PASSWORD, seedTown, type BenchDatabase, type Town } from './rush/town';

const env = process.env;
const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const settings = {
  families: number('RUSH_FAMILIES', 2500),
  minutes: number('RUSH_MINUTES', 10),
  ramp: env.RUSH_RAMP !== '0',
  rampMinutes: number('RUSH_RAMP_MINUTES', 2),
  /** Arrival rates of the ramp's steps, as multiples of the default morning's rate. */
  rampFactors: (env.RUSH_RAMP_FACTORS ?? '1.5,2,3,4,6,8').split(',').map(Number),
  faults: env.RUSH_FAULTS === '1',
  pgRestart: env.RUSH_PG_RESTART?.trim() || null,
  /** Which server setups to run: 1, 2 or both (default). */
  instances: (env.RUSH_INSTANCES ?? '1,2').split(',').map(Number),
  service: env.RUSH_SERVICE !== '0',
  serviceClients: number('RUSH_SERVICE_CLIENTS', 40),
  serviceSeconds: number('RUSH_SERVICE_SECONDS', 20),
  pages: env.RUSH_PAGES !== '0',
  pagesSeconds: number('RUSH_PAGES_SECONDS', 15),
  requestTimeoutMs: number('RUSH_TIMEOUT_MS', 30_000),
  seed: number('RUSH_SEED', 13),
};
const adminUrl = env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5433/postgres): the benchmark creates and drops its own database.');
  process.exit(2);
}
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

interface CheckedMorning {
  label: string;
  report: MorningReport;
  violations: Violations;
  jobs: JobsCheck;
}

interface JobsCheck {
  /** Scheduled runs per job during the morning. */
  runs: Record<string, number>;
  /** (job, minute) pairs run more than once: must be none. */
  duplicates: string[];
  failed: number;
}

/** What the scheduled jobs did since `since`: each cron tick must have run at most once across instances. */
async function checkJobs(db: BenchDatabase, since: Date): Promise<JobsCheck> {
  const runs = await db.sql<{ job: string; n: number; failed: number }[]>`
    select job, count(*)::int as n, count(*) filter (where status = 'failed')::int as failed
    from job_runs where trigger = 'schedule' and started_at >= ${since} group by job order by job`;
  const duplicates = await db.sql<{ line: string }[]>`
    select format('%s at %s: %s runs', job, to_char(date_trunc('minute', started_at), 'HH24:MI'), count(*)) as line
    from job_runs where trigger = 'schedule' and started_at >= ${since}
    group by job, date_trunc('minute', started_at) having count(*) > 1`;
  return { runs: Object.fromEntries(runs.map((r) => [r.job, r.n])), duplicates: duplicates.map((d) => d.line), failed: runs.reduce((sum, r) => sum + r.failed, 0) };
}

const recordsOf = (runs: MorningRun[]): ParentRecord[] =>
  runs.map(({ planned, run }) => ({
    familyId: planned.family.familyId,
    clicks: planned.plan.clicks,
    validated: run.validated,
    validationId: run.validationId,
    acceptedClicks: run.acceptedClicks,
  }));

/** One morning on fresh bookings: `parents` families arriving over `minutes`, then the checks. */
async function morning(
  label: string,
  { db, town, target, parents, minutes, seed, faults }: { db: BenchDatabase; town: Town; target: string | (() => string); parents: number; minutes: number; seed: number; faults?: boolean },
) {
  await resetBookings(db.sql);
  const since = new Date();
  const planned = planMorning(town.families.slice(0, parents), town, minutes, seed);
  log(`${label}: ${planned.length} parents over ${minutes} min (${Math.round(planned.length / minutes)}/min)…`);
  let injector: ReturnType<typeof injectFaults> | null = null;
  const startedAt = Date.now();
  if (faults) {
    injector = injectFaults({ adminUrl: adminUrl!, database: db.name, restartCommand: settings.pgRestart, morningMs: minutes * 60_000 }, startedAt, log);
  }
  const { report, runs } = await runMorning({ target, parents: planned, minutes, timeoutMs: settings.requestTimeoutMs, log });
  const events = injector ? await injector.done() : [];
  const violations = await checkInvariants(db.handle.db, recordsOf(runs));
  const jobs = await checkJobs(db, since);
  log(
    `${label}: p95 validation ${report.p95ValidationMs} ms, click ${report.p95ClickMs} ms, pages ${report.p95PageMs} ms; ${report.validated}/${report.parents} validated; ` +
      `5xx ${report.serverErrors}, lost ${report.lostRequests}, busy ${report.busyAnswers}; violations ${violations.count}; generator lag p99 ${report.generatorEventLoopDelayMs.p99} ms${report.held ? '' : ' — did not hold'}`,
  );
  for (const example of violations.examples.slice(0, 5)) log(`  violation: ${example}`);
  return { checked: { label, report, violations, jobs } satisfies CheckedMorning, runs, events, startedAt };
}

interface RampStep {
  parentsPerMinute: number;
  parents: number;
  held: boolean;
  p95Ms: Record<string, number>;
  serverErrors: number;
  lostRequests: number;
  violations: number;
}

/**
 * From the default morning's rate: up by RUSH_RAMP_FACTORS while each step holds (every p95 under
 * 500 ms, no 5xx, no lost request, no violation); when the morning itself did not hold, down by
 * halves instead. The highest rate that held, or null.
 */
async function ramp(label: string, base: CheckedMorning, run: (rate: number, parents: number, minutes: number, seed: number) => Promise<CheckedMorning>) {
  const baseRate = base.report.parents / base.report.minutes;
  const baseHeld = base.report.held && base.violations.count === 0;
  const steps: RampStep[] = [];
  let best = baseHeld ? baseRate : null;
  if (!settings.ramp) return { parentsPerMinute: best, steps };
  const factors = baseHeld ? settings.rampFactors : [0.5, 0.25, 0.125];
  for (const [i, factor] of factors.entries()) {
    const rate = baseRate * factor;
    const parents = Math.max(1, Math.round(rate * settings.rampMinutes));
    const step = await run(Math.round(rate), parents, settings.rampMinutes, settings.seed + 100 + i);
    const held = step.report.held && step.violations.count === 0;
    steps.push({
      parentsPerMinute: Math.round(rate),
      parents,
      held,
      p95Ms: Object.fromEntries(Object.entries(step.report.byKind).map(([kind, p]) => [kind, p.p95])),
      serverErrors: step.report.serverErrors,
      lostRequests: step.report.lostRequests,
      violations: step.violations.count,
    });
    log(`${label} ramp: ${Math.round(rate)} parents/min ${held ? 'held' : 'did not hold'}`);
    if (held && (best === null || rate > best)) best = rate;
    if (baseHeld ? !held : held) break;
  }
  return { parentsPerMinute: best === null ? null : Math.round(best), steps };
}

async function postgresVersion(db: BenchDatabase) {
  const [row] = await db.sql<{ version: string }[]>`select version()`;
  return row!.version;
}

function faultsSummary(events: FaultEvent[], runs: MorningRun[]) {
  return events.map((event) => {
    // The requests in flight at the fault or sent in the 10 s after it (after the server was back).
    const until = event.at + ((event.downSeconds ?? 0) + 10) * 1000;
    return { ...event, requestsAround: requestsBetween(runs, event.at, until) };
  });
}

/** The error lines the servers logged since `from` (an offset in their output): how many, and the first distinct ones. */
function serverErrorLines(servers: AppServer[], from: number[]) {
  const lines = servers.flatMap((server, i) => server.output().slice(from[i]).split('\n')).filter((line) => /error|terminat|ECONN/i.test(line));
  return { count: lines.length, first: [...new Set(lines.map((line) => line.trim().slice(0, 300)))].slice(0, 8) };
}

async function main() {
  const started = performance.now();
  // Whatever is running is stopped on the way out (bench/support/cleanup.ts), the parent client's pool last.
  atExit(closeSharedAgent);

  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1e9), node: process.version, platform: `${os.type()} ${os.release()}` };
  const notes: string[] = [];

  // 1. The validation service against pgbench, before any server runs.
  let service: ServiceLevel | null = null;
  if (settings.service) {
    log(`Service level: ${settings.serviceClients} clients, ${settings.serviceSeconds} s of validations, then pgbench…`);
    service = await measureServiceLevel({ adminUrl: adminUrl!, clients: settings.serviceClients, seconds: settings.serviceSeconds });
    log(`Service level: ${JSON.stringify(service)}`);
  }

  // 2. The town.
  if (await ensureBuild(log)) notes.push('The production build was made by this run.');
  const maxRampParents = settings.ramp ? Math.ceil((settings.families / settings.minutes) * Math.max(...settings.rampFactors) * settings.rampMinutes) : 0;
  const db = await createBenchDatabase(adminUrl!);
  atExit(db.drop);
  log(`Database ${db.name}: seeding ${Math.max(settings.families, maxRampParents)} families…`);
  const seedStarted = performance.now();
  const town = await seedTown(db.sql, { families: Math.max(settings.families, maxRampParents), sizingFamilies: settings.families });
  const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
  log(`Seeded in ${seedSeconds} s: ${town.days.length} opening days, ${town.days.filter((d) => d.popular).length} popular (${town.popularCapacity} places, ${town.popularWaitlist} waiting each).`);
  const pgVersion = await postgresVersion(db);
  const shared = instanceSettings();
  const firstFamily = town.families.at(-1)!;
  const alsh = town.days.find((day) => day.popular)!;
  const calendarPath = `/reservations?enfant=${firstFamily.childIds[0]}&activite=${alsh.activityId}&mois=${alsh.month}`;

  const mornings: CheckedMorning[] = [];
  let pages: PagesMeasurement | null = null;
  let one: { morning: CheckedMorning; ramp: Awaited<ReturnType<typeof ramp>>; schedulerHolders: number } | null = null;
  let two: { morning: CheckedMorning; ramp: Awaited<ReturnType<typeof ramp>>; requestsPerInstance: number[]; proxyFailures: number; proxyResent: number; schedulerHolders: number } | null = null;
  /** The worker processes of each instance, per setup ('1 instance': [2]; '2 instances': [2, 2]). */
  const workersPerInstance: Record<string, number[]> = {};
  let faults: unknown = null;

  for (const count of settings.instances) {
    log(`Starting ${count} production server${count > 1 ? 's' : ''}…`);
    const servers: AppServer[] = [];
    for (let i = 0; i < count; i++) {
      servers.push(await startAppServer({ databaseUrl: db.url, settings: shared }));
    }
    const proxy: Proxy | null = count > 1 ? await startProxy(servers.map((server) => server.url)) : null;
    const target = proxy ? proxy.url : servers[0]!.url;
    const label = count > 1 ? `${count} instances` : '1 instance';
    workersPerInstance[label] = servers.map((server) => server.workers);
    log(`${label}: ${servers.map((server) => server.workers).join(' / ')} worker process(es) each (WEB_CONCURRENCY, default one per core).`);

    if (count === 1 && settings.pages) {
      const cookie = await logIn(target, firstFamily.login, RUSH_PASSWORD);
      log(`Pages: 50 concurrent, ${settings.pagesSeconds} s each…`);
      pages = await measurePages({ baseUrl: target, cookie, calendarPath, connections: 50, seconds: settings.pagesSeconds });
      log(`Pages: login ${pages.loginRps} req/s, calendar ${pages.calendarRps} req/s, ratio ${pages.pageRatio}, calendar p95 ${pages.p95CalendarMs} ms`);
    }

    const run = async (name: string, parents: number, minutes: number, seed: number, withFaults = false) => {
      const result = await morning(`${label}, ${name}`, { db, town, target, parents, minutes, seed, faults: withFaults });
      mornings.push(result.checked);
      return result;
    };
    const base = await run('morning', settings.families, settings.minutes, settings.seed);
    const rampResult = await ramp(label, base.checked, async (rate, parents, minutes, seed) => (await run(`ramp ${rate}/min`, parents, minutes, seed)).checked);

    // Each process that runs the schedules says so once: one across every worker of every instance.
    const holders = servers.reduce((sum, server) => sum + server.output().split('Scheduled jobs: run in this process').length - 1, 0);
    if (count === 1) {
      one = { morning: base.checked, ramp: rampResult, schedulerHolders: holders };
      if (settings.faults) {
        if (!settings.pgRestart) notes.push('RUSH_PG_RESTART unset: the faulted morning kills backends but does not restart PostgreSQL.');
        const outputBefore = servers.map((server) => server.output().length);
        const faulted = await run('morning with faults', settings.families, settings.minutes, settings.seed + 7, true);
        const recovery = await appAnswers(target, firstFamily.login, RUSH_PASSWORD, calendarPath);
        faults = {
          morning: faulted.checked,
          events: faultsSummary(faulted.events, faulted.runs),
          recoveredWithoutRestart: recovery,
          failedRequests: faulted.checked.report.firstErrors,
          serverLog: serverErrorLines(servers, outputBefore),
        };
        log(`Faults: ${faulted.events.length} injected; the app ${recovery.ok ? 'answers' : 'does NOT answer'} afterwards (${recovery.status}, ${recovery.ms} ms).`);
      }
    } else {
      two = { morning: base.checked, ramp: rampResult, requestsPerInstance: proxy!.counts(), proxyFailures: proxy!.failures(), proxyResent: proxy!.resent(), schedulerHolders: holders };
      log(`${label}: requests per instance ${proxy!.counts().join(' / ')}; ${holders} process(es) ran the scheduler.`);
    }

    await proxy?.close();
    for (const server of servers) await server.stop();
  }

  const defaultMorning = one?.morning ?? two?.morning ?? null;
  const result = {
    ranAt: new Date().toISOString(),
    validationsPerSecond: service?.validationsPerSecond ?? null,
    pgbenchTps: service?.pgbenchTps ?? null,
    ratio: service?.ratio ?? null,
    pageRatio: pages?.pageRatio ?? null,
    p95CalendarMs: pages?.p95CalendarMs ?? null,
    p95ValidationMs: defaultMorning?.report.p95ValidationMs ?? null,
    p95ClickMs: defaultMorning?.report.p95ClickMs ?? null,
    p95PageMs: defaultMorning?.report.p95PageMs ?? null,
    serverErrors: defaultMorning?.report.serverErrors ?? null,
    lostRequests: defaultMorning?.report.lostRequests ?? null,
    /** Over every morning of the run (default, ramp steps, faults, two instances). */
    violations: mornings.reduce((sum, m) => sum + m.violations.count, 0),
    parentsPerMinute: one?.ramp.parentsPerMinute ?? null,
    parentsPerMinuteTwoInstances: two?.ramp.parentsPerMinute ?? null,
    workersPerInstance,
    machine: { ...machine, postgres: pgVersion },
    settings: { ...settings, p95LimitMs: P95_LIMIT_MS, popularDays: town.days.filter((d) => d.popular).length, popularCapacity: town.popularCapacity, popularWaitlist: town.popularWaitlist, openingDays: town.days.length, seedSeconds },
    p95LoginMs: defaultMorning?.report.p95LoginMs ?? null,
    pagesIncludedInP95PageMs: 'the GETs of pages: the login page, the calendar months, the recap and the result page (the login POST is p95LoginMs)',
    service,
    pages,
    oneInstance: one,
    faults,
    twoInstances: two,
    mornings: mornings.map((m) => ({ label: m.label, parents: m.report.parents, parentsPerMinute: m.report.parentsPerMinute, held: m.report.held, violations: m.violations.count, violationsByCheck: m.violations.byCheck, violationExamples: m.violations.examples, jobs: m.jobs })),
    notes,
    totalMinutes: Math.round((performance.now() - started) / 6000) / 10,
  };
  writeResults(result);
}

function writeResults(result: Record<string, unknown> & { ranAt: string }) {
  const stamp = result.ranAt.slice(0, 10);
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `rush-${stamp}.json`);
  fs.writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, `rush-${stamp}.md`), markdown(result));
  log(`Written ${path.relative(process.cwd(), json)} and its .md summary.`);
}

function markdown(r: Record<string, unknown>): string {
  const value = (key: string) => (r[key] === null || r[key] === undefined ? '—' : String(r[key]));
  const m = r.machine as { cpus: number; cpuModel: string; node: string; postgres: string };
  const s = r.settings as typeof settings;
  const rows: [string, string, string][] = [
    ['validationsPerSecond', value('validationsPerSecond'), ''],
    ['pgbenchTps', value('pgbenchTps'), ''],
    ['ratio', value('ratio'), '≥ 0.25'],
    ['pageRatio', value('pageRatio'), '≥ 0.6'],
    ['p95CalendarMs', value('p95CalendarMs'), ''],
    ['p95ValidationMs', value('p95ValidationMs'), '< 500'],
    ['p95ClickMs', value('p95ClickMs'), '< 500'],
    ['p95PageMs', value('p95PageMs'), '< 500'],
    ['p95LoginMs', value('p95LoginMs'), '< 500'],
    ['serverErrors', value('serverErrors'), '0'],
    ['lostRequests', value('lostRequests'), '0'],
    ['violations', value('violations'), '0'],
    ['parentsPerMinute', value('parentsPerMinute'), 'as high as possible'],
    ['parentsPerMinuteTwoInstances', value('parentsPerMinuteTwoInstances'), ''],
  ];
  const mornings = r.mornings as { label: string; parents: number; parentsPerMinute: number; held: boolean; violations: number }[];
  const faults = r.faults as { events: (FaultEvent & { requestsAround: ReturnType<typeof requestsBetween> })[]; recoveredWithoutRestart: { ok: boolean } } | null;
  return [
    `# Opening-day rush — ${String(r.ranAt).slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${m.cpus} CPU (${m.cpuModel}), Node ${m.node}, ${m.postgres.split(' on ')[0]}. Morning: ${s.families} parents over ${s.minutes} min; ramp steps of ${s.rampMinutes} min.`,
    '',
    `Worker processes per instance (\`npm start\`, WEB_CONCURRENCY, default one per core): ${Object.entries(r.workersPerInstance as Record<string, number[]>)
      .map(([setup, counts]) => `${setup}: ${counts.join(' / ')}`)
      .join('; ')}.`,
    '',
    '| key | value | target |',
    '|---|---|---|',
    ...rows.map(([key, v, target]) => `| ${key} | ${v} | ${target} |`),
    '',
    '| morning | parents | per minute | held | violations |',
    '|---|---|---|---|---|',
    ...mornings.map((x) => `| ${x.label} | ${x.parents} | ${x.parentsPerMinute} | ${x.held ? 'yes' : 'no'} | ${x.violations} |`),
    '',
    ...(faults
      ? [
          '## Faults',
          '',
          ...faults.events.map(
            (e) =>
              `- ${e.secondsIntoMorning} s: ${e.kind === 'restart' ? `PostgreSQL restarted (${e.downSeconds ?? '?'} s down)` : `${e.backends} backends terminated (${e.target})`}${e.error ? `, error: ${e.error}` : ''}; ` +
              `requests in flight or sent in the next ${e.kind === 'restart' ? `${Math.round((e.downSeconds ?? 0) + 10)}` : '10'} s: ${e.requestsAround.answered} answered, ${e.requestsAround.busy} « Forte affluence », ${e.requestsAround.serverErrors} 5xx, ${e.requestsAround.noAnswer} without answer`,
          ),
          `- Afterwards, without restarting it, the app ${faults.recoveredWithoutRestart.ok ? 'answers' : 'does NOT answer'} a login and the calendar.`,
          '',
        ]
      : []),
    ...((r.notes as string[]).length > 0 ? ['Notes:', ...(r.notes as string[]).map((n) => `- ${n}`), ''] : []),
    `The machine is shared while measuring unless said otherwise: compare figures taken in the same minutes. Full data: rush-${String(r.ranAt).slice(0, 10)}.json.`,
    '',
  ].join('\n');
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    // Timers of the parent client's pool or of postgres.js may linger: the run is over.
    process.exit(process.exitCode ?? 0);
  });
