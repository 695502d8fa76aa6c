import 'server-only';
import { openDatabase, type Db, type DbHandle } from './client';

// One connection pool (or one embedded database) per server process, kept across hot reloads.
const globalForDb = globalThis as unknown as { compteFamilleDb?: Promise<DbHandle> };

export function getDb(): Promise<Db> {
  globalForDb.compteFamilleDb ??= openDatabase().then(async (handle) => {
    if (!process.env.DATABASE_URL) await handle.migrate();
    return handle;
  });
  return globalForDb.compteFamilleDb.then((handle) => handle.db);
}

export type { Db };
