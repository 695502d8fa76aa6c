import crypto from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { replayable } from '@/db/reconnecting';
import { sessions } from '@/db/schema';
import type { Clock } from '@/lib/clock';

/** A session unused this long ends: a phone left on a table at the library does not stay open. */
export const SESSION_IDLE_MS = 60 * 60_000;
/** A session ends this long after the login, however busy: no re-issue of the cookie extends it. */
export const SESSION_MAX_MS = 8 * 60 * 60_000;
// Recording every request would write on every page view; a minute's precision is plenty.
const TOUCH_EVERY_MS = 60_000;

/**
 * Opens a session at login; its id goes into the session cookie. Run again after a lost
 * connection, the insert finds its row already there (the id is chosen here, not by the database).
 */
export async function startSession(db: Db, clock: Clock, userId: number): Promise<string> {
  const id = crypto.randomBytes(24).toString('base64url');
  const now = clock.now();
  await replayable(() => db.insert(sessions).values({ id, userId, createdAt: now, lastSeenAt: now }).onConflictDoNothing({ target: sessions.id }));
  return id;
}

/** Whether a session (as read with its user) may still be used at `now`. */
export function sessionIsLive(session: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null }, now: Date): boolean {
  return (
    session.endedAt === null &&
    now.getTime() - session.createdAt.getTime() < SESSION_MAX_MS &&
    now.getTime() - session.lastSeenAt.getTime() < SESSION_IDLE_MS
  );
}

/** Records that a live session was used, at most once a minute. */
export async function touchSession(db: Db, clock: Clock, session: { id: string; lastSeenAt: Date }): Promise<void> {
  const now = clock.now();
  if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_EVERY_MS) return;
  await replayable(() =>
    db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, session.id), isNull(sessions.endedAt), lt(sessions.lastSeenAt, now))),
  );
}

/** "Se déconnecter": the session ends on the server, so a copy of its cookie opens nothing. */
export async function endSession(db: Db, clock: Clock, sessionId: string): Promise<void> {
  const now = clock.now();
  await replayable(() =>
    db
      .update(sessions)
      .set({ endedAt: now })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt))),
  );
}
