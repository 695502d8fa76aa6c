import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, rowsOf, type Db, type DbHandle } from '@/db/client';
import { isConnectionError } from '@/db/errors';
import { replayable, RIDE_OUT_MS, WRITING_FUNCTIONS } from '@/db/reconnecting';
import { basketItems, families, sessions, users } from '@/db/schema';
import { startSession } from '@/lib/auth/sessions';
import { fixedClock } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { toggleBasketDay } from '@/lib/reservations/basket';
import { createTestDatabase, onPostgres } from '../support/db';
import { PostgresProxy } from '../support/postgres-proxy';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

const familiesNamed = async (db: Db, identifier: string) => (await db.select().from(families).where(eq(families.identifier, identifier))).length;
const guardians = async (db: Db) => (await db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

// Real PostgreSQL only: PGlite has no connection to lose. The shared server is never restarted: a
// proxy in front of it plays the database that goes away.
describe.skipIf(!onPostgres)('a statement whose connection is lost, outside a transaction (PostgreSQL)', () => {
  let database: DbHandle & { url?: string };
  let admin: postgres.Sql;
  let proxy: PostgresProxy;
  const opened: DbHandle[] = [];
  const through = (max = 1) => {
    const handle = connectPostgres(proxy.urlFor(database.url!), { max });
    opened.push(handle);
    return handle.db;
  };
  const direct = (max = 1) => {
    const handle = connectPostgres(database.url!, { max });
    opened.push(handle);
    return handle.db;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = postgres(database.url!, { max: 1, onnotice: () => {} });
  });
  afterEach(async () => {
    await proxy?.refuse();
    for (const handle of opened.splice(0)) await handle.close();
  });
  afterAll(async () => {
    await admin?.end();
    await database?.close();
  });
  const startProxy = async () => (proxy = await PostgresProxy.start(database.url!));

  /** Terminates the backend running the statement that contains `marker`, once it runs. */
  const terminateWhenRunning = async (marker: string, statement: Promise<unknown>) => {
    let settled = false;
    void statement.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      const killed = await admin`select pg_terminate_backend(pid) as gone from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query like ${`%${marker}%`}`;
      if (killed.some((row) => row.gone)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('runs a read again when its backend was terminated while it ran, and answers', async () => {
    const db = direct();
    await db.insert(families).values({ identifier: 'lue', name: 'LUE' });
    // Started once (a Drizzle query runs each time it is awaited).
    const read = Promise.resolve(db.execute(sql`select pg_sleep(0.5) as "read-1", (select count(*)::int from ${families}) as n`));
    await terminateWhenRunning('read-1', read);
    expect(rowsOf<{ n: number }>(await read)).toEqual([expect.objectContaining({ n: 1 })]);
  });

  it('control: on the bare postgres.js pool, the same read fails with the lost connection', async () => {
    const bare = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const db = drizzle(bare);
      const read = db.execute(sql`select pg_sleep(0.5) as "read-2", (select count(*)::int from ${families}) as n`).catch((error: unknown) => error);
      await terminateWhenRunning('read-2', read);
      expect(isConnectionError(await read)).toBe(true);
    } finally {
      await bare.end({ timeout: 1 });
    }
  });

  it('runs a read again when its answer was lost on the way', async () => {
    await startProxy();
    const db = through();
    await db.execute(sql`select 1`);
    proxy.cutAnswerContaining('answer-3');
    expect(rowsOf(await db.execute(sql`select 'answer-3' as answer`))).toEqual([{ answer: 'answer-3' }]);
    expect(proxy.connections).toBe(2);
  });

  it('does not run again a write whose answer was lost: it ran, once, and the caller gets the lost connection', async () => {
    await startProxy();
    const db = through();
    await db.execute(sql`select 1`);
    proxy.cutAnswerContaining('INSERT 0 1');
    const write = db.insert(families).values({ identifier: 'ecrite-une-fois', name: 'UNE FOIS' });
    await expect(write).rejects.toSatisfy(isConnectionError);
    await expect.poll(() => familiesNamed(database.db, 'ecrite-une-fois')).toBe(1);
    // Nothing comes back later either.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await familiesNamed(database.db, 'ecrite-une-fois')).toBe(1);
  });

  it('does not run again a select that writes (a data-modifying with) whose answer was lost', async () => {
    await startProxy();
    const db = through();
    await db.execute(sql`select 1`);
    const write = db.execute(sql`with added as (insert into ${families} (identifier, name) values ('par-un-select', 'SELECT') returning id) select id from added`);
    proxy.cutAnswerContaining('SELECT 1');
    await expect(write).rejects.toSatisfy(isConnectionError);
    await expect.poll(() => familiesNamed(database.db, 'par-un-select')).toBe(1);
  });

  it('runs again a write marked replayable whose answer was lost: a login keeps its session, written once', async () => {
    const { guardian } = await aFamilyWithChild(database.db);
    await startProxy();
    const db = through();
    await db.execute(sql`select 1`);
    proxy.cutAnswerContaining('INSERT 0 1');
    const id = await startSession(db, fixedClock('2026-11-26T09:00:00Z'), guardian.id);
    expect(await database.db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, id))).toEqual([{ userId: guardian.id }]);
    expect(proxy.connections).toBe(2);
  });

  it('runs a write again while the database cannot be reached: it never left, and lands once when the database is back', async () => {
    await startProxy();
    // A pool that has no connection yet: the insert waits for one to open.
    const db = through();
    await proxy.refuse();
    const started = Date.now();
    setTimeout(() => void proxy.accept(), 1_500);
    await db.insert(families).values({ identifier: 'apres-la-panne', name: 'APRES' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(await familiesNamed(database.db, 'apres-la-panne')).toBe(1);
  });

  it('rides through a restart: every connection dropped, refused for 3 s, then accepted again', async () => {
    const { guardian } = await aFamilyWithChild(database.db);
    await startProxy();
    const db = through(4);
    await Promise.all([1, 2, 3, 4].map(() => db.execute(sql`select pg_sleep(0.05)`)));
    const before = await guardians(database.db);
    // The pool's idle connections are dead and it does not know yet: the first statements are
    // written on them and lost, the next ones find no server until it is back.
    await proxy.refuse();
    setTimeout(() => void proxy.accept(), 3_000);
    const started = Date.now();
    const [reads, session, transaction] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => guardians(db))),
      startSession(db, fixedClock('2026-11-26T09:00:00Z'), guardian.id),
      db.transaction(async (tx) => {
        await tx.insert(families).values({ identifier: 'transaction-apres', name: 'TRANSACTION' });
        return 'commise';
      }),
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(Date.now() - started).toBeLessThan(RIDE_OUT_MS);
    expect(reads).toEqual(Array(10).fill(before));
    expect(transaction).toBe('commise');
    expect(await database.db.select().from(sessions).where(eq(sessions.id, session))).toHaveLength(1);
    expect(await familiesNamed(database.db, 'transaction-apres')).toBe(1);
  });

  it('gives up after a bounded wait when the database stays away, with the lost connection', async () => {
    await startProxy();
    const db = through();
    await db.execute(sql`select 1`);
    await proxy.refuse();
    const started = Date.now();
    await expect(guardians(db)).rejects.toSatisfy(isConnectionError);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThan(RIDE_OUT_MS - 1_500);
    // Room for a busy machine, and still far from a second wait of RIDE_OUT_MS.
    expect(waited).toBeLessThan(1.5 * RIDE_OUT_MS);
  }, 20_000);

  it('a locking transaction waits for a database that stays away no longer than a statement does', async () => {
    await startProxy();
    const db = through();
    await db.execute(sql`select 1`);
    await proxy.refuse();
    const started = Date.now();
    await expect(lockingTransaction(db, (tx) => tx.insert(families).values({ identifier: 'jamais', name: 'JAMAIS' }))).rejects.toSatisfy(isConnectionError);
    // Its attempts share one deadline: without it, an attempt started just before RIDE_OUT_MS
    // waited RIDE_OUT_MS again for its own connection (about twice RIDE_OUT_MS in all). The bound
    // leaves room for a busy machine.
    expect(Date.now() - started).toBeLessThan(1.5 * RIDE_OUT_MS);
  }, 30_000);

  it('replays a calendar click whose transaction lost its connection before the commit, and the day is asked once', async () => {
    const { day } = await anOpenDay(database.db, { capacity: 5 });
    const family = await aFamilyWithChild(database.db);
    const db = direct(2);
    // The first transaction's backend is terminated as it begins: PostgreSQL rolls it back.
    let terminated = false;
    const losingTheFirstTransaction = new Proxy(db, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
        return (work: (tx: Db) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            if (!terminated) {
              terminated = true;
              await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
            }
            return work(tx);
          });
      },
    });
    const clicked = await toggleBasketDay(losingTheFirstTransaction, fixedClock('2026-11-26T09:00:00Z'), family.familyId, { childId: family.child.id, activityDayId: day.id });
    expect(terminated).toBe(true);
    expect(clicked).toEqual({ ok: true, value: 'add' });
    expect(await database.db.select().from(basketItems).where(eq(basketItems.activityDayId, day.id))).toHaveLength(1);
  });

  it('knows every function of the schema that writes: a select calling one is not a read', async () => {
    const rows = rowsOf<{ name: string }>(
      await database.db.execute(sql`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.provolatile = 'v' and p.prorettype <> 'trigger'::regtype`),
    );
    expect(rows.map((row) => row.name).filter((name) => !WRITING_FUNCTIONS.includes(name))).toEqual([]);
  });

  it('marks a write replayable only for itself', async () => {
    await startProxy();
    const db = through();
    await db.execute(sql`select 1`);
    await replayable(() => db.update(families).set({ name: 'REJOUEE' }).where(eq(families.identifier, 'lue')));
    proxy.cutAnswerContaining('INSERT 0 1');
    await expect(db.insert(families).values({ identifier: 'pas-rejouee', name: 'NON' })).rejects.toSatisfy(isConnectionError);
    await expect.poll(() => familiesNamed(database.db, 'pas-rejouee')).toBe(1);
  });
});
