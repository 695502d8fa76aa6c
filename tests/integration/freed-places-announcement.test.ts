// First: it stands in for what a request gives the app (the session, `after`), before the app is imported.
import { state } from '../support/next-mocks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { baskets, jobRuns, outboundEmails, reservations } from '@/db/schema';
import { inngest } from '@/inngest/client';
import { fixedClock } from '@/lib/clock';
import { runJob } from '@/lib/jobs/registry';
import { createTestDatabase } from '../support/db';
import { aReservation } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';
import { sessionOf } from '../support/session';

const { toggleDayAction, validateBasketAction } = await import('@/app/(famille)/reservations/actions');

const now = '2026-11-26T10:00:00Z';
const clock = fixedClock(now);
const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-freed-'));
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(mailDir, { recursive: true, force: true });
});
beforeEach(() => {
  vi.stubEnv('COMPTE_FAMILLE_NOW', now);
  vi.stubEnv('MAIL_DIR', mailDir);
  vi.stubEnv('INNGEST_EVENT_KEY', '');
  vi.stubEnv('INNGEST_SIGNING_KEY', '');
  state.afterWork = [];
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

type Family = Awaited<ReturnType<typeof aFamilyWithChild>>;

/** A day of capacity 1: one family holds the place, two wait at ranks 1 and 2. */
async function aFullDayWithTwoWaiting(date: string) {
  const { day } = await anOpenDay(handle.db, { capacity: 1, waitlistCapacity: 5, date });
  const holder = await aFamilyWithChild(handle.db);
  const held = await aReservation(handle.db, { familyId: holder.familyId, childId: holder.child.id, activityDayId: day.id, status: 'confirmed' });
  const first = await aFamilyWithChild(handle.db);
  const rank1 = await aReservation(handle.db, { familyId: first.familyId, childId: first.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: 1 });
  const second = await aFamilyWithChild(handle.db);
  const rank2 = await aReservation(handle.db, { familyId: second.familyId, childId: second.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: 2 });
  return { day, holder, held, first, rank1, second, rank2 };
}

function formOf(fields: Record<string, string | number>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  return form;
}

/** The parent clicks the day (to cancel it), then « Valider » on the recap: the real actions. */
async function cancelInTheBrowser(family: Family, activityDayId: number) {
  state.session = sessionOf(family.guardian);
  expect(await toggleDayAction({}, formOf({ childId: family.child.id, activityDayId, affichage: 'dynamique' }))).toMatchObject({ ok: true });
  const [basket] = await handle.db.select().from(baskets).where(eq(baskets.familyId, family.familyId));
  const outcome = await validateBasketAction({}, formOf({ basketId: basket!.id, version: basket!.version, remarks: '' })).then(
    (value) => ({ value }),
    (error: { digest?: string }) => ({ digest: error.digest ?? String(error) }),
  );
  // Validated: the action redirects to the result page, whatever happens after the response.
  expect(outcome).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*;\/reservations\/resultat\/\d+;/) });
  await Promise.all(state.afterWork);
}

const statuses = (ids: number[]) =>
  handle.db
    .select({ id: reservations.id, status: reservations.status, waitlistRank: reservations.waitlistRank })
    .from(reservations)
    .where(inArray(reservations.id, ids))
    .orderBy(asc(reservations.id));

const promotionEmails = (familyIds: number[]) =>
  handle.db
    .select({ familyId: outboundEmails.familyId, status: outboundEmails.status })
    .from(outboundEmails)
    .where(and(eq(outboundEmails.template, 'waiting-list-promoted'), inArray(outboundEmails.familyId, familyIds)));

const promotionRuns = () => handle.db.select({ trigger: jobRuns.trigger, status: jobRuns.status }).from(jobRuns).where(eq(jobRuns.job, 'promoteWaitingLists')).orderBy(asc(jobRuns.id));

