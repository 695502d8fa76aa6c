import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, rowsOf, type Db, type DbHandle } from '@/db/client';
import * as schema from '@/db/schema';
import { families } from '@/db/schema';
import { createTestDatabase, onPostgres } from '../support/db';

/** The protocol-level prepared statements of the connection that runs this (a pool of one). */
async function preparedOnConnection(db: Db, marker: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql.raw(`select count(*)::int as n from pg_prepared_statements where not from_sql and statement like '%${marker}%'`)),
  );
  return row!.n;
}

// Real PostgreSQL only: PGlite has no protocol-level statements of its own to inspect.
describe.skipIf(!onPostgres)('statements sent to PostgreSQL (db/reconnecting.ts)', () => {
  let database: DbHandle & { url?: string };
  const opened: { close(): Promise<void> }[] = [];
  const pool = () => {
    const handle = connectPostgres(database.url!, { max: 1 });
    opened.push(handle);
    return handle.db;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    await database?.close();
  });

  it('prepares a statement with parameters once per connection, then runs it by name', async () => {
    const db = pool();
    for (const identifier of ['A1', 'B2', 'C3']) await db.select().from(families).where(eq(families.identifier, identifier));
    expect(await preparedOnConnection(db, '"families"."identifier" = $1')).toBe(1);
  });

  it('prepares the statements of a transaction too', async () => {
    const db = pool();
    await db.transaction(async (tx) => {
      await tx.select({ id: families.id }).from(families).where(eq(families.name, 'DURAND'));
    });
    expect(await preparedOnConnection(db, '"families"."name" = $1')).toBe(1);
  });

  it('keeps the simple protocol for a statement without parameters, which may hold several', async () => {
    const db = pool();
    await db.execute(sql.raw('create temporary table prepared_probe (n int); insert into prepared_probe values (7)'));
    const [row] = rowsOf<{ n: number }>(await db.execute(sql.raw('select n from prepared_probe')));
    expect(row!.n).toBe(7);
    expect(await preparedOnConnection(db, 'prepared_probe')).toBe(0);
  });

  it('control: Drizzle on the bare postgres.js pool sends the same statement unnamed, parsed again each time', async () => {
    const client = postgres(database.url!, { max: 1, onnotice: () => {} });
    opened.push({ close: () => client.end({ timeout: 5 }) });
    const db = drizzle(client, { schema, casing: 'snake_case' }) as unknown as Db;
    for (const identifier of ['A1', 'B2']) await db.select().from(families).where(eq(families.identifier, identifier));
    expect(await preparedOnConnection(db, '"families"."identifier" = $1')).toBe(0);
  });
});
