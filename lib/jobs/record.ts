import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobRuns } from '@/db/schema';
import type { Clock } from '@/lib/clock';

export interface JobRun {
  /** The job's name, e.g. `transmitRequests`. */
  job: string;
  /** What started it: `cron`, `event`, `manual`, … */
  trigger: string;
}

/**
 * Runs a job's work and keeps a row of it in `job_runs`: written `running` before the work
 * starts (outside the work's transactions, so a crash leaves it visible), then `succeeded` with the
 * report, or `failed` with the error's message, which is thrown again.
 */
export async function recordJobRun<Report>(db: Db, clock: Clock, { job, trigger }: JobRun, work: () => Promise<Report>): Promise<Report> {
  const [run] = await db.insert(jobRuns).values({ job, trigger, status: 'running', startedAt: clock.now() }).returning({ id: jobRuns.id });
  const runId = run!.id;
  let report: Report;
  try {
    report = await work();
  } catch (error) {
    // The work's own error is the one to throw: when the database is gone, this update fails too
    // and the row stays `running`.
    await db
      .update(jobRuns)
      .set({ status: 'failed', finishedAt: clock.now(), error: failureMessage(error) })
      .where(eq(jobRuns.id, runId))
      .catch(() => undefined);
    throw error;
  }
  await db.update(jobRuns).set({ status: 'succeeded', finishedAt: clock.now(), report }).where(eq(jobRuns.id, runId));
  return report;
}

/**
 * The database's own message rather than Drizzle's wrapper, whose message is the failed query with
 * its parameters (families' data has no place in job_runs).
 */
function failureMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause instanceof Error ? cause.message : String(cause)).slice(0, 2000);
}
