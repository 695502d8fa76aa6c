// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { SESSION_IDLE_MS, SESSION_MAX_MS, startSession } from '@/lib/auth/sessions';
import { fixedClock } from '@/lib/clock';
import { createTestDatabase } from '../support/db';
import { aGuardian } from '../support/factories';
import { sessionOf } from '../support/session';

const { getCurrentUser } = await import('@/lib/auth/session');
const { logOut } = await import('@/lib/auth/log-out');

let handle: DbHandle;
let parent: Awaited<ReturnType<typeof aGuardian>>;
const clock = fixedClock('2026-11-26T08:00:00Z');
const minutes = (n: number) => n * 60_000;

/** The cookie a browser holds after logging in at the clock's current time. */
async function loggedIn() {
  const sessionId = await startSession(handle.db, clock, parent.id);
  return { ...sessionOf(parent), user: { ...sessionOf(parent).user, sessionId } };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  parent = await aGuardian(handle.db);
});
afterAll(() => handle.close());
beforeEach(() => {
  clock.set('2026-11-26T08:00:00Z');
  // The app reads its clock from COMPTE_FAMILLE_NOW; keep it on the test's clock.
  vi.stubEnv('COMPTE_FAMILLE_NOW', clock.now().toISOString());
});
const at = (ms: number) => {
  clock.advance(ms);
  vi.stubEnv('COMPTE_FAMILLE_NOW', clock.now().toISOString());
};

describe('sessions', () => {
  it('opens nothing with a copy of the cookie once its session was logged out', async () => {
    const cookie = await loggedIn();
    state.session = cookie;
    expect((await getCurrentUser())?.id).toBe(parent.id);
    await logOut();
    state.session = cookie; // the copy kept from before the logout
    expect(await getCurrentUser()).toBeNull();
  });

  it('ends only the session logged out, not the same person’s session on another device', async () => {
    const phone = await loggedIn();
    const computer = await loggedIn();
    state.session = phone;
    await logOut();
    state.session = computer;
    expect((await getCurrentUser())?.id).toBe(parent.id);
  });

  it('ends a session left unused longer than the idle limit', async () => {
    state.session = await loggedIn();
    at(SESSION_IDLE_MS - minutes(1));
    expect(await getCurrentUser()).not.toBeNull();
    at(SESSION_IDLE_MS - minutes(1));
    expect(await getCurrentUser()).not.toBeNull(); // each use counts as activity
    at(SESSION_IDLE_MS + minutes(1));
    expect(await getCurrentUser()).toBeNull();
  });

  it('refuses a session older than the absolute limit even while it is in use', async () => {
    state.session = await loggedIn();
    for (let elapsed = 0; elapsed < SESSION_MAX_MS - minutes(30); elapsed += minutes(30)) {
      at(minutes(30));
      expect(await getCurrentUser()).not.toBeNull();
    }
    at(minutes(31));
    expect(await getCurrentUser()).toBeNull();
  });

  it('refuses a cookie naming no session, or the session of someone else', async () => {
    const other = await aGuardian(handle.db);
    const theirs = await startSession(handle.db, clock, other.id);
    state.session = { ...sessionOf(parent), user: { ...sessionOf(parent).user, sessionId: theirs } };
    expect(await getCurrentUser()).toBeNull();
    state.session = { ...sessionOf(parent), user: { ...sessionOf(parent).user, sessionId: undefined } };
    expect(await getCurrentUser()).toBeNull();
  });
});
