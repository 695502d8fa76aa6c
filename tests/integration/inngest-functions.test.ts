import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InngestTestEngine } from '@inngest/test';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { jobRuns, outboundEmails } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { queueEmails } from '@/lib/mail/outbox';
import { createTestDatabase } from '../support/db';

let handle: DbHandle;
vi.mock('@/db', () => ({ getDb: async () => handle.db }));
const { deliverEmails } = await import('@/inngest/functions/deliver-emails');
const { jobs } = await import('@/lib/jobs/registry');
const { functions } = await import('@/inngest/functions');

const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-inngest-'));
process.env.MAIL_DIR = mailDir;
process.env.COMPTE_FAMILLE_NOW = '2026-11-26T10:00:00Z';
const clock = fixedClock('2026-11-26T10:00:00Z');
const props = { town: 'Mairie de Cestas', firstName: 'Jean-Paul', changedAt: '26/11/2026 à 10:00' };

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(mailDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await handle.db.delete(jobRuns);
  await handle.db.delete(outboundEmails);
  fs.rmSync(mailDir, { recursive: true, force: true });
});

describe('the Inngest functions', () => {
  it('serves one function per registry job', () => {
    expect(functions.map((fn) => fn.id()).sort()).toEqual(Object.keys(jobs).sort());
  });

  it('runs the overnight jobs at their hour, Paris time', () => {
    const crons = Object.fromEntries(functions.map((fn) => [fn.id(), fn.opts.triggers]));
    expect(crons).toMatchObject({
      transmitRequests: [{ cron: 'TZ=Europe/Paris 30 23 * * *' }],
      promoteWaitingLists: [{ cron: 'TZ=Europe/Paris 45 23 * * *' }],
      postConsumptions: [{ cron: 'TZ=Europe/Paris 30 0 * * *' }],
      sendDailyReports: [{ cron: 'TZ=Europe/Paris 0 7 * * *' }],
      reconcilePayments: [{ cron: 'TZ=Europe/Paris */10 * * * *' }],
    });
  });

  it('starts deliverEmails every minute, Paris time', () => {
    expect(deliverEmails.opts.triggers).toEqual([{ cron: 'TZ=Europe/Paris * * * * *' }]);
  });

  it('delivers the outbox in one step and records the run as Inngest’s', async () => {
    await handle.db.transaction((tx) => queueEmails(tx, clock, [{ to: 'parent@example.fr', template: 'password-changed', props }]));
    const { result, ctx } = await new InngestTestEngine({ function: deliverEmails }).execute();
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    expect(ctx.step.run).toHaveBeenCalledWith('deliverEmails', expect.any(Function));
    expect(result).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await handle.db.select({ job: jobRuns.job, trigger: jobRuns.trigger, status: jobRuns.status }).from(jobRuns)).toEqual([
      { job: 'deliverEmails', trigger: 'inngest', status: 'succeeded' },
    ]);
  });

  it('sends nothing again when Inngest retries the step after it had already delivered', async () => {
    await handle.db.transaction((tx) => queueEmails(tx, clock, [{ to: 'parent@example.fr', template: 'password-changed', props }]));
    await new InngestTestEngine({ function: deliverEmails }).execute();
    // A retry runs the step's code again (its first answer was lost): the outbox has nothing due.
    const { result } = await new InngestTestEngine({ function: deliverEmails }).execute();
    expect(result).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await handle.db.select({ status: outboundEmails.status, attempts: outboundEmails.attempts }).from(outboundEmails)).toEqual([
      { status: 'sent', attempts: 1 },
    ]);
    expect(fs.readdirSync(mailDir).filter((file) => file.endsWith('.json'))).toHaveLength(1);
  });
});
