// `npm run bench:cost`: the CPU time one parent of the opening-day rush costs the server, per kind
// of request. In a database of its own, the rush's town; one production server in a single process
// (WEB_CONCURRENCY=1, scheduled jobs off); then COST_PARENTS virtual parents of the rush
// (bench/rush/parent.ts), one at a time and without think time, so that the server does nothing
// else while a request runs. Around each request it reads the CPU time the server's processes used
// (every thread: Node's main thread, libuv's pool where argon2 runs, the garbage collector's) and
// the CPU time of the machine's PostgreSQL processes, from /proc (Linux). The first parents warm
// the server up and are not counted. Prints milliseconds per request kind and per parent, and
// writes bench/results/cost-<date>.json. Settings: bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runParent, type RequestKind } from './rush/parent';
import { planMorning } from './rush/plans';
import { createBenchDatabase, seedTown } from './rush/town';
import { atExit, cleanUp } from './support/cleanup';
import { instanceSettings, startAppServer } from './support/servers';

const env = process.env;
const parents = Number(env.COST_PARENTS ?? 170);
const warmUp = Number(env.COST_WARM_UP ?? 20);
const adminUrl = env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error('Set BENCH_DATABASE_URL to a PostgreSQL server on this machine (e.g. postgres://postgres@127.0.0.1:5433/postgres): the benchmark creates and drops its own database.');
  process.exit(2);
}
if (!(parents > warmUp)) {
  console.error(`COST_PARENTS (${parents}) must exceed COST_WARM_UP (${warmUp}): the first parents only warm the server up.`);
  process.exit(2);
}
if (process.platform !== 'linux') {
  console.error('bench:cost reads CPU times from /proc: Linux only.');
  process.exit(2);
}

/** Nanoseconds of CPU every thread of these processes has used (/proc/<pid>/task/<tid>/schedstat). */
function cpuNs(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    let threads: string[];
    try {
      threads = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // gone
    }
    for (const thread of threads) {
      try {
        total += Number(fs.readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // gone
      }
    }
  }
  return total;
}

/** The processes whose /proc/<pid>/stat matches: the app's by process group, PostgreSQL's by name. */
function processes(matches: (stat: string[], command: string) => boolean): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      if (matches(raw.slice(raw.lastIndexOf(')') + 2).split(' '), command)) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

/** What a request is, for the report: the login page and the result page apart from the calendar's. */
function labelOf(kind: RequestKind, path: string): string {
  if (kind !== 'page') return kind;
  if (path.startsWith('/connexion')) return 'login page';
  if (path.startsWith('/reservations/resultat')) return 'result page';
  return 'calendar';
}

interface Totals {
  requests: number;
  appNs: number;
  postgresNs: number;
  bytes: number;
}

async function main() {
  const db = await createBenchDatabase(adminUrl!);
  atExit(() => db.drop());
  const town = await seedTown(db.sql, { families: Math.max(2500, parents) });
  const server = await startAppServer({
    databaseUrl: db.url,
    settings: instanceSettings(),
    extraEnv: { WEB_CONCURRENCY: '1', SCHEDULED_JOBS: 'off' },
  });
  // Field 5 of stat (after the name and the state) is the process group.
  const app = processes((stat) => Number(stat[2]) === server.processGroup);
  const postgres = () => processes((_stat, command) => command === 'postgres');
  console.log(`Server: ${app.length} processes (launcher and Next). ${parents} parents, the first ${warmUp} to warm up.`);

  const totals = new Map<string, Totals>();
  let counting = false;
  const observe = (kind: RequestKind, _method: string, requestPath: string) => {
    const appBefore = cpuNs(app);
    const postgresBefore = cpuNs(postgres());
    return (bytes: number) => {
      if (!counting) return;
      const label = labelOf(kind, requestPath);
      const line = totals.get(label) ?? { requests: 0, appNs: 0, postgresNs: 0, bytes: 0 };
      line.requests++;
      line.appNs += cpuNs(app) - appBefore;
      line.postgresNs += cpuNs(postgres()) - postgresBefore;
      line.bytes += bytes;
      totals.set(label, line);
    };
  };

  const planned = planMorning(town.families.slice(0, parents), town, 1, 7);
  let failed = 0;
  for (const [index, { plan }] of planned.entries()) {
    counting = index >= warmUp;
    const run = await runParent(server.url, { ...plan, thinkMs: () => 0 }, { observe });
    if (run.error) failed++;
  }
  await server.stop();

  const counted = planned.length - warmUp;
  const ms = (ns: number, per: number) => Math.round((ns / per / 1e6) * 100) / 100;
  const kinds = Object.fromEntries(
    [...totals].map(([label, line]) => [label, { requests: line.requests, appMs: ms(line.appNs, line.requests), postgresMs: ms(line.postgresNs, line.requests), answerKb: Math.round(line.bytes / line.requests / 102.4) / 10 }]),
  );
  const appNs = [...totals.values()].reduce((sum, line) => sum + line.appNs, 0);
  const postgresNs = [...totals.values()].reduce((sum, line) => sum + line.postgresNs, 0);
  const report = {
    ranAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), node: process.version },
    parents: counted,
    failedParents: failed,
    perParent: { appMs: ms(appNs, counted), postgresMs: ms(postgresNs, counted) },
    kinds,
  };
  console.log('request kind    requests   app ms  PostgreSQL ms  answer KB');
  for (const [label, line] of Object.entries(kinds)) {
    console.log(`${label.padEnd(15)} ${String(line.requests).padStart(8)} ${line.appMs.toFixed(2).padStart(8)} ${line.postgresMs.toFixed(2).padStart(14)} ${line.answerKb.toFixed(1).padStart(10)}`);
  }
  console.log(`per parent: app ${report.perParent.appMs} ms, PostgreSQL ${report.perParent.postgresMs} ms (${counted} parents${failed ? `, ${failed} with an error` : ''})`);
  const file = path.join('bench', 'results', `cost-${report.ranAt.slice(0, 10)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Written ${file}.`);
}

main().then(
  () => cleanUp().then(() => process.exit(0)),
  (error) => {
    console.error(error);
    cleanUp().then(() => process.exit(1));
  },
);
