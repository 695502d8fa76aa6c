// Runs one scheduled job now: `npm run job -- <name> [--date YYYY-MM-DD]`.
// On PostgreSQL (DATABASE_URL) it connects like any instance. On the embedded database it opens it
// itself, or, when `npm run dev` / `npm start` holds it, has that server run the job.
import { connectPostgres, wrapPglite, type DbHandle } from '../db/client';
import { defaultEmbeddedDir, EmbeddedDatabaseBusyError, openEmbeddedDatabase } from '../db/embedded';
import { appClock } from '../lib/clock';
import { readJobControl, runJobThroughServer } from '../lib/jobs/control';
import { dateRefusal, isJobName, jobs, runJob, type JobName } from '../lib/jobs/registry';

function usage(problem: string): never {
  const list = Object.entries(jobs).map(([name, job]) => `  ${name.padEnd(22)} ${job.description}${'dates' in job ? ' (accepte --date)' : ''}`);
  const dated = '--date AAAA-MM-JJ : la date de travail, comme si la tâche tournait ce jour-là (par défaut aujourd’hui).';
  console.error(`✖ ${problem}\nUsage: npm run job -- <tâche> [--date AAAA-MM-JJ]\n${dated}\nTâches :\n${list.join('\n')}`);
  process.exit(1);
}

/** 'YYYY-MM-DD' naming a day that exists (Date.parse would take 2026-02-30 for 2 March). */
function isCalendarDate(text: string | undefined): text is string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text ?? '') && !Number.isNaN(Date.parse(text!)) && new Date(text!).toISOString().slice(0, 10) === text;
}

function parseArgs(args: string[]): { name: JobName; date?: string } {
  const [name, ...rest] = args;
  if (!name) usage('Quelle tâche ?');
  if (!isJobName(name)) usage(`Tâche inconnue : ${name}.`);
  let date: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--date' && isCalendarDate(rest[i + 1])) date = rest[++i];
    else usage(`Option non reconnue : ${rest.slice(i).join(' ')} (attendu : --date AAAA-MM-JJ).`);
  }
  const refusal = dateRefusal(name, date, appClock());
  if (refusal) usage(refusal);
  return { name, date };
}

async function runLocally(handle: DbHandle, name: JobName, date?: string) {
  try {
    await handle.migrate();
    return await runJob(handle.db, appClock(), name, { trigger: 'manual', date });
  } finally {
    await handle.close();
  }
}

async function main() {
  const { name, date } = parseArgs(process.argv.slice(2));
  let report: unknown;
  if (process.env.DATABASE_URL) {
    report = await runLocally(connectPostgres(process.env.DATABASE_URL, { max: 4 }), name, date);
  } else {
    const dir = defaultEmbeddedDir();
    let embedded;
    try {
      embedded = await openEmbeddedDatabase(dir);
    } catch (error) {
      if (!(error instanceof EmbeddedDatabaseBusyError)) throw error;
      const server = readJobControl(dir);
      if (!server) throw new Error(`${error.message} It does not take jobs (is it an older server?).`);
      console.log(`Embedded database held by the server (process ${server.pid}): the job runs there.`);
      report = await runJobThroughServer(server, name, date);
    }
    if (embedded) report = await runLocally(wrapPglite(embedded.pglite, embedded.close), name, date);
  }
  console.log(`✔ Tâche ${name} terminée : ${JSON.stringify(report)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`✖ Tâche en échec : ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
