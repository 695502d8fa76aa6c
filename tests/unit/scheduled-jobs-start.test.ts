import { afterEach, describe, expect, it, vi } from 'vitest';

const startScheduledJobs = vi.fn(async () => {});
vi.mock('@/lib/jobs/in-process', () => ({ startScheduledJobs }));
vi.mock('@/db', () => ({ getDb: async () => ({}) }));
const { register } = await import('@/instrumentation');

const saved = { runtime: process.env.NEXT_RUNTIME, phase: process.env.NEXT_PHASE };
afterEach(() => {
  Object.assign(process.env, { NEXT_RUNTIME: saved.runtime ?? '', NEXT_PHASE: saved.phase ?? '' });
  startScheduledJobs.mockClear();
});

describe('starting the scheduled jobs with the server', () => {
  it('starts them in the Node.js server', async () => {
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', NEXT_PHASE: '' });
    await register();
    expect(startScheduledJobs).toHaveBeenCalledOnce();
  });

  it('never starts them while next build pre-renders, nor in the edge runtime', async () => {
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', NEXT_PHASE: 'phase-production-build' });
    await register();
    Object.assign(process.env, { NEXT_RUNTIME: 'edge', NEXT_PHASE: '' });
    await register();
    expect(startScheduledJobs).not.toHaveBeenCalled();
  });

  it('leaves them to Inngest when its keys are set, and says so', async () => {
    const { startScheduledJobs: realStart } = await vi.importActual<typeof import('@/lib/jobs/in-process')>('@/lib/jobs/in-process');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await realStart({ INNGEST_SIGNING_KEY: 'signkey-test-0', DATABASE_URL: 'postgres://nowhere/none' });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Scheduled jobs: run by Inngest'));
    log.mockRestore();
    // The real module loads every job's code (templates, services): seconds on a busy machine.
  }, 30_000);
});
