import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { reconnecting } from './reconnecting';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database or a transaction: services accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Db;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** Connections of the PostgreSQL pool (DATABASE_POOL_MAX, 10 by default); busy services size their admission by it. */
export const databasePoolMax = () => Number(process.env.DATABASE_POOL_MAX ?? 10);

const migrationsFolder = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/migrations');

export function connectPostgres(url: string, options: { max?: number } = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? databasePoolMax(),
    onnotice: () => {},
    // After a lost connection postgres.js waits before reconnecting, longer and longer while
    // connections keep failing: up to 20 s, stalling every request long after the database is back.
    // Same curve, two seconds at most.
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 2),
  });
  // A statement whose connection was lost runs again where that is safe (db/reconnecting.ts).
  const db = drizzlePostgres(reconnecting(sql), { schema, casing: 'snake_case' });
  return {
    db: db as unknown as Db,
    migrate: () => migratePostgres(db, { migrationsFolder }),
    close: () => sql.end({ timeout: 5 }),
  };
}

export function wrapPglite(pglite: PGlite, close: () => Promise<void> = () => pglite.close()): DbHandle {
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case' });
  return {
    db: db as unknown as Db,
    migrate: () => migratePglite(db, { migrationsFolder }),
    close,
  };
}

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else the embedded one. */
export async function openDatabase(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return connectPostgres(url);
  const { openEmbeddedDatabase } = await import('./embedded');
  const embedded = await openEmbeddedDatabase();
  return wrapPglite(embedded.pglite, embedded.close);
}

/** The rows of a raw `db.execute(sql…)`: postgres.js answers an array, PGlite an object holding `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
