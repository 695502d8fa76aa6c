// Starts the app (`next dev` or `next start`) with its database ready.
// DATABASE_URL set: migrate PostgreSQL, then start Next.
// Unset: this process owns the embedded PGlite database in .data/ (lock file: a second server on
// the same directory stops with a clear message), migrates it, loads the demo data into an empty
// one (in development, or with DEMO_DATA=1), and serves it to Next over the PostgreSQL protocol on
// a local port.
// A database without accounts gets a message saying how to create the first administrator.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { connectPostgres, wrapPglite } from '../db/client';
import { defaultEmbeddedDir, EmbeddedDatabaseBusyError, openEmbeddedDatabase } from '../db/embedded';
import { appClock } from '../lib/clock';
import { paymentConfigurationProblem } from '../lib/payments/configured-gateway';
import { configuredPortalUrl, developmentPortalUrl } from '../lib/town';
import { hasAccounts, isDatabaseEmpty, loadDemoData } from './demo-data';

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

  if (process.env.DATABASE_URL) {
    const handle = connectPostgres(process.env.DATABASE_URL, { max: 1 });
    await handle.migrate();
    if (!(await hasAccounts(handle.db))) firstAdministratorHelp(false);
    await handle.close();
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
  const child = spawn(process.execPath, [nextBin, mode!, ...nextArgs], { env, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', async (code, signal) => {
    await stopDatabase();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
