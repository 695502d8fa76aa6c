import { getDb } from '@/db';
import { appClock } from '@/lib/clock';
import { JOB_TIME_ZONE, jobs, runJob, type JobName } from '@/lib/jobs/registry';
import { inngest } from './client';

/**
 * An Inngest function for one registry job: its cron in Europe/Paris (plus any event that should
 * start it early), one step running the job as `npm run job` and the in-process scheduler do. A
 * retried step runs the job again, which the job's idempotence makes harmless.
 */
export function jobFunction(name: JobName, { events = [] }: { events?: string[] } = {}) {
  return inngest.createFunction(
    {
      id: name,
      triggers: [{ cron: `TZ=${JOB_TIME_ZONE} ${jobs[name].schedule}` }, ...events.map((event) => ({ event }))],
      // Two runs at once would only wait on each other's row locks: one at a time is enough.
      concurrency: { limit: 1 },
    },
    async ({ step, event }) => {
      // An event may name the business date or the opening days; a cron run works on the clock's
      // date and every day. Anything else in the event is ignored: the run then does its whole work.
      const data = (event?.data ?? {}) as { date?: unknown; dayIds?: unknown };
      const date = typeof data.date === 'string' ? data.date : undefined;
      const dayIds = isDayIdList(data.dayIds) ? data.dayIds : undefined;
      return step.run(name, async () => runJob(await getDb(), appClock(), name, { trigger: 'inngest', date, dayIds }));
    },
  );
}

function isDayIdList(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((id) => Number.isSafeInteger(id) && id > 0);
}
