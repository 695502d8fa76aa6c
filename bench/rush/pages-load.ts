// The family pages under load: the production server, a parent's login over HTTP, and autocannon
// at 50 concurrent connections on the login page (the framework's floor) and the family pages.
// Used by `npm run bench:pages` (bench/pages.ts) and by the rush benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';

export interface PageFigures {
  rps: number;
  p50Ms: number;
  p95Ms: number;
  non2xx: number;
}

export interface PagesMeasurement {
  loginRps: number;
  calendarRps: number;
  /** Calendar req/s ÷ login req/s, in the same run. */
  pageRatio: number;
  p95CalendarMs: number;
  pages: Record<string, PageFigures>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Builds the production app unless a build is there already. */
export async function ensureProductionBuild(): Promise<void> {
  if (fs.existsSync(path.resolve('.next/BUILD_ID'))) return;
  console.log('No production build (.next/BUILD_ID): running next build…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}`))));
  });
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `next start` through the launcher (scripts/serve.ts migrates, checks the settings) on a
 * free port against `databaseUrl`. The benchmark reaches it directly, so Auth.js may trust the
 * Host header; card payments use the sandbox; the scheduled jobs stay off so that they do not run
 * in the middle of a measurement.
 */
export async function startProductionServer(options: { databaseUrl: string; env?: Record<string, string> }): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/serve.ts', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? 'bench-pages-auth-secret-0123456789abcdef',
      AUTH_TRUST_HOST: 'true',
      PORTAL_URL: baseUrl,
      PAYMENT_GATEWAY: 'sandbox',
      PAYMENT_SANDBOX_SECRET: 'bench-sandbox-secret-0123456789abcdef',
      RESEND_API_KEY: '',
      SCHEDULED_JOBS: 'off',
      NEXT_TELEMETRY_DISABLED: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      // The launcher and the Next server it spawned form one process group.
      process.kill(-child.pid!, 'SIGTERM');
      setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000).unref();
    });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} before serving:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/connexion`, { redirect: 'manual' });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The app did not answer on ${baseUrl} within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { baseUrl, pid: child.pid!, stop };
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((line) => line.split(';')[0]!);

/**
 * Logs a parent in as the login page does (Auth.js credentials: the CSRF token, then the form
 * posted to the callback) and returns the Cookie header that carries the session.
 */
export async function logInOverHttp(baseUrl: string, identifier: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ identifier, password, csrfToken, callbackUrl: `${baseUrl}/accueil` }),
  });
  const session = cookiesOf(response).filter((cookie) => cookie.includes('session-token'));
  if (session.length === 0) throw new Error(`Login of ${identifier} failed: HTTP ${response.status} → ${response.headers.get('location')}`);
  return session.join('; ');
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One page at `connections` concurrent for `seconds`; every response's latency is kept, for exact percentiles. */
async function loadPage(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<PageFigures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const errors = result.errors + result.timeouts;
  return {
    rps: Math.round((result.requests.total / seconds) * 10) / 10,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    non2xx: result.non2xx + errors,
  };
}

/**
 * The login page anonymously, then each family page as the logged-in parent (`cookie`), each after
 * a short warm-up. `calendarPath` is the Réservations page with a child and an activity chosen.
 */
export async function measurePages(options: {
  baseUrl: string;
  cookie: string;
  calendarPath: string;
  connections?: number;
  seconds?: number;
}): Promise<PagesMeasurement> {
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 15;
  const warmUp = Math.max(2, Math.round(seconds / 5));
  const targets: [name: string, path: string, headers: Record<string, string>][] = [
    ['connexion', '/connexion', {}],
    ['calendrier', options.calendarPath, { cookie: options.cookie }],
    ['accueil', '/accueil', { cookie: options.cookie }],
    ['historiques', '/historiques', { cookie: options.cookie }],
    ['soldes', '/soldes', { cookie: options.cookie }],
    ['suivi', '/suivi', { cookie: options.cookie }],
  ];
  const pages: Record<string, PageFigures> = {};
  for (const [name, pagePath, headers] of targets) {
    const url = `${options.baseUrl}${pagePath}`;
    await loadPage(url, headers, connections, warmUp);
    pages[name] = await loadPage(url, headers, connections, seconds);
  }
  const loginRps = pages.connexion!.rps;
  const calendarRps = pages.calendrier!.rps;
  return {
    loginRps,
    calendarRps,
    pageRatio: loginRps > 0 ? Math.round((calendarRps / loginRps) * 100) / 100 : 0,
    p95CalendarMs: pages.calendrier!.p95Ms,
    pages,
  };
}
