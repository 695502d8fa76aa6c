import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql } from 'postgres';
import { databaseErrorCode, isConnectionError } from './errors';

/*
 * A lost connection (a backend terminated, PostgreSQL restarting, a network cut) should not become
 * an error page when running the statement again is safe. Outside a transaction, a statement whose
 * connection was lost or could not be opened runs again, after a short wait, for up to
 * RIDE_OUT_MS in all (a restart takes a few seconds):
 * - a read, always: running it again changes nothing;
 * - a statement marked `replayable` (written so that running it twice is running it once), always;
 * - any other write only when it certainly never reached the server: the connection could not be
 *   opened. Lost once sent, its outcome is unknown (it may have committed), and it is not replayed.
 * A transaction runs again only when its connection could not be opened or was lost before its
 * work began (nothing of it ran); once begun, lockingTransaction decides (lib/locks.ts).
 */

/** How long, from its first attempt, a statement keeps being retried while the database is unreachable. */
export const RIDE_OUT_MS = 8_000;

// The connection could not be opened: nobody listens, the server is starting up or shutting down,
// no answer in time. Raised before any statement was sent.
const NEVER_SENT = new Set(['ECONNREFUSED', 'CONNECT_TIMEOUT', '57P03', 'ENOTFOUND', 'EAI_AGAIN']);
// The pool itself was closed: the process is stopping, retrying cannot help.
const POOL_CLOSED = new Set(['CONNECTION_ENDED', 'CONNECTION_DESTROYED']);

/**
 * The database's own functions that write (called by `select`): a statement calling one is not a
 * read. Every volatile function of the schema must be listed here or be a trigger function
 * (pinned by tests/integration/lost-connections.test.ts).
 */
export const WRITING_FUNCTIONS = ['validate_basket'];

const READ_START = /^[\s(]*(?:select|with|values|table|show)\b/i;
const WRITES = new RegExp(
  String.raw`\b(?:insert|update|delete|merge|truncate|into|copy|call|do|lock|nextval|setval|set_config|pg_notify|pg_terminate_backend|pg_cancel_backend|pg_(?:try_)?advisory_\w+|lo_\w+|${WRITING_FUNCTIONS.join('|')})\b`,
  'i',
);

/** Whether a statement only reads: running it twice is running it once. Anything in doubt is a write. */
export function isRead(statement: string): boolean {
  return READ_START.test(statement) && !WRITES.test(statement);
}

const replaying = new AsyncLocalStorage<boolean>();
const ridingOutUntil = new AsyncLocalStorage<number>();

/**
 * Runs `work` with every statement and transaction it starts riding out a lost connection until
 * `deadline` at the latest (a time from Date.now()), instead of RIDE_OUT_MS from its own start: a
 * caller that itself runs a transaction again after a lost connection (lockingTransaction) waits
 * for the database no longer in all than one statement does.
 */
export function rideOutUntil<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  const outer = ridingOutUntil.getStore();
  return ridingOutUntil.run(outer === undefined ? deadline : Math.min(outer, deadline), work);
}

/**
 * Runs `statement` (a single write outside a transaction) marked as safe to run again when its
 * connection is lost with its outcome unknown: it gives the same result whether it already ran or
 * not (`set x = <value> where …`, an insert of a row with a fixed key `on conflict do nothing`).
 */
export function replayable<T>(statement: () => PromiseLike<T>): Promise<T> {
  return replaying.run(true, async () => await statement());
}

function lostConnection(error: unknown): boolean {
  return isConnectionError(error) && !POOL_CLOSED.has(databaseErrorCode(error) ?? '');
}

function neverSent(error: unknown): boolean {
  return NEVER_SENT.has(databaseErrorCode(error) ?? '');
}

async function rideOut<T>(attempt: () => Promise<T>, mayRetry: (error: unknown) => boolean): Promise<T> {
  const deadline = Math.min(Date.now() + RIDE_OUT_MS, ridingOutUntil.getStore() ?? Infinity);
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      // 50 ms, 100, 200, … up to a second between attempts, a little random so that the requests
      // that lost their connections together do not all come back at the same instant.
      const wait = Math.min(50 * 2 ** retry, 1_000) * (0.75 + Math.random() / 2);
      if (!mayRetry(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Drizzle's query builder runs its statements through `sql.unsafe` with `prepare: false`, so
 * postgres.js sends them unnamed and PostgreSQL parses and plans them again each time. Those with
 * parameters are sent as named prepared statements instead (postgres.js keeps them per connection,
 * keyed by their text, and prepares them again on a new connection): parsed once per connection,
 * later runs send only the parameters. Left as they are: statements without parameters (the simple
 * protocol, which may hold several statements), and raw `db.execute(sql…)`, which Drizzle sends
 * without options.
 */
function withPreparation(args: Parameters<Sql['unsafe']>): Parameters<Sql['unsafe']> {
  const [statement, parameters, options] = args;
  const builderStatement = options?.prepare === false;
  if (!builderStatement || !Array.isArray(parameters) || parameters.length === 0) return args;
  return [statement, parameters, { ...options, prepare: true }];
}

/** A transaction's `sql`, with its statements prepared as the pool's are. */
function preparing(tx: Sql): Sql {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === 'unsafe') return (...args: Parameters<Sql['unsafe']>) => target.unsafe(...withPreparation(args));
      return Reflect.get(target, property, receiver);
    },
  });
}

/** A statement of `sql.unsafe`, as Drizzle uses it (awaited, or `.values()` then awaited), run by `rideOut`. */
class RiddenOutStatement<T> implements PromiseLike<T> {
  #asValues = false;
  #result: Promise<T> | null = null;
  readonly #replayable = replaying.getStore() === true;

  constructor(
    private readonly sql: Sql,
    private readonly args: Parameters<Sql['unsafe']>,
  ) {}

  values(): this {
    this.#asValues = true;
    return this;
  }

  #run(): Promise<T> {
    const [statement] = this.args;
    const safeToReplay = this.#replayable || isRead(statement);
    this.#result ??= rideOut(
      () => {
        const query = this.sql.unsafe(...withPreparation(this.args));
        return (this.#asValues ? query.values() : query) as unknown as Promise<T>;
      },
      (error) => lostConnection(error) && (safeToReplay || neverSent(error)),
    );
    return this.#result;
  }

  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.#run().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#run().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#run().finally(onFinally);
  }
}

/**
 * The postgres.js pool, for Drizzle, with its statements and transactions run again after a lost
 * connection where that is safe (see above). Statements inside a transaction are the
 * transaction's: they are never run again on their own.
 */
export function reconnecting(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') return (...args: Parameters<Sql['unsafe']>) => new RiddenOutStatement(target, args);
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const work = args.at(-1) as (tx: unknown) => unknown;
          let begun = false;
          const run = (tx: unknown) => {
            begun = true;
            return work(preparing(tx as Sql));
          };
          const begin = target.begin as (...args: unknown[]) => Promise<unknown>;
          return rideOut(
            () => begin(...args.slice(0, -1), run),
            (error) => !begun && lostConnection(error),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
