/**
 * What a database error says about the connection. postgres.js names a connection it lost
 * (`CONNECTION_CLOSED`, …) in `code`; PostgreSQL gives a SQLSTATE; Drizzle wraps either in
 * `cause`.
 */

// postgres.js: the socket closed, the pool was ended, the connection was destroyed, or none could
// be opened in time.
const LOST_BY_DRIVER = ['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT'];
// PostgreSQL: the backend was terminated (admin_shutdown: pg_terminate_backend, a restart), crashed,
// or the server is starting or stopping; class 08 is "connection exception".
const LOST_BY_SERVER = ['57P01', '57P02', '57P03', '08000', '08003', '08006'];
// Node: nobody listens, or the peer went away.
const LOST_BY_SOCKET = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'];

const CONNECTION_LOST = new Set([...LOST_BY_DRIVER, ...LOST_BY_SERVER, ...LOST_BY_SOCKET]);

/** The code of a database error (SQLSTATE, or postgres.js's own), looking through wrappers. */
export function databaseErrorCode(error: unknown): string | undefined {
  for (let seen = error, depth = 0; seen && typeof seen === 'object' && depth < 5; depth++) {
    const { code, cause } = seen as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    seen = cause;
  }
  return undefined;
}

/**
 * The database connection was lost or could not be opened: the statement did not run, or its
 * transaction was rolled back, or (lost during COMMIT) nobody knows.
 */
export function isConnectionError(error: unknown): boolean {
  return CONNECTION_LOST.has(databaseErrorCode(error) ?? '');
}
