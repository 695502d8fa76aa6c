import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '@/db/client';
import { auditLog, basketItems, baskets, basketValidations, families, outboundEmails, reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { lockingTransaction } from '@/lib/locks';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { REASONS } from '@/lib/reservations/rules';
import type { ValidationOutcome } from '@/lib/reservations/types';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase, onPostgres } from '../support/db';
import { aFamilyWithChild, anOpenDay, aRushOfBaskets } from '../support/reservations';

const connectionClosed = () => Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });

/**
 * The database, except that the first transaction, or the first statement run in autocommit
 * (`execute`, as validate_basket is), commits and then loses its connection, as if the answer to
 * COMMIT never came.
 */
function losingTheFirstCommitAnswer(db: Db): Db {
  let lost = false;
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property !== 'transaction' && property !== 'execute') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        const result = await (value as (...args: unknown[]) => Promise<unknown>).apply(target, args);
        if (!lost) {
          lost = true;
          throw connectionClosed();
        }
        return result;
      };
    },
  });
}

describe('a transaction whose connection is lost', () => {
  let handle: DbHandle;
  afterAll(() => handle?.close());
  const clock = fixedClock('2026-11-26T09:00:00Z');

  it('runs again when the connection was lost before the commit: PostgreSQL rolled the first run back', async () => {
    handle = await createTestDatabase();
    let runs = 0;
    const done = await lockingTransaction(handle.db, async (tx) => {
      runs++;
      await tx.insert(families).values({ identifier: 'perdue-avant', name: 'AVANT' });
      if (runs === 1) throw connectionClosed();
      return 'fait';
    });
    expect(done).toBe('fait');
    expect(runs).toBe(2);
    expect(await handle.db.select().from(families).where(eq(families.identifier, 'perdue-avant'))).toHaveLength(1);
  });

  it('does not run work again when the connection was lost while committing, unless the work says it may', async () => {
    let runs = 0;
    const once = lockingTransaction(losingTheFirstCommitAnswer(handle.db), async (tx) => {
      runs++;
      await tx.insert(families).values({ identifier: `perdue-en-validant-${runs}`, name: 'PENDANT' });
    });
    await expect(once).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(runs).toBe(1);
    expect(await handle.db.select().from(families).where(eq(families.identifier, 'perdue-en-validant-1'))).toHaveLength(1);
  });

  it('validates a basket lost while committing once: run again, it answers what was committed', async () => {
    const { day } = await anOpenDay(handle.db, { capacity: 5 });
    const family = await aFamilyWithChild(handle.db);
    await toggleBasketDay(handle.db, clock, family.familyId, { childId: family.child.id, activityDayId: day.id });
    const summary = await basketSummary(handle.db, clock, family.familyId);

    const losing = losingTheFirstCommitAnswer(handle.db);
    let statements = 0;
    const counting = new Proxy(losing, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property === 'execute') statements++;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const response = await validateBasket(counting, clock, family.familyId, family.actor, {
      basketId: summary.basketId!,
      version: summary.version,
    });
    // Run twice: the first answer was lost after its commit, the second found the basket validated.
    expect(statements).toBe(2);
    expect(response).toMatchObject({ ok: true, value: { outcomes: [{ result: 'pending' }] } });
    const validations = await handle.db.select().from(basketValidations).where(eq(basketValidations.familyId, family.familyId));
    expect(validations.map((v) => v.id)).toEqual([response.ok && response.value.validationId]);
    expect(await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId))).toHaveLength(1);
    expect(await handle.db.select().from(outboundEmails).where(eq(outboundEmails.familyId, family.familyId))).toHaveLength(1);
  });
});

const tsx = path.resolve('node_modules/.bin/tsx');

/** 20 families with a child and no basket yet: during the rush they click days on and off. */
async function parentsStillChoosing(db: Db) {
  const families = new Set<number>();
  for (let i = 0; i < 20; i++) families.add((await aFamilyWithChild(db)).familyId);
  return families;
}

