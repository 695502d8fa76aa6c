import { afterEach, describe, expect, it, vi } from 'vitest';

// A cluster worker of `npm start` (scripts/serve.ts) or a process of its own, as each test says.
const cluster = vi.hoisted(() => ({ isWorker: false }));
vi.mock('node:cluster', () => ({ default: cluster }));
vi.mock('@/db', () => ({ getDb: async () => ({}) }));
vi.mock('@/lib/jobs/control', () => ({ startJobControl: async () => {} }));
vi.mock('@/lib/jobs/registry', () => ({ jobs: { deliverEmails: { schedule: '* * * * *' } } }));
// Another process holds the scheduler's advisory lock.
vi.mock('@/lib/jobs/scheduler', () => ({
  advisoryRunnerLock: () => ({ hold: async () => false, release: async () => {} }),
  processRunnerLock: { hold: async () => true, release: async () => {} },
  startScheduler: () => ({ tick: async () => false, stop: async () => {} }),
}));

const globalForJobs = globalThis as unknown as { compteFamilleScheduler?: unknown };
afterEach(() => {
  delete globalForJobs.compteFamilleScheduler;
  vi.restoreAllMocks();
});

describe('the scheduled jobs message of a process that does not hold the lock', () => {
  it('says another instance runs them in a process of its own', async () => {
    cluster.isWorker = false;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { startScheduledJobs } = await import('@/lib/jobs/in-process');
    await startScheduledJobs({ DATABASE_URL: 'postgres://nowhere/none' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('another instance runs them'));
  });

  it('says nothing in a worker of npm start: the worker holding the lock speaks for all', async () => {
    cluster.isWorker = true;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { startScheduledJobs } = await import('@/lib/jobs/in-process');
    await startScheduledJobs({ DATABASE_URL: 'postgres://nowhere/none' });
    expect(log).not.toHaveBeenCalled();
  });
});
