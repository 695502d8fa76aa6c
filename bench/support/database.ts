// The benchmarks' databases: each its own `cf_<prefix>_<random>` on the server BENCH_DATABASE_URL
// names, migrated with the app's migrator, dropped with force at the end, on an error or on Ctrl-C.
import crypto from 'node:crypto';
import postgres from 'postgres';
import { connectPostgres } from '../../db/client';
import { atExit } from './cleanup';

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Drops the database with force (servers may still be connected); runs once, however often it is called. */
  drop(): Promise<void>;
}

async function onAdmin(adminUrl: string, statement: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end({ timeout: 2 });
  }
}

/**
 * Creates `cf_<prefix>_<random>` on the server of `adminUrl` and, unless `migrate` is false, runs
 * the app's migrations on it. Its drop is registered for the way out (bench/support/cleanup.ts).
 * BENCH_KEEP_DATABASE=1 keeps it instead, to EXPLAIN queries on the town afterwards.
 */
export async function createScratchDatabase(adminUrl: string, prefix: string, { migrate = true } = {}): Promise<ScratchDatabase> {
  const name = `cf_${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  await onAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= (async () => {
      forget();
      if (process.env.BENCH_KEEP_DATABASE === '1') return console.log(`Database kept: ${name}`);
      const statement = `drop database if exists ${name} with (force)`;
      // The server may just have restarted (the rush's faults): one more try on a fresh connection.
      await onAdmin(adminUrl, statement).catch(() => onAdmin(adminUrl, statement));
    })());
  const forget = atExit(drop);
  if (migrate) {
    const handle = connectPostgres(url.toString(), { max: 1 });
    try {
      await handle.migrate();
    } catch (error) {
      await drop();
      throw error;
    } finally {
      await handle.close();
    }
  }
  return { name, url: url.toString(), drop };
}

/** Runs `work` on a fresh scratch database and drops it whatever happens. */
export async function withScratchDatabase<T>(adminUrl: string, prefix: string, work: (database: ScratchDatabase) => Promise<T>, options?: { migrate?: boolean }): Promise<T> {
  const database = await createScratchDatabase(adminUrl, prefix, options);
  try {
    return await work(database);
  } finally {
    await database.drop();
  }
}
