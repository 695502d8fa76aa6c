import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wrapPglite, type DbHandle } from '@/db/client';
import { openEmbeddedDatabase } from '@/db/embedded';
import { jobRuns, outboundEmails } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { recordJobRun } from '@/lib/jobs/record';
import { jobs, runJob } from '@/lib/jobs/registry';
import { advisoryRunnerLock, startScheduler } from '@/lib/jobs/scheduler';
import { queueEmails } from '@/lib/mail/outbox';
import { createTestDatabase, onPostgres } from '../support/db';

const tsx = path.resolve('node_modules/.bin/tsx');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-jobs-'));
process.env.MAIL_DIR = path.join(workDir, 'mail');
let handle: DbHandle & { url?: string };
const clock = fixedClock('2026-11-26T10:00:00Z');
const props = { town: 'Mairie de Cestas', firstName: 'Jean-Paul', changedAt: '26/11/2026 à 10:00' };

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await handle.db.delete(jobRuns);
  await handle.db.delete(outboundEmails);
});

const lastRun = async () => (await handle.db.select().from(jobRuns).orderBy(desc(jobRuns.id)).limit(1))[0];

describe('the job registry', () => {
  it('gives every job a five-field cron schedule', () => {
    for (const job of Object.values(jobs)) expect(job.schedule.split(' ')).toHaveLength(5);
    expect(jobs.deliverEmails.schedule).toBe('* * * * *');
  });

  it('records a run that succeeds with its report, and running it again sends nothing twice', async () => {
    await handle.db.transaction((tx) => queueEmails(tx, clock, [{ to: 'parent@example.fr', template: 'password-changed', props }]));
    expect(await runJob(handle.db, clock, 'deliverEmails', { trigger: 'manual' })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await lastRun()).toMatchObject({ job: 'deliverEmails', trigger: 'manual', status: 'succeeded', report: { sent: 1 }, error: null });
    expect((await lastRun())!.finishedAt).toEqual(clock.now());

    expect(await runJob(handle.db, clock, 'deliverEmails', { trigger: 'manual' })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await handle.db.select({ attempts: outboundEmails.attempts }).from(outboundEmails)).toEqual([{ attempts: 1 }]);
  });

  it('leaves a failed row with the error of a job that throws, and throws it again', async () => {
    const work = recordJobRun(handle.db, clock, { job: 'broken', trigger: 'schedule' }, async () => {
      throw new Error('le serveur de messagerie ne répond pas');
    });
    await expect(work).rejects.toThrow('le serveur de messagerie ne répond pas');
    expect(await lastRun()).toMatchObject({ job: 'broken', status: 'failed', error: 'le serveur de messagerie ne répond pas', report: null });
  });
});

describe('the in-process scheduler', () => {
  it.runIf(onPostgres)('runs the jobs in one process only: the one holding the advisory lock, until it stops', async () => {
    const key = 424_242;
    const getDb = async () => handle.db;
    const first = startScheduler(getDb, clock, { lock: advisoryRunnerLock(handle.url!, key), log: () => {} });
    const second = startScheduler(getDb, clock, { lock: advisoryRunnerLock(handle.url!, key), log: () => {} });
    try {
      expect(await first.tick('deliverEmails')).toBe(true);
      expect(await second.tick('deliverEmails')).toBe(false);
      expect(await first.tick('deliverEmails')).toBe(true);
      const runs = await handle.db.select({ trigger: jobRuns.trigger }).from(jobRuns).where(eq(jobRuns.job, 'deliverEmails'));
      expect(runs).toEqual([{ trigger: 'schedule' }, { trigger: 'schedule' }]);

      await first.stop();
      expect(await second.tick('deliverEmails')).toBe(true);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});

describe('npm run job on the embedded database', () => {
  const runner = (dir: string, ...args: string[]) =>
    spawnSync(tsx, ['scripts/job.ts', ...args], {
      env: { ...process.env, PGLITE_DIR: dir, DATABASE_URL: '', COMPTE_FAMILLE_NOW: '2026-11-26T10:00:00Z' },
      encoding: 'utf8',
      timeout: 90_000,
    });
  const runsIn = async (dir: string) => {
    const embedded = await openEmbeddedDatabase(dir);
    const db = wrapPglite(embedded.pglite, embedded.close);
    try {
      return await db.db.select({ job: jobRuns.job, trigger: jobRuns.trigger, status: jobRuns.status }).from(jobRuns);
    } finally {
      await db.close();
    }
  };

  it('opens the database itself when no server holds it, and records the run', async () => {
    const dir = path.join(workDir, 'alone');
    const result = runner(dir, 'deliverEmails');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Tâche deliverEmails terminée : {"sent":0,"retried":0,"failed":0}');
    expect(await runsIn(dir)).toEqual([{ job: 'deliverEmails', trigger: 'manual', status: 'succeeded' }]);
  }, 120_000);

  it('has the server holding the database run the job, on its connection', async () => {
    const dir = path.join(workDir, 'served');
    const server: ChildProcess = spawn(tsx, ['tests/support/serve-jobs.ts', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    try {
      const result = runner(dir, 'deliverEmails');
      expect(result.status).toBe(0);
      // tsx runs the server in a child process: the lock file names the owner.
      expect(result.stdout).toContain(`held by the server (process ${fs.readFileSync(`${dir}.lock`, 'utf8')})`);
      expect(result.stdout).toContain('Tâche deliverEmails terminée');
    } finally {
      await new Promise<void>((resolve) => {
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
    }
    expect(await runsIn(dir)).toEqual([{ job: 'deliverEmails', trigger: 'manual', status: 'succeeded' }]);
  }, 120_000);

  it('exits 1 with the list of jobs for an unknown one', () => {
    const result = runner(path.join(workDir, 'unknown'), 'transmettreTout');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Tâche inconnue : transmettreTout.');
    expect(result.stderr).toContain('deliverEmails');
  });
});
