// Starts the app (`next dev` or `next start`) with its database ready.
// DATABASE_URL set: migrate PostgreSQL, then start Next.
// Unset: this process owns the embedded PGlite database in .data/ (lock file: a second server on
// the same directory stops with a clear message), migrates it, seeds demo data into an empty one,
// and serves it to Next over the PostgreSQL protocol on a local port.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { connectPostgres, wrapPglite } from '../db/client';
import { defaultEmbeddedDir, EmbeddedDatabaseBusyError, openEmbeddedDatabase } from '../db/embedded';
import { appClock } from '../lib/clock';
import { isDatabaseEmpty, loadDemoData } from './demo-data';

const [mode, ...nextArgs] = process.argv.slice(2);
if (mode !== 'dev' && mode !== 'start') {
  console.error('Usage: tsx scripts/serve.ts dev|start [next options]');
  process.exit(2);
}

function authSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env };
  let stopDatabase: () => Promise<void> = async () => {};

  if (process.env.DATABASE_URL) {
    const handle = connectPostgres(process.env.DATABASE_URL, { max: 1 });
    await handle.migrate();
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
    if (await isDatabaseEmpty(handle.db)) {
      console.log('Embedded database is empty: loading the demo data…');
      await loadDemoData(handle.db, appClock());
    }
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
    env.AUTH_SECRET ??= authSecret(path.dirname(dir));
    console.log(`Embedded database ${path.relative(process.cwd(), dir)} served on 127.0.0.1:${port}`);
    stopDatabase = async () => {
      await server.stop();
      await embedded.close();
    };
  }

  env.AUTH_TRUST_HOST ??= 'true';
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
