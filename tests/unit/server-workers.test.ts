import { describe, expect, it } from 'vitest';
import { afterWorkerExit, connectionBudgetProblem, CRASH_LOOP, isStartupBanner, nextNodeFlags, SEMI_SPACE_MB, workerCount, workerPoolMax } from '../../scripts/workers';

describe('how many server processes npm start runs', () => {
  it('runs one per core when WEB_CONCURRENCY is unset or empty', () => {
    expect(workerCount(undefined, 2)).toEqual({ ok: true, workers: 2 });
    expect(workerCount(' ', 8)).toEqual({ ok: true, workers: 8 });
  });

  it('runs the number WEB_CONCURRENCY asks for, 1 meaning a single process', () => {
    expect(workerCount('1', 8)).toEqual({ ok: true, workers: 1 });
    expect(workerCount(' 3 ', 2)).toEqual({ ok: true, workers: 3 });
  });

  it('refuses anything but a whole number from 1 to 256, saying what to set', () => {
    for (const value of ['0', '-2', '2.5', 'deux', '1e2', '257', '0x4']) {
      const count = workerCount(value, 2);
      expect(count.ok, value).toBe(false);
      if (!count.ok) expect(count.message).toContain(`WEB_CONCURRENCY is "${value}"`);
    }
  });
});

describe('Node flags of a production Next process', () => {
  it('gives the young generation a larger semi-space', () => {
    expect(nextNodeFlags(undefined)).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
    expect(nextNodeFlags('--enable-source-maps')).toEqual([`--max-semi-space-size=${SEMI_SPACE_MB}`]);
  });

  it('leaves the semi-space to NODE_OPTIONS when it sets one', () => {
    expect(nextNodeFlags('--max-semi-space-size=16')).toEqual([]);
    expect(nextNodeFlags('--enable-source-maps --max-semi-space-size 8')).toEqual([]);
  });
});

describe("each worker's database pool", () => {
  it('keeps the single process default for one or two workers, then shares 20 connections, at least 2 each', () => {
    expect([1, 2, 3, 4, 8, 16].map(workerPoolMax)).toEqual([10, 10, 6, 5, 2, 2]);
  });

  it("warns when one instance's workers, with their scheduler connection, could open more connections than PostgreSQL accepts", () => {
    expect(connectionBudgetProblem({ workers: 2, poolMax: 10, maxConnections: 100, reserved: 3 })).toBeNull();
    expect(connectionBudgetProblem({ workers: 16, poolMax: workerPoolMax(16), maxConnections: 100, reserved: 3 })).toBeNull();
    expect(connectionBudgetProblem({ workers: 16, poolMax: 10, maxConnections: 100, reserved: 3 })).toContain('176 connections, more than the 97 PostgreSQL accepts');
  });
});

describe('a worker that stops', () => {
  const now = 1_000_000;

  it('is replaced once the server has served', () => {
    expect(afterWorkerExit({ anyServed: true, deaths: [now], now })).toBe('replace');
  });

  it('stops the server when no worker ever served: it cannot start (port taken, no build)', () => {
    expect(afterWorkerExit({ anyServed: false, deaths: [now], now })).toBe('give up');
  });

  it(`stops the server when more than ${CRASH_LOOP.deaths} workers stopped within a minute, not before`, () => {
    const deaths = (count: number) => Array.from({ length: count }, (_, i) => now - i * 1000);
    expect(afterWorkerExit({ anyServed: true, deaths: deaths(CRASH_LOOP.deaths), now })).toBe('replace');
    expect(afterWorkerExit({ anyServed: true, deaths: deaths(CRASH_LOOP.deaths + 1), now })).toBe('give up');
    const longAgo = Array.from({ length: 20 }, (_, i) => now - CRASH_LOOP.withinMs - i * 1000);
    expect(afterWorkerExit({ anyServed: true, deaths: [...longAgo, now], now })).toBe('replace');
  });
});

describe("the other workers' output", () => {
  it("leaves out Next's startup banner, which the first worker printed", () => {
    const banner = ['   ▲ Next.js 16.4.6', '   - Local:         http://127.0.0.1:3321', '   - Network:       http://127.0.0.1:3321', ' ✓ Starting...', ' ✓ Ready in 507ms', ' ✓ Running next.config.ts took 142ms'];
    expect(banner.filter(isStartupBanner)).toEqual(banner);
  });

  it('passes on everything else', () => {
    expect(isStartupBanner('Scheduled jobs: run in this process (in-process cron, …)')).toBe(false);
    expect(isStartupBanner('[auth] login refused (invalid)')).toBe(false);
    expect(isStartupBanner(' ⨯ Failed to start server')).toBe(false);
  });
});

describe('the benchmark reading how many workers an instance ran', () => {
  it("takes the launcher's count, and one from a launcher that ran a single process", async () => {
    const { workersInOutput } = await import('../../bench/support/servers');
    expect(workersInOutput('Next.js: 2 worker processes share the port (WEB_CONCURRENCY, default one per core), 10 database connections each\n▲ Next.js 16.4.6')).toBe(2);
    expect(workersInOutput('▲ Next.js 16.4.6\n✓ Ready in 507ms')).toBe(1);
  });
});
