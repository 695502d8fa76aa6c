// Test helper process: every basket of the database at URL is validated at once, while the
// families without a basket (parents still choosing) click the baskets' days on and off, and
// another connection terminates all the database's other backends every KILL_EVERY_MS
// milliseconds (see below for a busy machine). Prints what the validations and the clicks answered
// as one JSON line, after one more query once the killing stopped. A validation is one statement
// in autocommit; a click is a transaction, whose ROLLBACK meets the dead connection.
// With POSTGRES_JS_DIR set, postgres.js is loaded from that directory (the control's unpatched copy).
//   tsx tests/support/validate-while-backends-die.ts URL [KILL_EVERY_MS]
import { register } from 'node:module';

const [url, killEvery = '150'] = process.argv.slice(2);
if (process.env.POSTGRES_JS_DIR) register('./postgres-js-from.mjs', import.meta.url, { data: process.env.POSTGRES_JS_DIR });

// Loaded after the hook, so that they import the chosen postgres.js.
const { default: postgres } = await import('postgres');
const { and, eq, sql } = await import('drizzle-orm');
const { connectPostgres } = await import('../../db/client');
const { databaseErrorCode, isConnectionError } = await import('../../db/errors');
const { basketItems, baskets, basketValidations, children, users } = await import('../../db/schema');
const { fixedClock } = await import('../../lib/clock');
const { toggleBasketDay } = await import('../../lib/reservations/basket');
const { validateBasket } = await import('../../lib/reservations/validate');

// The production pool (DATABASE_POOL_MAX, 10 by default).
const handle = connectPostgres(url!);
const clock = fixedClock('2026-11-26T09:00:00Z');
const pending = await handle.db
  .select({ basketId: baskets.id, version: baskets.version, familyId: baskets.familyId, guardianId: users.id })
  .from(baskets)
  .innerJoin(users, and(eq(users.familyId, baskets.familyId), eq(users.role, 'family')));
const days = [...new Set((await handle.db.selectDistinct({ id: basketItems.activityDayId }).from(basketItems)).map((row) => row.id))];
const choosing = await handle.db
  .select({ familyId: children.familyId, childId: children.id })
  .from(children)
  .where(sql`not exists (select 1 from ${baskets} where ${baskets.familyId} = ${children.familyId})`);

const killer = postgres(url!, { max: 1, onnotice: () => {} });
let rounds = 0;
let terminated = 0;
let killing = true;
// A round kills every KILL_EVERY_MS, as long as validations commit between rounds. On a machine so
// busy that none committed since the last round, it waits up to a second more: otherwise every
// attempt of every validation would die, and the run would check nothing but refusals.
const committed = async () => (await killer`select count(*)::int as n from basket_validations`)[0]!.n as number;
const kills = (async () => {
  let committedAtLastKill = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, Number(killEvery)));
    for (let waited = 0; killing && waited < 1000 && (await committed()) === committedAtLastKill; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!killing) return;
    committedAtLastKill = await committed();
    const rows = await killer`select pg_terminate_backend(pid) as gone from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    rounds++;
    terminated += rows.filter((row) => row.gone).length;
  }
})();

const answerOf = async (work: () => Promise<{ ok: boolean; message?: string }>, done: string) => {
  try {
    const result = await work();
    return result.ok ? done : `refused: ${result.message}`;
  } catch (error) {
    if (isConnectionError(error)) return 'unavailable';
    return `failed: ${databaseErrorCode(error) ?? ''} ${error instanceof Error ? error.message : String(error)}`;
  }
};
let validating = true;
const clicks: string[] = [];
const clicking = Promise.all(
  choosing.map(async ({ familyId, childId }, i) => {
    for (let n = i; validating; n++) {
      clicks.push(await answerOf(() => toggleBasketDay(handle.db, clock, familyId, { childId, activityDayId: days[n % days.length]! }), 'clicked'));
    }
  }),
);
const answers = await Promise.all(
  pending.map(({ basketId, version, familyId, guardianId }) =>
    answerOf(() => validateBasket(handle.db, clock, familyId, { id: guardianId, role: 'family' }, { basketId, version }), 'validated'),
  ),
);
validating = false;
await clicking;
killing = false;
await kills;
await killer.end();

const [after] = await handle.db.select({ validations: sql<number>`count(*)::int` }).from(basketValidations);
await handle.close();

const tallyOf = (all: string[]) => {
  const tally: Record<string, number> = {};
  for (const answer of all) tally[answer] = (tally[answer] ?? 0) + 1;
  return tally;
};
console.log(JSON.stringify({ tally: tallyOf(answers), clicks: tallyOf(clicks), rounds, terminated, validationsAfter: after!.validations }));
