// Starts the app (`next dev` or `next start`) with its database ready.
// DATABASE_URL set: migrate PostgreSQL, then start Next.
// Unset: this process owns the embedded PGlite database in .data/ (lock file: a second server on
// the same directory stops with a clear message), migrates it, loads the demo data into an empty
// one (in development, or with DEMO_DATA=1), and serves it to Next over the PostgreSQL protocol on
// a local port.
// A database without accounts gets a message saying how to create the first administrator.
// In production on PostgreSQL, `next start` runs in WEB_CONCURRENCY worker processes (default: one
// per core) sharing the one port through Node's cluster module; scripts/workers.ts has their rules.
import { spawn } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';
import { connectPostgres, wrapPglite } from '../db/client';
import { defaultEmbeddedDir, EmbeddedDatabaseBusyError, openEmbeddedDatabase } from '../db/embedded';
import { appClock } from '../lib/clock';
import { paymentConfigurationProblem } from '../lib/payments/configured-gateway';
import { configuredPortalUrl, developmentPortalUrl } from '../lib/town';
import { hasAccounts, isDatabaseEmpty, loadDemoData } from './demo-data';
import { afterWorkerExit, connectionBudgetProblem, CRASH_LOOP, isStartupBanner, nextNodeFlags, workerCount, workerPoolMax } from './workers';

const [mode, ...nextArgs] = process.argv.slice(2);
if (mode !== 'dev' && mode !== 'start') {
  console.error('Usage: tsx scripts/serve.ts dev|start [next options]');
  process.exit(2);
}
const production = mode === 'start';
// The launcher runs in the mode of the Next server it starts, so that it reads the clock the app
// reads (COMPTE_FAMILLE_NOW is ignored in production). Next's types make NODE_ENV read-only.
Object.assign(process.env, { NODE_ENV: production ? 'production' : 'development' });
// The demo accounts have the passwords the README publishes: never in production unless asked for.
const demoData = process.env.DEMO_DATA ? process.env.DEMO_DATA === '1' : !production;

function authSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function firstAdministratorHelp(embedded: boolean) {
  const lines = [
    '⚠ The database has no account yet: nobody can log in. Create the first administrator with',
    '    npm run admin:create -- --login <identifiant> --email <adresse>',
    ...(embedded ? ['  (stop this server first: it owns the embedded database; then start it again).'] : []),
    '  To try the portal with the demo data instead, start on an empty embedded database with DEMO_DATA=1.',
  ];
  console.warn(`\n${lines.join('\n')}\n`);
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env };
  let stopDatabase: () => Promise<void> = async () => {};

  // Auth.js trusts the Host header in development only; in production it needs the public address
  // or to be told a reverse proxy sets X-Forwarded-Host and X-Forwarded-Proto.
  if (production && !env.AUTH_URL && !env.AUTH_TRUST_HOST) {
    console.error(
      '✖ Set AUTH_URL to the portal’s public address (https://…), or AUTH_TRUST_HOST=true behind a reverse proxy ' +
        'that sets X-Forwarded-Host and X-Forwarded-Proto: without either, Auth.js refuses every login.',
    );
    process.exit(1);
  }
  // Links in e-mails must lead to the portal the parent is using.
  if (!production && !env.PORTAL_URL && !env.AUTH_URL) env.PORTAL_URL = developmentPortalUrl(nextArgs, env);
  if (!configuredPortalUrl(env)) {
    console.error('✖ Set PORTAL_URL to the portal’s public address (https://…): the links in e-mails (password reset, e-mail confirmation) point to it.');
    process.exit(1);
  }
  // Card payments: a gateway name nobody knows, or the sandbox without its secret in production.
  const paymentProblem = paymentConfigurationProblem(env);
  if (paymentProblem) {
    console.error(`✖ ${paymentProblem}`);
    process.exit(1);
  }
  // Auth.js trusts the host for any value, "false" included.
  if (env.AUTH_TRUST_HOST && env.AUTH_TRUST_HOST !== 'true') {
    console.error(`✖ AUTH_TRUST_HOST is "${env.AUTH_TRUST_HOST}": set it to true, or leave it unset.`);
    process.exit(1);
  }
  if (production && env.COMPTE_FAMILLE_NOW) {
    console.warn('⚠ COMPTE_FAMILLE_NOW is ignored in production: the app runs on the real clock.');
  }

  // Several Next processes only on a real PostgreSQL: the embedded database takes one connection.
  let workers = 1;
  if (production && process.env.DATABASE_URL) {
    const count = workerCount(env.WEB_CONCURRENCY, os.availableParallelism());
    if (!count.ok) {
      console.error(`✖ ${count.message}`);
      process.exit(1);
    }
    workers = count.workers;
    // DATABASE_POOL_MAX is per process: the workers share the instance's default connections.
    if (workers > 1 && !env.DATABASE_POOL_MAX) env.DATABASE_POOL_MAX = String(workerPoolMax(workers));
  }

  if (process.env.DATABASE_URL) {
    const handle = connectPostgres(process.env.DATABASE_URL, { max: 1 });
    await handle.migrate();
    if (!(await hasAccounts(handle.db))) firstAdministratorHelp(false);
    await handle.close();
    if (workers > 1) await warnAboutConnections(process.env.DATABASE_URL, workers, Number(env.DATABASE_POOL_MAX));
  } else {
    const dir = defaultEmbeddedDir();
    let embedded;
    try {
      embedded = await openEmbeddedDatabase(dir);
    } catch (error) {
      if (error instanceof EmbeddedDatabaseBusyError) {
        console.error(`\n✖ ${error.message}\n`);
        process.exit(1);
      }
      throw error;
    }
    const handle = wrapPglite(embedded.pglite, embedded.close);
    await handle.migrate();
    if (demoData && (await isDatabaseEmpty(handle.db))) {
      console.log('Embedded database is empty: loading the demo data…');
      await loadDemoData(handle.db, appClock());
    }
    if (!(await hasAccounts(handle.db))) firstAdministratorHelp(true);
    const server = new PGLiteSocketServer({
      db: embedded.pglite,
      host: '127.0.0.1',
      port: Number(process.env.PGLITE_PORT ?? 0),
      maxConnections: 1,
    });
    await server.start();
    const port = server.getServerConn().split(':').pop();
    env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
    // One connection: PGlite runs one protocol exchange at a time, and interleaving the
    // extended-protocol messages of two connections would mix their statements.
    env.DATABASE_POOL_MAX = '1';
    // The scheduled jobs need no advisory lock here: this is the embedded database's one server.
    env.EMBEDDED_DATABASE = '1';
    env.AUTH_SECRET ??= authSecret(path.dirname(dir));
    console.log(`Embedded database ${path.relative(process.cwd(), dir)} served on 127.0.0.1:${port}`);
    stopDatabase = async () => {
      await server.stop();
      await embedded.close();
    };
  }

  env.NEXT_TELEMETRY_DISABLED ??= '1';
  if (!env.AUTH_SECRET) {
    console.error('✖ AUTH_SECRET is not set. Generate one with: openssl rand -base64 32');
    await stopDatabase();
    process.exit(1);
  }

  const nextBin = path.resolve('node_modules/next/dist/bin/next');
  if (workers > 1) return serveWithWorkers(nextBin, env, workers);
  const child = spawn(process.execPath, [...(production ? nextNodeFlags(env.NODE_OPTIONS) : []), nextBin, mode!, ...nextArgs], { env, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', async (code, signal) => {
    await stopDatabase();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

async function warnAboutConnections(url: string, workers: number, poolMax: number) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [limits] = await sql<{ max: string; reserved: string }[]>`
      select current_setting('max_connections') as max, current_setting('superuser_reserved_connections') as reserved`;
    const problem = connectionBudgetProblem({ workers, poolMax, maxConnections: Number(limits!.max), reserved: Number(limits!.reserved) });
    if (problem) console.warn(`⚠ ${problem}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * `next start` in `count` cluster workers: each runs Next's own server in-process (next-start.js
 * calls startServer, no child), and its `listen` on the port is served by this process's one
 * listening socket, which hands connections to the workers in turn (round-robin on Linux). A worker
 * that stops is replaced; SIGINT/SIGTERM stop them all, then this process.
 */
function serveWithWorkers(nextBin: string, env: NodeJS.ProcessEnv, count: number) {
  console.log(`Next.js: ${count} worker processes share the port (WEB_CONCURRENCY, default one per core), ${env.DATABASE_POOL_MAX} database connections each (DATABASE_POOL_MAX).`);
  let anyServed = false;
  let stopping = false;
  let exitCode = 0;
  let forked = 0;
  const deaths: number[] = [];
  const serving = new WeakSet<Worker>();

  const fork = () => {
    // The first worker prints Next's banner; the others' would repeat it.
    const quiet = forked++ > 0;
    cluster.setupPrimary({ exec: nextBin, args: ['start', ...nextArgs], execArgv: nextNodeFlags(env.NODE_OPTIONS), silent: quiet });
    const worker = cluster.fork(env);
    if (quiet) {
      readline.createInterface({ input: worker.process.stdout! }).on('line', (line) => {
        if (!isStartupBanner(line)) process.stdout.write(`${line}\n`);
      });
      worker.process.stderr!.pipe(process.stderr);
    }
    const replacement = forked > count;
    worker.once('listening', () => {
      serving.add(worker);
      anyServed = true;
      if (replacement) console.log(`Next.js: worker ${worker.process.pid} serving in place of the one that stopped.`);
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const now = Date.now();
    deaths.push(now);
    // Only the recent ones count.
    while (deaths[0]! <= now - CRASH_LOOP.withinMs) deaths.shift();
    const decision = afterWorkerExit({ anyServed, deaths, now });
    if (decision === 'replace') {
      console.error(`✖ Next.js worker ${worker.process.pid} stopped (${how})${serving.has(worker) ? '' : ' before serving'}: starting another; the others keep serving.`);
      // A second later: a worker that stops at once does not spin the processor.
      setTimeout(() => stopping || fork(), 1000);
      return;
    }
    console.error(
      anyServed
        ? `✖ Next.js workers keep stopping (${deaths.length} within ${CRASH_LOOP.withinMs / 1000} s; the last: ${how}): stopping the server.`
        : `✖ Next.js worker ${worker.process.pid} stopped before serving (${how}): stopping the server.`,
    );
    stop('SIGTERM', 1);
  });

  // Exits as Next does on the signal (130, 143), or with `code`.
  const stop = (signal: NodeJS.Signals, code = signal === 'SIGINT' ? 130 : 143) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const left = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    if (left.length === 0) process.exit(exitCode);
    for (const worker of left) worker.process.kill(signal);
    // Next closes its server and exits on the signal; one that hangs is not waited for.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    }, 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  for (let i = 0; i < count; i++) fork();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
