import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobRuns } from '@/db/schema';
import type { Clock } from '@/lib/clock';

export interface JobRunLabel {
  job: string;
  /** What started the run: 'schedule', 'inngest', 'manual', 'after-action'… */
  trigger: string;
}

/**
 * Runs `work` and keeps a `job_runs` row of it: 'running' when it starts, then 'succeeded' with its
 * report, or 'failed' with the error's message (the error is thrown again). The row is written
 * outside the work's transactions, so a failed run stays visible.
 */
export async function recordJobRun<T>(db: Db, clock: Clock, { job, trigger }: JobRunLabel, work: () => Promise<T>): Promise<T> {
  const [run] = await db.insert(jobRuns).values({ job, trigger, status: 'running', startedAt: clock.now() }).returning({ id: jobRuns.id });
  try {
    const report = await work();
    await db
      .update(jobRuns)
      .set({ status: 'succeeded', finishedAt: clock.now(), report: (report ?? null) as never })
      .where(eq(jobRuns.id, run!.id));
    return report;
  } catch (error) {
    await db
      .update(jobRuns)
      .set({ status: 'failed', finishedAt: clock.now(), error: (error instanceof Error ? error.message : String(error)).slice(0, 2000) })
      .where(eq(jobRuns.id, run!.id));
    throw error;
  }
}
