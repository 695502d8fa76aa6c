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

describe('the date a job acts for', () => {
  it('is refused, before any run, by a job that depends on no date and by dates a job cannot act for', async () => {
    // The clock's day in Paris is 26 November 2026.
    for (const name of ['deliverEmails', 'transmitRequests', 'sendDailyReports'] as const) {
      await expect(runJob(handle.db, clock, name, { trigger: 'manual', date: '2026-11-26' })).rejects.toThrow(`La tâche ${name} ne dépend pas d’une date : lancez-la sans --date.`);
    }
    await expect(runJob(handle.db, clock, 'promoteWaitingLists', { trigger: 'manual', date: '2026-11-25' })).rejects.toThrow(
      'La tâche promoteWaitingLists n’offre que des journées à venir : --date ne peut pas précéder aujourd’hui (2026-11-26).',
    );
    await expect(runJob(handle.db, clock, 'postConsumptions', { trigger: 'manual', date: '2026-11-27' })).rejects.toThrow(
      'La tâche postConsumptions ne passe que des journées terminées : --date ne peut pas dépasser aujourd’hui (2026-11-26).',
    );
    expect(await handle.db.select().from(jobRuns)).toEqual([]);
  });

  it('is taken from today on by promoteWaitingLists and up to today by postConsumptions', async () => {
    expect(await runJob(handle.db, clock, 'promoteWaitingLists', { trigger: 'manual', date: '2026-11-26' })).toEqual({ promoted: 0, days: 0 });
    expect(await runJob(handle.db, clock, 'promoteWaitingLists', { trigger: 'manual', date: '2026-12-01' })).toEqual({ promoted: 0, days: 0 });
    expect(await runJob(handle.db, clock, 'postConsumptions', { trigger: 'manual', date: '2026-11-26' })).toEqual({ posted: 0, amountCents: 0 });
    expect(await runJob(handle.db, clock, 'postConsumptions', { trigger: 'manual', date: '2026-11-01' })).toEqual({ posted: 0, amountCents: 0 });
    expect(await handle.db.select({ status: jobRuns.status }).from(jobRuns)).toHaveLength(4);
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

  it('exits 1 with a French message for a date the job does not take, or a day that does not exist', () => {
    const undated = runner(path.join(workDir, 'undated'), 'transmitRequests', '--date', '2026-11-26');
    expect(undated.status).toBe(1);
    expect(undated.stderr).toContain('La tâche transmitRequests ne dépend pas d’une date : lancez-la sans --date.');
    expect(undated.stderr).toContain('Usage: npm run job');
    expect(undated.stderr).toContain('postConsumptions');

    const bogus = runner(path.join(workDir, 'bogus'), 'postConsumptions', '--date', '2026-02-30');
    expect(bogus.status).toBe(1);
    expect(bogus.stderr).toContain('Option non reconnue : --date 2026-02-30');
  }, 120_000);

  it('exits 1 with the list of jobs for an unknown one', () => {
    const result = runner(path.join(workDir, 'unknown'), 'transmettreTout');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Tâche inconnue : transmettreTout.');
    expect(result.stderr).toContain('deliverEmails');
  });
});