describe('a cancellation that frees a place, without Inngest', () => {
  beforeEach(() => handle.db.delete(jobRuns));

  it('promotes rank 1 right after the response, e-mails its family and moves rank 2 up', async () => {
    const day = await aFullDayWithTwoWaiting('2026-12-09');
    await cancelInTheBrowser(day.holder, day.day.id);

    expect(await statuses([day.held.id, day.rank1.id, day.rank2.id])).toEqual([
      { id: day.held.id, status: 'cancelled', waitlistRank: null },
      { id: day.rank1.id, status: 'confirmed', waitlistRank: null },
      { id: day.rank2.id, status: 'waitlisted', waitlistRank: 1 },
    ]);
    // Queued with the promotion, then delivered after it (the local transport here).
    expect(await promotionEmails([day.first.familyId, day.second.familyId])).toEqual([{ familyId: day.first.familyId, status: 'sent' }]);
    expect(await promotionRuns()).toEqual([{ trigger: 'cancellation', status: 'succeeded' }]);
  });

  it('announces nothing when the cancelled request was only waiting', async () => {
    const day = await aFullDayWithTwoWaiting('2026-12-10');
    await cancelInTheBrowser(day.first, day.day.id);

    expect(await statuses([day.held.id, day.rank1.id, day.rank2.id])).toEqual([
      { id: day.held.id, status: 'confirmed', waitlistRank: null },
      { id: day.rank1.id, status: 'cancelled', waitlistRank: null },
      { id: day.rank2.id, status: 'waitlisted', waitlistRank: 1 },
    ]);
    expect(await promotionRuns()).toEqual([]);
  });
});

describe('a cancellation that frees a place, with Inngest', () => {
  beforeEach(() => {
    vi.stubEnv('INNGEST_EVENT_KEY', 'test-event-key');
  });

  it('sends reservations/places.freed with the freed day, and promotes nothing itself', async () => {
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['event-1'] });
    const day = await aFullDayWithTwoWaiting('2026-12-11');
    await cancelInTheBrowser(day.holder, day.day.id);

    expect(send).toHaveBeenCalledExactlyOnceWith({ name: 'reservations/places.freed', data: { dayIds: [day.day.id] } });
    expect(await statuses([day.rank1.id])).toEqual([{ id: day.rank1.id, status: 'waitlisted', waitlistRank: 1 }]);
  });

  it('still validates when the event cannot be sent, and the nightly run then promotes', async () => {
    const send = vi.spyOn(inngest, 'send').mockRejectedValue(new Error('Inngest injoignable'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const day = await aFullDayWithTwoWaiting('2026-12-14');
    await cancelInTheBrowser(day.holder, day.day.id);

    expect(send).toHaveBeenCalledOnce();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('reservations/places.freed'), expect.any(Error));
    expect(await statuses([day.held.id, day.rank1.id, day.rank2.id])).toEqual([
      { id: day.held.id, status: 'cancelled', waitlistRank: null },
      { id: day.rank1.id, status: 'waitlisted', waitlistRank: 1 },
      { id: day.rank2.id, status: 'waitlisted', waitlistRank: 2 },
    ]);
    expect(await promotionEmails([day.first.familyId])).toEqual([]);

    // The cancellation is the intent the nightly run reads: it finds the free place by itself.
    await runJob(handle.db, clock, 'promoteWaitingLists', { trigger: 'cron' });
    expect(await statuses([day.rank1.id, day.rank2.id])).toEqual([
      { id: day.rank1.id, status: 'confirmed', waitlistRank: null },
      { id: day.rank2.id, status: 'waitlisted', waitlistRank: 1 },
    ]);
    expect(await promotionEmails([day.first.familyId])).toEqual([{ familyId: day.first.familyId, status: 'pending' }]);
  });

  it('gives up an event that does not leave within a few seconds, and the action does not wait for it', async () => {
    vi.spyOn(inngest, 'send').mockReturnValue(new Promise(() => undefined));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const day = await aFullDayWithTwoWaiting('2026-12-15');
    state.holdAfter = true;
    try {
      await cancelInTheBrowser(day.holder, day.day.id);
    } finally {
      state.holdAfter = false;
    }
    const pending = state.heldAfterWork.splice(0);
    const started = Date.now();
    await Promise.all(pending.map((work) => work()));
    // The send never answers: the work ends on its 3-second limit (the bound leaves room for a busy machine).
    expect(Date.now() - started).toBeLessThan(8000);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('reservations/places.freed'), expect.objectContaining({ message: 'no answer within 3000 ms' }));
  }, 15_000);

  it('sends nothing when the cancelled request was only waiting', async () => {
    const send = vi.spyOn(inngest, 'send');
    const day = await aFullDayWithTwoWaiting('2026-12-16');
    await cancelInTheBrowser(day.second, day.day.id);
    expect(send).not.toHaveBeenCalled();
  });
});
