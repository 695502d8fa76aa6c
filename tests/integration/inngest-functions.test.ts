import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { InngestTestEngine } from '@inngest/test';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { consumptions, jobRuns, outboundEmails, reservations, walletEntries } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { queueEmails } from '@/lib/mail/outbox';
import { createTestDatabase } from '../support/db';
import { aReservation, aWallet } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

let handle: DbHandle;
vi.mock('@/db', () => ({ getDb: async () => handle.db }));
const { deliverEmails } = await import('@/inngest/functions/deliver-emails');
const overnight = await import('@/inngest/functions/overnight');
const { jobs, runJob } = await import('@/lib/jobs/registry');
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

  it('runs the overnight jobs at their hour, Paris time, and promotes the waiting lists when a cancellation frees a place', () => {
    const crons = Object.fromEntries(functions.map((fn) => [fn.id(), fn.opts.triggers]));
    expect(crons).toEqual({
      transmitRequests: [{ cron: 'TZ=Europe/Paris 30 23 * * *' }],
      promoteWaitingLists: [{ cron: 'TZ=Europe/Paris 45 23 * * *' }, { event: 'reservations/places.freed' }],
      postConsumptions: [{ cron: 'TZ=Europe/Paris 30 0 * * *' }],
      sendDailyReports: [{ cron: 'TZ=Europe/Paris 0 7 * * *' }],
      deliverEmails: [{ cron: 'TZ=Europe/Paris * * * * *' }],
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

type OvernightName = 'transmitRequests' | 'promoteWaitingLists' | 'postConsumptions' | 'sendDailyReports';

/** What the overnight jobs change: a retried step must leave every one of these as it was. */
async function sideEffects() {
  const db = handle.db;
  return {
    reservations: await db.select().from(reservations).orderBy(reservations.id),
    emails: await db.select().from(outboundEmails).orderBy(outboundEmails.id),
    consumptions: await db.select().from(consumptions).orderBy(consumptions.id),
    entries: await db.select().from(walletEntries).orderBy(walletEntries.id),
  };
}

/** Runs the function as Inngest would, then again as a retry whose first answer was lost. */
async function runAndRetry(name: OvernightName, events?: ConstructorParameters<typeof InngestTestEngine>[0]['events']) {
  const fn = overnight[name];
  const first = await new InngestTestEngine({ function: fn, events }).execute();
  expect(first.ctx.step.run).toHaveBeenCalledTimes(1);
  expect(first.ctx.step.run).toHaveBeenCalledWith(name, expect.any(Function));
  expect(await handle.db.select({ job: jobRuns.job, trigger: jobRuns.trigger, status: jobRuns.status }).from(jobRuns)).toEqual([
    { job: name, trigger: 'inngest', status: 'succeeded' },
  ]);
  const done = await sideEffects();
  // The retry comes a few minutes later: a row it touched again would carry the new time.
  process.env.COMPTE_FAMILLE_NOW = '2026-11-26T10:05:00Z';
  const retry = await new InngestTestEngine({ function: fn, events })
    .execute()
    .finally(() => (process.env.COMPTE_FAMILLE_NOW = '2026-11-26T10:00:00Z'));
  expect(await sideEffects()).toEqual(done);
  return { first: first.result, retry: retry.result };
}

/** Leaves no work from earlier tests for the job, and no record of it. */
async function nothingLeftFor(name: OvernightName) {
  await runJob(handle.db, clock, name, { trigger: 'test' });
  await handle.db.delete(jobRuns);
  await handle.db.delete(outboundEmails);
}

/** A day of capacity 1 nobody holds any more, with two families waiting at ranks 1 and 2. */
async function aFreedDay(date: string) {
  const { day } = await anOpenDay(handle.db, { capacity: 1, date });
  const waiting = [];
  for (const rank of [1, 2]) {
    const family = await aFamilyWithChild(handle.db);
    waiting.push(await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: rank }));
  }
  return { day, waiting };
}

const statusOf = async (id: number) => {
  const [row] = await handle.db.select({ status: reservations.status, waitlistRank: reservations.waitlistRank }).from(reservations).where(eq(reservations.id, id));
  return row;
};

describe('the overnight Inngest functions', () => {
  it('transmits the pending requests in one step, once however often the step is retried', async () => {
    await nothingLeftFor('transmitRequests');
    const { day } = await anOpenDay(handle.db, { date: '2026-12-09' });
    const family = await aFamilyWithChild(handle.db);
    const request = await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'pending' });

    const { first, retry } = await runAndRetry('transmitRequests');

    expect(first).toEqual({ transmitted: 1 });
    expect(retry).toEqual({ transmitted: 0 });
    expect(await statusOf(request.id)).toEqual({ status: 'confirmed', waitlistRank: null });
  });

  it('promotes the waiting lists in one step, once however often the step is retried', async () => {
    await nothingLeftFor('promoteWaitingLists');
    const { waiting } = await aFreedDay('2026-12-10');

    const { first, retry } = await runAndRetry('promoteWaitingLists');

    expect(first).toEqual({ promoted: 1, days: 1 });
    expect(retry).toEqual({ promoted: 0, days: 0 });
    expect(await statusOf(waiting[0]!.id)).toEqual({ status: 'confirmed', waitlistRank: null });
    expect(await statusOf(waiting[1]!.id)).toEqual({ status: 'waitlisted', waitlistRank: 1 });
    expect(await handle.db.select({ familyId: outboundEmails.familyId }).from(outboundEmails).where(eq(outboundEmails.template, 'waiting-list-promoted'))).toEqual([
      { familyId: waiting[0]!.familyId },
    ]);
  });

  it('promotes only the days a reservations/places.freed event names', async () => {
    await nothingLeftFor('promoteWaitingLists');
    const named = await aFreedDay('2026-12-11');
    const other = await aFreedDay('2026-12-14');

    const { first, retry } = await runAndRetry('promoteWaitingLists', [{ name: 'reservations/places.freed', data: { dayIds: [named.day.id] } }]);

    expect(first).toEqual({ promoted: 1, days: 1 });
    expect(retry).toEqual({ promoted: 0, days: 0 });
    expect(await statusOf(named.waiting[0]!.id)).toEqual({ status: 'confirmed', waitlistRank: null });
    expect(await statusOf(other.waiting[0]!.id)).toEqual({ status: 'waitlisted', waitlistRank: 1 });
  });

  it('promotes every day when the event’s day list is not a list of ids', async () => {
    await nothingLeftFor('promoteWaitingLists');
    const a = await aFreedDay('2026-12-15');
    const b = await aFreedDay('2026-12-16');

    const { first } = await runAndRetry('promoteWaitingLists', [{ name: 'reservations/places.freed', data: { dayIds: [a.day.id, 'tous', -1] } }]);

    expect(first).toEqual({ promoted: 2, days: 2 });
    expect(await statusOf(b.waiting[0]!.id)).toEqual({ status: 'confirmed', waitlistRank: null });
  });

  it('posts the past days in one step, debiting the wallet once however often the step is retried', async () => {
    await nothingLeftFor('postConsumptions');
    const { activity, day } = await anOpenDay(handle.db, { date: '2026-11-24' });
    const family = await aFamilyWithChild(handle.db);
    const wallet = await aWallet(handle.db, family.familyId, activity.walletTypeId);
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'confirmed' });

    const { first, retry } = await runAndRetry('postConsumptions');

    expect(first).toEqual({ posted: 1, amountCents: 475 });
    expect(retry).toEqual({ posted: 0, amountCents: 0 });
    expect(await handle.db.select({ amountCents: walletEntries.amountCents }).from(walletEntries).where(eq(walletEntries.walletId, wallet.id))).toEqual([{ amountCents: -475 }]);
  });

  it('sends the daily reports in one step, once however often the step is retried', async () => {
    await nothingLeftFor('sendDailyReports');
    const { day } = await anOpenDay(handle.db, { date: '2026-12-17' });
    const family = await aFamilyWithChild(handle.db);
    const changed = new Date('2026-11-25T22:30:00Z');
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'confirmed', updatedAt: changed, reportedAt: new Date('2026-11-20T18:00:00Z') });

    const { first, retry } = await runAndRetry('sendDailyReports');

    expect(first).toMatchObject({ families: 1, emails: 1 });
    expect(retry).toMatchObject({ families: 0, emails: 0 });
    expect(await handle.db.select({ to: outboundEmails.toAddress, template: outboundEmails.template }).from(outboundEmails)).toEqual([
      { to: family.guardian.email, template: 'daily-report' },
    ]);
  });
});
