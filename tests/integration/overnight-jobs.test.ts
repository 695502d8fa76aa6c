import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { recordJobRun } from '@/lib/jobs/record';
import { runJob } from '@/lib/jobs/registry';
import { auditLog, jobRuns, reservations, walletEntries, wallets } from '@/db/schema';
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

    const report = (await runJob(db(), clock, 'transmitRequests', { trigger: 'test' })) as { transmitted: number };

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
      await expect(runJob(db(), clock, 'transmitRequests', { trigger: 'test' })).rejects.toThrow();
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
    const requests: { id: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const { family, child } = await aChildOfAFamily();
      requests.push(await aReservation(db(), { familyId: family.id, childId: child.id, activityDayId: day.id, status: 'pending' }));
    }
    // The race is forced, not hoped for: a third session holds the last request, so both runs have
    // read it pending and wait on it (one behind the other's rows) before either can commit.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const holder = db().transaction(async (tx) => {
      await tx.execute(sql`select id from reservations where id = ${requests.at(-1)!.id} for update`);
      held();
      await gate;
    });
    await holding;
    const runs = Promise.all([transmitRequests(db(), clock), transmitRequests(db(), clock)]);
    const waiting = async () =>
      (await db().select({ n: sql<number>`count(*)::int` }).from(sql`pg_stat_activity`).where(sql`datname = current_database() and wait_event_type = 'Lock'`))[0]!.n;
    for (let tries = 0; (await waiting()) < 2; tries++) {
      if (tries > 200) throw new Error('the two runs never waited on each other');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    release();
    await holder;
    const reports = await runs;
    expect(reports.map((r) => r.transmitted).sort((a, b) => a - b)).toEqual([0, 20]);
    const lines = await db().select().from(auditLog).where(eq(auditLog.action, 'reservations.transmit')).orderBy(sql`${auditLog.id} desc`).limit(2);
    expect(lines[0]!.details).toEqual({ count: 20 });
    expect(lines[1]!.details).not.toEqual({ count: 20 });
  });
});

