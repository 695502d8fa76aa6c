// The production servers of the benchmarks: the build, `next start` through the app's launcher
// (scripts/serve.ts) on the bench database, and the small round-robin proxy that spreads the rush's
// requests over several instances. A guardian logs in with bench/rush/parent.ts's logIn.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { atExit } from './cleanup';

/** Builds the app once: `next build` when there is no production build yet. Whether it built. */
export async function ensureBuild(log: (line: string) => void = console.log): Promise<boolean> {
  if (fs.existsSync(path.resolve('.next/BUILD_ID'))) return false;
  log('No production build (.next/BUILD_ID): running next build…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code}).`))));
  });
  return true;
}

/** A port free on 127.0.0.1 right now. */
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

export interface AppServer {
  url: string;
  /** The Next server processes the instance runs (WEB_CONCURRENCY, default one per core: scripts/serve.ts). */
  workers: number;
  /** The launcher's process id, which leads the process group of everything the instance runs. */
  processGroup: number;
  /** The server's output (stdout and stderr), kept for the report. */
  output(): string;
  stop(): Promise<void>;
}

/** Waits until `url` answers 200; throws when `child` exits first or after `timeoutMs`. */
export async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode} before serving.`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The app did not answer on ${url} within ${timeoutMs / 1000} s.`);
}

/**
 * What every instance shares: the same secret (a session made by one is read by the other) and mail
 * folder, a temporary one that is removed on the way out.
 */
export function instanceSettings() {
  const settings = {
    AUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
    PAYMENT_SANDBOX_SECRET: crypto.randomBytes(24).toString('hex'),
    MAIL_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'cf-bench-mail-')),
  };
  atExit(async () => fs.rmSync(settings.MAIL_DIR, { recursive: true, force: true }));
  return settings;
}

/** The worker processes an instance runs, from its launcher's first line; one when it did not say (a single process). */
export function workersInOutput(output: string): number {
  const stated = /Next\.js: (\d+) worker processes share the port/.exec(output);
  return stated ? Number(stated[1]) : 1;
}

/**
 * Starts one production server on `databaseUrl` as `npm start` runs it (with its default worker
 * processes, one per core, unless WEB_CONCURRENCY says otherwise) and registers its stop for the
 * way out. The benchmark reaches it directly, so Auth.js may trust the Host header. Mail goes to the local
 * transport (RESEND_API_KEY empty, messages under MAIL_DIR); card payments use the sandbox; no
 * Inngest keys, so the in-process scheduler runs (SCHEDULED_JOBS=off in `extraEnv` keeps it off),
 * and with several instances on one PostgreSQL the advisory lock lets one of them run the jobs.
 */
export async function startAppServer({
  databaseUrl,
  settings = instanceSettings(),
  publicUrl,
  extraEnv = {},
}: {
  databaseUrl: string;
  settings?: ReturnType<typeof instanceSettings>;
  publicUrl?: string;
  extraEnv?: Record<string, string>;
}): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...settings,
    DATABASE_URL: databaseUrl,
    AUTH_TRUST_HOST: 'true',
    PORTAL_URL: publicUrl ?? url,
    RESEND_API_KEY: '',
    PAYMENT_GATEWAY: 'sandbox',
    INNGEST_EVENT_KEY: '',
    INNGEST_SIGNING_KEY: '',
    DEMO_DATA: '',
    COMPTE_FAMILLE_NOW: '',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extraEnv,
  };
  delete env.AUTH_URL;
  // Its own process group: stopping it ends the launcher, Next and anything they started, together.
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/serve.ts', 'start', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
    // Keeps the first and last of a long output: a server that logs an error per request fills memory otherwise.
    if (output.length > 400_000) output = `${output.slice(0, 100_000)}\n…\n${output.slice(-200_000)}`;
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await waitUntilServing(`${url}/connexion`, child, 180_000);
  } catch (error) {
    signalGroup('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output.slice(-3000)}`);
  }
  let forget = () => {};
  const stop = () =>
    new Promise<void>((resolve) => {
      forget();
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => signalGroup('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        // The launcher is gone: nothing it started may outlive it.
        signalGroup('SIGKILL');
        resolve();
      });
      signalGroup('SIGTERM');
    });
  forget = atExit(stop);
  return { url, workers: workersInOutput(output), processGroup: child.pid!, output: () => output, stop };
}

export interface Proxy {
  url: string;
  /** Requests forwarded to each upstream, in order. */
  counts(): number[];
  /** Requests the proxy answered 502 itself (an upstream refused or dropped the connection). */
  failures(): number;
  /** Requests sent again because an instance had closed the idle connection the proxy reused. */
  resent(): number;
  close(): Promise<void>;
}

/**
 * A round-robin reverse proxy over `upstreams`, as a load balancer in front of several instances:
 * keep-alive connections to each, bodies streamed both ways, every header kept (set-cookie
 * included), a request sent again only when the instance had closed the reused idle connection, the client's address appended to X-Forwarded-For and the public host passed on.
 */
export async function startProxy(upstreams: string[]): Promise<Proxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const targets = upstreams.map((upstream) => new URL(upstream));
  const counts = targets.map(() => 0);
  let failures = 0;
  let resent = 0;
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next++ % targets.length;
    counts[index]!++;
    const target = targets[index]!;
    const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress].filter(Boolean).join(', ');
    // A copy of the body, for the one case where sending it again is safe (below).
    const body: Buffer[] = [];
    let received = false;
    request.on('data', (chunk: Buffer) => body.push(chunk));
    request.on('end', () => {
      received = true;
    });
    const forward = (again: boolean) => {
      let failed = false;
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          agent,
          headers: { ...request.headers, 'x-forwarded-for': forwardedFor, 'x-forwarded-host': request.headers.host ?? '', 'x-forwarded-proto': 'http' },
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
          answer.pipe(response);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (failed) return;
        failed = true;
        // The instance closed an idle keep-alive connection just as the proxy reused it: the request
        // never reached the app, so it is sent again on a fresh connection, as Node's docs advise.
        if (!again && upstream.reusedSocket && error.code === 'ECONNRESET' && !response.headersSent) {
          resent++;
          if (received) forward(true);
          else request.once('end', () => forward(true));
          return;
        }
        failures++;
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end('Bad gateway');
      });
      if (again) upstream.end(Buffer.concat(body));
      else request.pipe(upstream);
    };
    forward(false);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  let forget = () => {};
  const close = () =>
    new Promise<void>((resolve) => {
      forget();
      server.closeAllConnections();
      server.close(() => resolve());
      agent.destroy();
    });
  forget = atExit(close);
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => [...counts],
    failures: () => failures,
    resent: () => resent,
    close,
  };
}
