import 'server-only';
import cluster from 'node:cluster';
import { getDb } from '@/db';
import { defaultEmbeddedDir } from '@/db/embedded';
import { appClock } from '@/lib/clock';
import { startJobControl } from './control';
import { jobs } from './registry';
import { advisoryRunnerLock, processRunnerLock, startScheduler, type Scheduler } from './scheduler';

const globalForJobs = globalThis as unknown as { compteFamilleScheduler?: Scheduler; compteFamilleJobControl?: boolean };

export function inngestConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY);
}

/**
 * Starts the schedules in this server process, unless Inngest runs them (INNGEST_* set) or
 * SCHEDULED_JOBS=off. On PostgreSQL several instances may start: an advisory lock lets one run them.
 * On the embedded database, this server also takes `npm run job`'s requests (lib/jobs/control.ts).
 */
export async function startScheduledJobs(env: Record<string, string | undefined> = process.env): Promise<void> {
  if (env.EMBEDDED_DATABASE === '1' && !globalForJobs.compteFamilleJobControl) {
    globalForJobs.compteFamilleJobControl = true;
    await startJobControl(defaultEmbeddedDir(), getDb, appClock());
  }
  if (globalForJobs.compteFamilleScheduler) return;
  if (inngestConfigured(env)) {
    console.log('Scheduled jobs: run by Inngest (INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY set), served at /api/inngest.');
    return;
  }
  if (env.SCHEDULED_JOBS === 'off') {
    console.log('Scheduled jobs: off in this process (SCHEDULED_JOBS=off); run them with npm run job.');
    return;
  }
  const embedded = env.EMBEDDED_DATABASE === '1' || !env.DATABASE_URL;
  const lock = embedded ? processRunnerLock : advisoryRunnerLock(env.DATABASE_URL!);
  const schedules = Object.entries(jobs)
    .map(([name, job]) => `${name} « ${job.schedule} »`)
    .join(', ');
  globalForJobs.compteFamilleScheduler = startScheduler(getDb, appClock(), { lock });
  const mine = await lock.hold();
  // Under `npm start`'s worker processes (scripts/serve.ts) the one holding the lock speaks for all.
  if (!mine && cluster.isWorker) return;
  console.log(
    mine
      ? `Scheduled jobs: run in this process (in-process cron, Europe/Paris: ${schedules}); set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY to run them on Inngest instead.`
      : 'Scheduled jobs: another instance runs them (it holds the database advisory lock); this one takes over if that one stops.',
  );
}
