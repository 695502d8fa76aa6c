import { vi } from 'vitest';

/**
 * What a request gives the pages and actions, stood in for so that they run for real in an
 * integration test: who is logged in (the Auth.js cookie), the process-wide database, Next's
 * cache, and `after`, which here runs its work at once and keeps it in `state.afterWork` (or,
 * with `state.holdAfter`, keeps it unrun in `state.heldAfterWork`).
 * Import this module before anything that imports the app, then set `state.db` and
 * `state.session`. Everything else (the session checks against the database, redirect(),
 * notFound()) is real.
 */
export const state = {
  db: undefined as unknown,
  session: null as unknown,
  afterWork: [] as Promise<unknown>[],
  /** Set it to keep the work given to `after` in `heldAfterWork`, unrun, until the test runs it. */
  holdAfter: false,
  heldAfterWork: [] as (() => Promise<unknown>)[],
};

vi.mock('@/auth', () => ({ auth: async () => state.session, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock('@/lib/auth/request-session', () => ({ requestSession: async () => state.session }));
vi.mock('@/db', () => ({ getDb: async () => state.db }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: (work: () => Promise<unknown>) => {
    if (state.holdAfter) state.heldAfterWork.push(work);
    else state.afterWork.push(work());
  },
}));
