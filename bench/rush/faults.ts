// Faults during the morning (RUSH_FAULTS=1): backends killed while they run validations, and the
// PostgreSQL server restarted once. Each fault is timed and counted for the report.
import { exec } from 'node:child_process';
import postgres from 'postgres';
import { logIn } from './parent';

export interface FaultEvent {
  kind: 'terminate' | 'restart';
  /** Epoch milliseconds, and seconds after the start of the morning. */
  at: number;
  secondsIntoMorning: number;
  /** terminate: the backends ended, and whether they were caught running a validation's statements. */
  backends?: number;
  target?: 'booking statements' | 'every app backend';
  /** restart: how long the command took, and until the server accepted connections again. */
  commandSeconds?: number;
  downSeconds?: number;
  error?: string;
}

// The statements of a validation (the basket lock, the days' lock, the counts and the writes), and
// the reads of reservations a calendar or a recap makes: whatever runs on bookings at that moment.
const VALIDATION_STATEMENT = `(query ilike '%baskets%for update%' or query ilike '%activity_days%for update%' or query ilike '%insert into "reservations"%' or query ilike '%insert into "basket_validations"%' or query ilike '%from "reservations"%')`;

/**
 * Ends the backends of `database` that the app uses, preferring those running a statement on
 * bookings (a validation's, mostly): polls for them for up to 5 s, then ends every app backend of the database (the
 * bench's own connections, named `rush-bench`, are spared).
 */
async function terminateBackends(admin: postgres.Sql, database: string): Promise<Pick<FaultEvent, 'backends' | 'target'>> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const killed = await admin.unsafe<{ pid: number }[]>(
      `select pid, pg_terminate_backend(pid) from pg_stat_activity
       where datname = $1 and pid <> pg_backend_pid() and application_name <> 'rush-bench' and state = 'active' and ${VALIDATION_STATEMENT}`,
      [database],
    );
    if (killed.length > 0) return { backends: killed.length, target: 'booking statements' };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const killed = await admin.unsafe<{ pid: number }[]>(
    `select pid, pg_terminate_backend(pid) from pg_stat_activity
     where datname = $1 and pid <> pg_backend_pid() and application_name <> 'rush-bench' and backend_type = 'client backend'`,
    [database],
  );
  return { backends: killed.length, target: 'every app backend' };
}

function run(command: string): Promise<void> {
  return new Promise((resolve, reject) => exec(command, (error, _stdout, stderr) => (error ? reject(new Error(`${command}: ${stderr || error.message}`)) : resolve())));
}

async function restartServer(adminUrl: string, command: string): Promise<Pick<FaultEvent, 'commandSeconds' | 'downSeconds' | 'error'>> {
  const started = performance.now();
  try {
    await run(command);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const commandSeconds = (performance.now() - started) / 1000;
  for (;;) {
    const probe = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await probe`select 1`;
      return { commandSeconds: round(commandSeconds), downSeconds: round((performance.now() - started) / 1000) };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await probe.end({ timeout: 1 }).catch(() => {});
    }
    if (performance.now() - started > 120_000) return { commandSeconds: round(commandSeconds), error: 'PostgreSQL did not accept connections within 2 minutes of the restart' };
  }
}

const round = (seconds: number) => Math.round(seconds * 100) / 100;

export interface FaultPlan {
  adminUrl: string;
  database: string;
  /** Shell command restarting the PostgreSQL server (RUSH_PG_RESTART); none: no restart. */
  restartCommand: string | null;
  morningMs: number;
  /** Fractions of the morning at which to kill backends, and to restart the server. */
  terminateAt?: number[];
  restartAt?: number;
}

/**
 * Injects the faults at their times into a morning that started at `startedAt` (epoch ms); resolves
 * with what happened once the last fault is over. `stop()` cancels the ones not yet due.
 */
export function injectFaults(plan: FaultPlan, startedAt: number, log: (line: string) => void) {
  const events: FaultEvent[] = [];
  const admin = postgres(plan.adminUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'rush-bench' } });
  const timers: NodeJS.Timeout[] = [];
  const jobs: Promise<void>[] = [];
  const cancels: (() => void)[] = [];
  const schedule = (fraction: number, fault: () => Promise<Omit<FaultEvent, 'at' | 'secondsIntoMorning'>>) => {
    jobs.push(
      new Promise<void>((resolve) => {
        timers.push(
          setTimeout(async () => {
            const at = Date.now();
            const event = await fault().catch((error: Error) => ({ kind: 'terminate' as const, error: error.message }));
            const full = { ...event, at, secondsIntoMorning: Math.round((at - startedAt) / 1000) } as FaultEvent;
            events.push(full);
            log(`  fault: ${JSON.stringify(full)}`);
            resolve();
          }, Math.max(0, startedAt + fraction * plan.morningMs - Date.now())),
        );
        cancels.push(resolve);
      }),
    );
  };
  for (const fraction of plan.terminateAt ?? [0.25, 0.45, 0.8]) {
    schedule(fraction, async () => ({ kind: 'terminate', ...(await terminateBackends(admin, plan.database)) }));
  }
  if (plan.restartCommand) {
    const command = plan.restartCommand;
    schedule(plan.restartAt ?? 0.6, async () => ({ kind: 'restart', ...(await restartServer(plan.adminUrl, command)) }));
  }
  return {
    events,
    async done() {
      await Promise.all(jobs);
      await admin.end({ timeout: 1 }).catch(() => {});
      return events.sort((a, b) => a.at - b.at);
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      for (const cancel of cancels) cancel();
    },
  };
}

/** Whether a guardian can log in and open a page (the calendar) after the faults: the app serves again. */
export async function appAnswers(baseUrl: string, login: string, password: string, pagePath: string): Promise<{ ok: boolean; status: number; ms: number; error?: string }> {
  const started = performance.now();
  try {
    const cookie = await logIn(baseUrl, login, password);
    const page = await fetch(`${baseUrl}${pagePath}`, { headers: { cookie }, redirect: 'manual' });
    const body = await page.text();
    return { ok: page.status === 200 && body.includes('Réservations'), status: page.status, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, status: 0, ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}