/** Runs tests/support/validate-while-backends-die.ts on a database, in its own process. */
function validateWhileBackendsDie(url: string, env: Record<string, string> = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(tsx, ['tests/support/validate-while-backends-die.ts', url, '150'], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** postgres.js as npm ships it: a copy of node_modules/postgres with patches/postgres+3.4.9.patch taken out. */
function unpatchedPostgresJs(): { dir: string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-postgres-js-'));
  fs.cpSync('node_modules/postgres', path.join(root, 'node_modules/postgres'), { recursive: true });
  const reverse = spawnSync('patch', ['-R', '-p1', '-d', root, '-i', path.resolve('patches/postgres+3.4.9.patch')], { encoding: 'utf8' });
  if (reverse.status !== 0) throw new Error(`Could not take the patch out of postgres.js: ${reverse.stdout}${reverse.stderr}`);
  return { dir: path.join(root, 'node_modules/postgres'), remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

const CRASH = "TypeError: Cannot read properties of null (reading 'write')";
/**
 * How unpatched postgres.js ends the process when backends die: a transaction's ROLLBACK (a click)
 * written on the closed socket (CRASH), or a rejection nothing awaits (the array types' fetch on a
 * new connection).
 */
const UNPATCHED_CRASH = new RegExp(`${escapeRegExp(CRASH)}|triggerUncaughtException[^]*PostgresError: terminating connection due to administrator command`);
function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Real PostgreSQL only: PGlite has no backends to terminate.
describe.skipIf(!onPostgres)('the database going away (PostgreSQL)', () => {
  const handles: (DbHandle & { url?: string })[] = [];
  afterAll(async () => {
    for (const handle of handles) await handle.close();
  });
  const database = async () => {
    const handle = await createTestDatabase();
    handles.push(handle);
    return handle;
  };

  it('rejects a transaction whose backend was terminated with a catchable error, and the next query works', async () => {
    const { url } = await database();
    const client = postgres(url!, { max: 1, onnotice: () => {} });
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    try {
      let pid: number | undefined;
      const transaction = client
        .begin(async (tx) => {
          const [backend] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
          pid = backend!.pid;
          await tx`select pg_sleep(30)`;
        })
        .catch((error: unknown) => error);
      await expect.poll(() => pid).toBeDefined();
      await admin`select pg_terminate_backend(${pid!})`;
      // Unpatched, the transaction's own ROLLBACK lands on the closed socket from a setImmediate
      // and ends the process.
      expect(await transaction).toMatchObject({ code: expect.stringMatching(/^(CONNECTION_CLOSED|57P01)$/) });
      expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all([client.end(), admin.end()]);
    }
  });

  it('answers the first query after a backend was terminated in the middle of a query', async () => {
    const { url } = await database();
    const client = postgres(url!, { max: 1, onnotice: () => {} });
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    try {
      const sleeping = client`select pg_sleep(30)`.catch((error: unknown) => error);
      await expect.poll(async () => (await admin`select pid from pg_stat_activity where query like 'select pg_sleep%' and pid <> pg_backend_pid()`).length).toBe(1);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where query like 'select pg_sleep%' and pid <> pg_backend_pid()`;
      expect(await sleeping).toMatchObject({ code: expect.stringMatching(/CONNECTION_CLOSED|57P01/) });
      // Unpatched, the dead backend's "terminating connection" is replayed onto this query.
      expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all([client.end(), admin.end()]);
    }
  });

  it('survives backends terminated every 150 ms during 200 validations: each validated or told to retry, nothing half written, and the next query works', async () => {
    const handle = await database();
    const db = handle.db;
    const days = await aRushOfBaskets(db, 200);
    const choosing = await parentsStillChoosing(db);

    const run = await validateWhileBackendsDie(handle.url!);
    expect(run.stderr).not.toMatch(UNPATCHED_CRASH);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      tally: Record<string, number>;
      clicks: Record<string, number>;
      terminated: number;
      validationsAfter: number;
    };
    // Every validation either went through or got the "try again in a moment" answer; nothing else.
    expect(Object.keys(report.tally).filter((answer) => answer !== 'validated' && answer !== 'unavailable')).toEqual([]);
    // So did every click, but those on a day already full; a click is not retried, so under these
    // kills most of them are told to retry.
    expect(Object.keys(report.clicks).filter((answer) => !['clicked', 'unavailable', `refused: ${REASONS.full}`].includes(answer))).toEqual([]);
    expect(Object.values(report.clicks).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    const validated = report.tally.validated ?? 0;
    const unavailable = report.tally.unavailable ?? 0;
    expect(validated + unavailable).toBe(200);
    expect(validated).toBeGreaterThan(0);
    expect(report.terminated).toBeGreaterThan(50);

    // The query right after the killing, in the same process, saw every committed validation.
    const validations = await db.select().from(basketValidations);
    expect(report.validationsAfter).toBe(validations.length);
    // A validation lost while committing may have been committed and still answered "unavailable".
    expect(validations.length).toBeGreaterThanOrEqual(validated);
    expect(validations.length).toBeLessThanOrEqual(validated + unavailable);

    // Capacities and waiting lists hold.
    for (const day of days) {
      const rows = await db.select().from(reservations).where(eq(reservations.activityDayId, day.id));
      expect(rows.filter((r) => r.status === 'pending').length).toBeLessThanOrEqual(60);
      const ranks = rows.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistRank!);
      expect(ranks.sort((a, b) => a - b)).toEqual(ranks.map((_, i) => i + 1));
      expect(ranks.length).toBeLessThanOrEqual(20);
    }
    // Each validation wrote all of itself and its basket is gone; every other basket is whole.
    for (const validation of validations) {
      const outcomes = validation.outcomes as ValidationOutcome[];
      const held = outcomes.filter((o) => o.result === 'pending' || o.result === 'waitlisted').length;
      const rows = await db.select().from(reservations).where(eq(reservations.familyId, validation.familyId));
      expect(rows).toHaveLength(held);
      const basketId = Number(validation.submissionKey.split(':')[0]);
      expect(await db.select().from(baskets).where(eq(baskets.id, basketId))).toEqual([]);
      expect(await db.select().from(auditLog).where(and(eq(auditLog.action, 'basket.validate'), eq(auditLog.entityId, String(validation.id))))).toHaveLength(1);
      expect(await db.select().from(outboundEmails).where(eq(outboundEmails.familyId, validation.familyId))).toHaveLength(1);
    }
    const validatedFamilies = new Set(validations.map((v) => v.familyId));
    const reservedFamilies = new Set((await db.select({ familyId: reservations.familyId }).from(reservations)).map((r) => r.familyId));
    expect([...reservedFamilies].filter((familyId) => !validatedFamilies.has(familyId))).toEqual([]);
    const remaining = (await db.select().from(baskets)).filter((b) => !choosing.has(b.familyId));
    expect(remaining.filter((b) => validatedFamilies.has(b.familyId))).toEqual([]);
    expect(remaining.length + validations.length).toBe(200);
    const items = await db.select({ basketId: basketItems.basketId }).from(basketItems).where(inArray(basketItems.basketId, [0, ...remaining.map((b) => b.id)]));
    expect(items).toHaveLength(remaining.length * 4);
    // A click is a request in a basket, never a reservation.
    expect(validations.filter((v) => choosing.has(v.familyId))).toEqual([]);
  }, 180_000);

  it('control: with postgres.js as released (the patch taken out), the same workload ends the process', async () => {
    const handle = await database();
    await aRushOfBaskets(handle.db, 200);
    await parentsStillChoosing(handle.db);
    const unpatched = unpatchedPostgresJs();
    try {
      const run = await validateWhileBackendsDie(handle.url!, { POSTGRES_JS_DIR: unpatched.dir });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(UNPATCHED_CRASH);
      expect(run.stderr).toContain(`${unpatched.dir}/src/connection.js`);
    } finally {
      unpatched.remove();
    }
  }, 180_000);
});
