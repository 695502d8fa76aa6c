// The morning itself: the planned parents arrive at their times and each runs the parent's client
// against the app; the samples become percentiles per request type. The generator stays light (it
// shares the cores with the servers): no output per request, and its own event-loop delay is
// measured so that a saturated client shows.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runParent, type ParentRun, type RequestKind, type Sample } from './parent';
import type { PlannedParent } from './plans';

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: Math.round(sorted.at(-1)!) };
}

export interface MorningRun {
  planned: PlannedParent;
  run: ParentRun;
}

export interface MorningReport {
  parents: number;
  minutes: number;
  parentsPerMinute: number;
  /** From the first arrival to the last parent's end. */
  durationSeconds: number;
  validated: number;
  parentsWithError: number;
  firstErrors: string[];
  byKind: Record<RequestKind, Percentiles>;
  p95ValidationMs: number;
  p95ClickMs: number;
  /** The pages a parent loads (GET): the login page, the calendar's months, the recap and the result page. */
  p95PageMs: number;
  /** The login itself (the credentials POST, argon2 included), a request type of its own. */
  p95LoginMs: number;
  serverErrors: number;
  lostRequests: number;
  busyAnswers: number;
  /** The load generator's own event-loop delay: high values mean the client, not the app, was slow. */
  generatorEventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Whether every request type's p95 was under the limit, with no 5xx and no lost request. */
  held: boolean;
}

export const P95_LIMIT_MS = 500;
const PAGE_KINDS: RequestKind[] = ['page', 'recap'];
const KINDS: RequestKind[] = ['login', 'page', 'click', 'recap', 'validation'];

/** Runs the morning: every parent starts at its arrival time; resolves once the last one is done. */
export async function runMorning({
  target,
  parents,
  minutes,
  timeoutMs = 30_000,
  log = console.log,
}: {
  target: string | (() => string);
  parents: PlannedParent[];
  minutes: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}): Promise<{ report: MorningReport; runs: MorningRun[]; startedAt: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const startedAt = Date.now();
  const started = performance.now();
  let arrived = 0;
  let finished = 0;
  const progress = setInterval(() => {
    log(`  ${Math.round((performance.now() - started) / 1000)} s: ${arrived} arrived, ${finished} done, ${arrived - finished} in the portal`);
  }, 30_000);
  const runs = await Promise.all(
    parents.map(
      (planned) =>
        new Promise<MorningRun>((resolve) => {
          setTimeout(async () => {
            arrived++;
            let run: ParentRun;
            try {
              run = await runParent(target, planned.plan, { timeoutMs });
            } catch (error) {
              run = { samples: [], serverErrors: 0, lostRequests: 0, busyAnswers: 0, validated: false, validationId: null, error: `client threw: ${(error as Error).message}`, acceptedClicks: 0, refusedClicks: 0, refusals: [], unclickableDays: 0 };
            }
            finished++;
            resolve({ planned, run });
          }, planned.arrivesAfterMs);
        }),
    ),
  );
  clearInterval(progress);
  delay.disable();
  const durationSeconds = (performance.now() - started) / 1000;
  return { report: summarize(runs, minutes, durationSeconds, delay), runs, startedAt };
}

export function summarize(runs: MorningRun[], minutes: number, durationSeconds: number, delay?: { percentile(p: number): number; max: number }): MorningReport {
  const samples: Sample[] = runs.flatMap(({ run }) => run.samples);
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, percentiles(samples.filter((s) => s.kind === kind).map((s) => s.ms))])) as Record<RequestKind, Percentiles>;
  const pages = percentiles(samples.filter((s) => PAGE_KINDS.includes(s.kind)).map((s) => s.ms));
  const sum = (pick: (run: ParentRun) => number) => runs.reduce((total, { run }) => total + pick(run), 0);
  const withError = runs.filter(({ run }) => run.error !== null);
  const report: MorningReport = {
    parents: runs.length,
    minutes,
    parentsPerMinute: Math.round((runs.length / minutes) * 10) / 10,
    durationSeconds: Math.round(durationSeconds),
    validated: runs.filter(({ run }) => run.validated).length,
    parentsWithError: withError.length,
    firstErrors: [...new Set(withError.map(({ run }) => run.error!))].slice(0, 5),
    byKind,
    p95ValidationMs: byKind.validation.p95,
    p95ClickMs: byKind.click.p95,
    p95PageMs: pages.p95,
    p95LoginMs: byKind.login.p95,
    serverErrors: sum((run) => run.serverErrors),
    lostRequests: sum((run) => run.lostRequests),
    busyAnswers: sum((run) => run.busyAnswers),
    generatorEventLoopDelayMs: delay
      ? { p50: Math.round(delay.percentile(50) / 1e6), p99: Math.round(delay.percentile(99) / 1e6), max: Math.round(delay.max / 1e6) }
      : { p50: 0, p99: 0, max: 0 },
    held: false,
  };
  report.held =
    KINDS.every((kind) => byKind[kind].p95 < P95_LIMIT_MS) && report.serverErrors === 0 && report.lostRequests === 0 && report.validated > 0;
  return report;
}

/** The outcome of the requests running during a time window: answered, busy (« Forte affluence »), 5xx, no answer. */
export function requestsBetween(runs: MorningRun[], from: number, to: number) {
  const window = runs.flatMap(({ run }) => run.samples).filter((s) => s.at < to && s.at + s.ms >= from);
  return {
    sent: window.length,
    answered: window.filter((s) => s.status > 0 && s.status < 500).length,
    busy: window.filter((s) => s.status === 503).length,
    serverErrors: window.filter((s) => s.status >= 500 && s.status !== 503).length,
    noAnswer: window.filter((s) => s.status === 0).length,
  };
}
