// The rules of `npm start`'s worker processes (scripts/serve.ts): how many, their database pool,
// whether a worker that stopped is replaced, and which of their output is printed. No I/O here.

/** How many Next server processes one `npm start` runs: WEB_CONCURRENCY, else one per core. */
export function workerCount(value: string | undefined, cores: number): { ok: true; workers: number } | { ok: false; message: string } {
  const text = value?.trim() ?? '';
  if (text === '') return { ok: true, workers: Math.max(1, cores) };
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256) {
    return { ok: false, message: `WEB_CONCURRENCY is "${value}": set it to a whole number of server processes from 1 to 256 (1: a single process), or leave it unset for one per core (${cores} here).` };
  }
  return { ok: true, workers: Number(text) };
}

/** The young generation's semi-space, in MiB, for a production Next process (see nextNodeFlags). */
export const SEMI_SPACE_MB = 64;

/**
 * Node flags for a production Next process. Rendering a page allocates a few MiB of short-lived
 * objects; with V8's default 16 MiB semi-space the young generation is collected every few
 * requests. 64 MiB (about 190 MiB more memory per process) cut the CPU per parent of the rush's
 * morning by about a tenth (bench/README.md). A flag set in NODE_OPTIONS wins.
 */
export function nextNodeFlags(nodeOptions: string | undefined): string[] {
  return /--max-semi-space-size\b/.test(nodeOptions ?? '') ? [] : [`--max-semi-space-size=${SEMI_SPACE_MB}`];
}

/** The connections one process opens when DATABASE_POOL_MAX is unset (db/client.ts). */
export const DEFAULT_POOL_MAX = 10;
/** What the workers of one instance share by default: the two processes measured on two cores (bench/README.md). */
const INSTANCE_DEFAULT_CONNECTIONS = 2 * DEFAULT_POOL_MAX;

/**
 * Each worker's pool when DATABASE_POOL_MAX is unset: 10, as a single process, for one or two
 * workers; beyond, the instance's 20 connections shared out, at least 2 each (a page runs a few
 * queries at once). The pool also sizes each worker's admission gate for « Valider »
 * (lib/reservations/admission.ts), so the instance's validations at once stay bounded too.
 */
export function workerPoolMax(workers: number): number {
  return Math.max(2, Math.min(DEFAULT_POOL_MAX, Math.floor(INSTANCE_DEFAULT_CONNECTIONS / workers)));
}

/**
 * A warning when one instance alone could open more connections than PostgreSQL accepts: every
 * worker's pool, plus the scheduler's advisory-lock connection each keeps (lib/jobs/scheduler.ts).
 */
export function connectionBudgetProblem({ workers, poolMax, maxConnections, reserved }: { workers: number; poolMax: number; maxConnections: number; reserved: number }): string | null {
  const wanted = workers * (poolMax + 1);
  const available = maxConnections - reserved;
  if (wanted <= available) return null;
  return (
    `${workers} worker processes × (DATABASE_POOL_MAX=${poolMax} + 1 for the scheduler's lock) = ${wanted} connections, ` +
    `more than the ${available} PostgreSQL accepts (max_connections ${maxConnections}, ${reserved} reserved): ` +
    'lower WEB_CONCURRENCY or DATABASE_POOL_MAX, or raise max_connections.'
  );
}

/** Past this many workers stopping within `withinMs`, the launcher stops rather than restart them forever. */
export const CRASH_LOOP = { deaths: 5, withinMs: 60_000 };

/**
 * What to do when a worker stops on its own: replace it, or give up (stop the others and exit 1, for
 * the process manager to see). A worker that never served before any other did means the server
 * cannot start at all (port taken, no build); otherwise it is replaced, unless workers keep stopping
 * (`deaths`: the times they stopped, this one included).
 */
export function afterWorkerExit({ anyServed, deaths, now }: { anyServed: boolean; deaths: readonly number[]; now: number }): 'replace' | 'give up' {
  if (!anyServed) return 'give up';
  const recent = deaths.filter((at) => now - at < CRASH_LOOP.withinMs).length;
  return recent > CRASH_LOOP.deaths ? 'give up' : 'replace';
}

/**
 * A line of Next's startup banner (`next start`'s version, addresses, « Ready in … », config
 * timing): the first worker prints it; the same lines from the others are left out.
 */
export function isStartupBanner(line: string): boolean {
  return /^\s*(▲ Next\.js |- (Local|Network|Environments|Experiments|Debugger port)\b|✓ (Starting|Ready in|Running next\.config))/.test(line);
}
