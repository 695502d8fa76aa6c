import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, consumptions, jobRuns, reservations, walletEntries, wallets } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { consumptionHistory } from '@/lib/history/month-lines';
import { transmitRequests } from '@/lib/reservations/transmit';
import { postConsumptions } from '@/lib/wallets/post-consumptions';
import { walletEstimates } from '@/lib/wallets/estimate';
import { createTestDatabase, onPostgres } from '../support/db';
import { aBookingPeriod, aChild, aFamily, anActivity, anActivityDay, aReservation, aWallet, aWalletType } from '../support/factories';

let handle: DbHandle;
const db = () => handle.db;
// The night of 2 to 3 December 2026, Paris (UTC+1): the 2nd is over, the 3rd has not come.
const clock = fixedClock('2026-12-02T23:30:00Z');
let period: Awaited<ReturnType<typeof aBookingPeriod>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  period = await aBookingPeriod(db(), { startsOn: '2026-11-01', endsOn: '2026-12-31' });
});
afterAll(() => handle.close());

async function aChildOfAFamily() {
  const family = await aFamily(db());
  const child = await aChild(db(), family.id);
  return { family, child };
}

async function aDay(activity: Partial<Parameters<typeof anActivity>[1]> = {}, date = '2026-12-02') {
  const act = await anActivity(db(), activity);
  const day = await anActivityDay(db(), { activityId: act.id, bookingPeriodId: period.id, date });
  return { activity: act, day };
}

const statusOf = async (id: number) => (await db().select().from(reservations).where(eq(reservations.id, id)))[0]!;
const tally = async () => {
  const [row] = await db()
    .select({
      consumptions: sql<number>`(select count(*) from consumptions)::int`,
      entries: sql<number>`(select count(*) from wallet_entries)::int`,
      ledger: sql<number>`(select coalesce(sum(amount_cents), 0) from wallet_entries)::int`,
      wallets: sql<number>`(select count(*) from wallets)::int`,
      unpaired: sql<number>`(select count(*) from consumptions c where c.total_cents <> 0 and not exists (select 1 from wallet_entries e where e.consumption_id = c.id))::int`,
    })
    .from(sql`(select 1) as one`);
  return row!;
};
const runsOf = (job: string) => db().select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(jobRuns.id);

describe('transmitRequests', () => {
  it('confirms the pending requests of automatic activities, stamps them, and leaves manual ones pending', async () => {
    const { family, child } = await aChildOfAFamily();
    const automatic = await aDay({ approval: 'automatic' }, '2026-12-09');
    const manual = await aDay({ approval: 'manual' }, '2026-12-09');
    const a = await aReservation(db(), { familyId: family.id, childId: child.id, activityDayId: automatic.day.id, status: 'pending' });
    const m = await aReservation(db(), { familyId: family.id, childId: child.id, activityDayId: manual.day.id, status: 'pending' });

    const report = await transmitRequests(db(), clock, { trigger: 'test' });

    expect(report.transmitted).toBeGreaterThanOrEqual(1);
    expect(await statusOf(a.id)).toMatchObject({ status: 'confirmed', transmittedAt: clock.now() });
    expect(await statusOf(m.id)).toMatchObject({ status: 'pending', transmittedAt: null });
    const [line] = await db().select().from(auditLog).where(eq(auditLog.action, 'reservations.transmit')).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect(line).toMatchObject({ actorRole: 'system', actorUserId: null, details: { count: report.transmitted } });
    const [run] = (await runsOf('transmitRequests')).slice(-1);
    expect(run).toMatchObject({ trigger: 'test', status: 'succeeded', report: { transmitted: report.transmitted } });
    expect(run!.finishedAt).toEqual(clock.now());
  });

  it('changes nothing when run a second time', async () => {
    const { family, child } = await aChildOfAFamily();
    const { day } = await aDay({}, '2026-12-16');
    await aReservation(db(), { familyId: family.id, childId: child.id, activityDayId: day.id, status: 'pending' });
    await transmitRequests(db(), clock);
    const before = await db().select().from(reservations).orderBy(reservations.id);
    const [audits] = await db().select({ n: count() }).from(auditLog);

    expect(await transmitRequests(db(), clock)).toEqual({ transmitted: 0 });
    expect(await db().select().from(reservations).orderBy(reservations.id)).toEqual(before);
    expect((await db().select({ n: count() }).from(auditLog))[0]).toEqual(audits);
  });

  it('confirms nothing when it fails before committing, and the next run transmits', async () => {
    const { family, child } = await aChildOfAFamily();
    const { day } = await aDay({}, '2026-12-23');
    const r = await aReservation(db(), { familyId: family.id, childId: child.id, activityDayId: day.id, status: 'pending' });
    // The failure is injected where the run writes last: its audit line.
    await db().execute(sql`create function fail_transmit() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end; $$`);
    await db().execute(sql`create trigger fail_transmit before insert on audit_log for each row
      when (new.action = 'reservations.transmit') execute function fail_transmit()`);
    try {
      await expect(transmitRequests(db(), clock)).rejects.toThrow();
    } finally {
      await db().execute(sql`drop trigger fail_transmit on audit_log`);
      await db().execute(sql`drop function fail_transmit()`);
    }
    expect(await statusOf(r.id)).toMatchObject({ status: 'pending', transmittedAt: null });
    const [failed] = (await runsOf('transmitRequests')).slice(-1);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed!.error).toContain('injected failure');

    expect((await transmitRequests(db(), clock)).transmitted).toBe(1);
    expect(await statusOf(r.id)).toMatchObject({ status: 'confirmed' });
  });

  it.runIf(onPostgres)('transmits each request once when two runs start at the same time', async () => {
    const { day } = await aDay({}, '2026-12-30');
    for (let i = 0; i < 20; i++) {
      const { family, child } = await aChildOfAFamily();
      await aReservation(db(), { familyId: family.id, childId: child.id, activityDayId: day.id, status: 'pending' });
    }
    const reports = await Promise.all([transmitRequests(db(), clock), transmitRequests(db(), clock)]);
    expect(reports.map((r) => r.transmitted).sort((a, b) => a - b)).toEqual([0, 20]);
    const lines = await db().select().from(auditLog).where(eq(auditLog.action, 'reservations.transmit')).orderBy(sql`${auditLog.id} desc`).limit(2);
    expect(lines[0]!.details).toEqual({ count: 20 });
    expect(lines[1]!.details).not.toEqual({ count: 20 });
  });
});
