import { Cron } from 'croner';
import postgres from 'postgres';
import type { Db } from '@/db/client';
import type { Clock } from '@/lib/clock';
import { JOB_TIME_ZONE, jobs, runJob, type JobName } from './registry';

/** Decides which process runs the schedules: exactly one holds it at a time. */
export interface RunnerLock {
  /** True while this process holds the lock, taking it if it is free. */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

// Any fixed number, the same in every instance of the app: the key of the scheduler's advisory lock.
export const SCHEDULER_LOCK_KEY = 727_001;

/**
 * A PostgreSQL session advisory lock, on a connection of its own (the pool's connections change
 * under every query, and a session lock belongs to one). When that connection is lost, PostgreSQL
 * frees the lock and another instance takes it at its next tick; this one tries again at its own.
 */
export function advisoryRunnerLock(url: string, key = SCHEDULER_LOCK_KEY): RunnerLock {
  let sql: postgres.Sql | undefined;
  let held = false;
  const reset = async () => {
    held = false;
    const old = sql;
    sql = undefined;
    await old?.end({ timeout: 1 }).catch(() => {});
  };
  return {
    async hold() {
      try {
        if (held) {
          await sql!`select 1`;
          return true;
        }
        sql ??= postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {} });
        const [row] = await sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
        held = row!.locked;
        return held;
      } catch {
        await reset();
        return false;
      }
    },
    release: reset,
  };
}

/** The embedded database has one server process (its lock file sees to it): that one runs the jobs. */
export const processRunnerLock: RunnerLock = { hold: async () => true, release: async () => {} };

export interface SchedulerOptions {
  lock: RunnerLock;
  names?: JobName[];
  log?: (line: string) => void;
}

export interface Scheduler {
  /** Runs one job now, as its schedule would (lock included); false when another process holds the lock. */
  tick(name: JobName): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Runs the registry's schedules in this process, Europe/Paris time. At each tick the process runs
 * the job only if it holds the runner lock; a run still going when the next tick comes is not
 * started twice (croner's protect). A failed run is logged and recorded, and the next tick runs again.
 */
export function startScheduler(getDb: () => Promise<Db>, clock: Clock, { lock, names = Object.keys(jobs) as JobName[], log = console.log }: SchedulerOptions): Scheduler {
  const tick = async (name: JobName) => {
    if (!(await lock.hold())) return false;
    try {
      await runJob(await getDb(), clock, name, { trigger: 'schedule' });
    } catch (error) {
      log(`Tâche ${name} en échec : ${error instanceof Error ? error.message : String(error)}`);
    }
    return true;
  };
  const crons = names.map((name) => new Cron(jobs[name].schedule, { timezone: JOB_TIME_ZONE, protect: true }, async () => {
    await tick(name);
  }));
  return {
    tick,
    async stop() {
      for (const cron of crons) cron.stop();
      await lock.release();
    },
  };
}