describe('postConsumptions', () => {
  async function aPastReservation(activity: Partial<Parameters<typeof anActivity>[1]>, date: string, reservation: Partial<typeof reservations.$inferInsert> = {}) {
    const { family, child } = await aChildOfAFamily();
    const { activity: act, day } = await aDay(activity, date);
    const r = await aReservation(db(), { familyId: family.id, childId: child.id, activityDayId: day.id, ...reservation });
    return { family, child, activity: act, reservation: r };
  }

  it('debits a past day once with price × quantity, shows it in the history, and moves it from the estimate to the balance', async () => {
    await postConsumptions(db(), clock); // whatever earlier tests left
    const type = await aWalletType(db());
    const { family, child, activity } = await aPastReservation({ walletTypeId: type.id, unitPriceCents: 665, quantity: 2, name: 'ALSH 3-6 ans Journée' }, '2026-12-02');
    const wallet = await aWallet(db(), family.id, type.id);
    const before = (await walletEstimates(db(), family.id, '2026-12-31')).wallets.find((w) => w.walletId === wallet.id)!;

    expect(await runJob(db(), clock, 'postConsumptions', { trigger: 'test' })).toEqual({ posted: 1, amountCents: 1330 });

    const entries = await db().select().from(walletEntries).where(eq(walletEntries.walletId, wallet.id));
    expect(entries).toMatchObject([{ kind: 'consumption', amountCents: -1330, occurredOn: '2026-12-02', label: 'ALSH 3-6 ans Journée' }]);
    const history = await consumptionHistory(db(), family.id, '2026-12');
    expect(history.lines).toMatchObject([
      { date: '2026-12-02', consumer: `${child.lastName} ${child.firstName}`, activity: activity.name, unitPriceCents: 665, quantity: 2, totalCents: 1330 },
    ]);
    const after = (await walletEstimates(db(), family.id, '2026-12-31')).wallets.find((w) => w.walletId === wallet.id)!;
    expect(after.balanceCents).toBe(before.balanceCents - 1330);
    expect(after.estimatedCostCents).toBe(before.estimatedCostCents - 1330);
    expect(after.newBalanceCents).toBe(before.newBalanceCents);
    const [run] = (await runsOf('postConsumptions')).slice(-1);
    expect(run).toMatchObject({ trigger: 'test', status: 'succeeded', report: { posted: 1, amountCents: 1330 } });
  });

  it('changes nothing when run a second time', async () => {
    await aPastReservation({}, '2026-11-25');
    await aPastReservation({}, '2026-12-01', { status: 'attended' });
    expect((await postConsumptions(db(), clock)).posted).toBe(2);
    const before = await tally();
    expect(await postConsumptions(db(), clock)).toEqual({ posted: 0, amountCents: 0 });
    expect(await tally()).toEqual(before);
  });

  it('posts only the days before the date it is given, and refuses a date not over yet', async () => {
    await postConsumptions(db(), clock);
    const before = await aPastReservation({ unitPriceCents: 111 }, '2026-11-10');
    const on = await aPastReservation({ unitPriceCents: 222 }, '2026-11-11');
    const posted = async (familyId: number) => (await consumptionHistory(db(), familyId, '2026-11')).totalCents;

    expect(await runJob(db(), clock, 'postConsumptions', { trigger: 'test', date: '2026-11-11' })).toEqual({ posted: 1, amountCents: 111 });
    expect([await posted(before.family.id), await posted(on.family.id)]).toEqual([111, 0]);

    // Today in Paris is 3 December: the 3rd is not over, a later date is refused before any run.
    const runs = (await runsOf('postConsumptions')).length;
    await expect(runJob(db(), clock, 'postConsumptions', { trigger: 'test', date: '2026-12-04' })).rejects.toThrow(
      'La tâche postConsumptions ne passe que des journées terminées : --date ne peut pas dépasser aujourd’hui (2026-12-03).',
    );
    expect(await runsOf('postConsumptions')).toHaveLength(runs);

    expect(await postConsumptions(db(), clock)).toEqual({ posted: 1, amountCents: 222 });
    expect([await posted(before.family.id), await posted(on.family.id)]).toEqual([111, 222]);
  });

  it('charges neither today, nor a justified absence, nor what was not confirmed', async () => {
    await postConsumptions(db(), clock);
    const today = await aPastReservation({}, '2026-12-03');
    const excused = await aPastReservation({}, '2026-12-01', { status: 'absent', absenceJustified: true });
    const others = await Promise.all(
      (['pending', 'waitlisted', 'refused', 'cancelled'] as const).map((status) => aPastReservation({}, '2026-12-01', { status })),
    );
    expect(await postConsumptions(db(), clock)).toEqual({ posted: 0, amountCents: 0 });
    for (const { family } of [today, excused, ...others]) {
      expect((await consumptionHistory(db(), family.id, '2026-12')).lines).toEqual([]);
    }
  });

  it('charges a day the child missed without justification, as a held place', async () => {
    await postConsumptions(db(), clock);
    const missed = await aPastReservation({}, '2026-12-01', { status: 'absent', absenceJustified: false });
    const report = await postConsumptions(db(), clock);
    expect(report.posted).toBe(1);
    const [line] = (await consumptionHistory(db(), missed.family.id, '2026-12')).lines;
    expect(line?.totalCents).toBe(report.amountCents);
  });

  it('creates the wallet of the activity’s type when the family has none', async () => {
    const type = await aWalletType(db());
    const { family } = await aPastReservation({ walletTypeId: type.id, unitPriceCents: 345 }, '2026-11-30');
    await postConsumptions(db(), clock);
    const [wallet] = await db().select().from(wallets).where(eq(wallets.familyId, family.id));
    expect(wallet).toMatchObject({ walletTypeId: type.id });
    expect(await db().select({ amountCents: walletEntries.amountCents }).from(walletEntries).where(eq(walletEntries.walletId, wallet!.id))).toEqual([{ amountCents: -345 }]);
  });

  it('leaves every posted consumption with its debit when it fails half-way, and the next run posts the rest once', async () => {
    await postConsumptions(db(), clock);
    const first = await aPastReservation({ unitPriceCents: 100 }, '2026-11-20');
    const second = await aPastReservation({ unitPriceCents: 200 }, '2026-11-20');
    const third = await aPastReservation({ unitPriceCents: 300 }, '2026-11-20');
    // The failure is injected when the second reservation's debit is written, in the second batch.
    await db().execute(sql`create function fail_posting() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end; $$`);
    await db().execute(sql.raw(`create trigger fail_posting before insert on wallet_entries for each row
      when (new.amount_cents = -200) execute function fail_posting()`));
    try {
      await expect(recordJobRun(db(), clock, { job: 'postConsumptions', trigger: 'test' }, () => postConsumptions(db(), clock, { batchSize: 1 }))).rejects.toThrow();
    } finally {
      await db().execute(sql`drop trigger fail_posting on wallet_entries`);
      await db().execute(sql`drop function fail_posting()`);
    }
    const posted = async (familyId: number) => (await consumptionHistory(db(), familyId, '2026-11')).totalCents;
    expect([await posted(first.family.id), await posted(second.family.id), await posted(third.family.id)]).toEqual([100, 0, 0]);
    expect((await tally()).unpaired).toBe(0);
    const [failed] = (await runsOf('postConsumptions')).slice(-1);
    expect(failed).toMatchObject({ status: 'failed', error: 'injected failure' });

    expect(await postConsumptions(db(), clock, { batchSize: 1 })).toEqual({ posted: 2, amountCents: 500 });
    expect([await posted(first.family.id), await posted(second.family.id), await posted(third.family.id)]).toEqual([100, 200, 300]);
    expect((await tally()).unpaired).toBe(0);
  });

  it.runIf(onPostgres)('posts each reservation once when runs start at the same time', async () => {
    await postConsumptions(db(), clock);
    const type = await aWalletType(db());
    for (let i = 0; i < 30; i++) await aPastReservation({ walletTypeId: type.id, unitPriceCents: 100 + i }, '2026-11-18');
    const before = await tally();

    const reports = await Promise.all([1, 2, 3].map(() => postConsumptions(db(), clock, { batchSize: 7 })));

    const expected = Array.from({ length: 30 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);
    expect(reports.reduce((sum, r) => sum + r.posted, 0)).toBe(30);
    expect(reports.reduce((sum, r) => sum + r.amountCents, 0)).toBe(expected);
    const after = await tally();
    expect(after.consumptions - before.consumptions).toBe(30);
    expect(after.entries - before.entries).toBe(30);
    expect(after.wallets - before.wallets).toBe(30);
    expect(after.ledger - before.ledger).toBe(-expected);
    expect(after.unpaired).toBe(0);
  });
});
