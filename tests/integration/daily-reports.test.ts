import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { outboundEmails, reservations, users } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { renderTemplate } from '@/lib/mail/templates';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { sendDailyReports } from '@/lib/reservations/daily-report';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase, onPostgres } from '../support/db';
import { aChild, aReservation } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const clock = fixedClock('2026-11-27T06:00:00Z');
const told = new Date('2026-11-20T18:00:00Z');
const lastNight = new Date('2026-11-26T22:30:00Z');

const reportsTo = (familyIds: number[]) =>
  handle.db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.template, 'daily-report'), inArray(outboundEmails.familyId, familyIds)))
    .orderBy(asc(outboundEmails.id));

/** A family whose first reservation was told already and whose three others changed overnight. */
async function aFamilyWithOvernightChanges() {
  const family = await aFamilyWithChild(handle.db);
  const sister = await aChild(handle.db, family.familyId, { firstName: 'Zoé', birthDate: '2021-03-01' });
  const on = async (date: string) => (await anOpenDay(handle.db, { date })).day;
  const [d1, d2, d3, d4] = [await on('2026-12-07'), await on('2026-12-08'), await on('2026-12-09'), await on('2026-12-10')];
  const base = { familyId: family.familyId };
  const unchanged = await aReservation(handle.db, { ...base, childId: family.child.id, activityDayId: d1.id, status: 'confirmed', updatedAt: told, reportedAt: told });
  const transmitted = await aReservation(handle.db, { ...base, childId: family.child.id, activityDayId: d2.id, status: 'confirmed', updatedAt: lastNight, reportedAt: told });
  const refused = await aReservation(handle.db, { ...base, childId: sister.id, activityDayId: d3.id, status: 'refused', updatedAt: lastNight, reportedAt: told });
  const waitlisted = await aReservation(handle.db, { ...base, childId: sister.id, activityDayId: d4.id, status: 'waitlisted', waitlistRank: 2, updatedAt: lastNight });
  return { ...family, sister, days: [d1, d2, d3, d4], unchanged, transmitted, refused, waitlisted };
}

describe('daily reports', () => {
  it('e-mails a family exactly the reservations that changed since its last report', async () => {
    const family = await aFamilyWithOvernightChanges();

    const run = await sendDailyReports(handle.db, clock);
    expect(run.families).toBeGreaterThanOrEqual(1);
    const [report, ...others] = await reportsTo([family.familyId]);
    expect(others).toEqual([]);
    expect(report).toMatchObject({ toAddress: family.guardian.email, subject: 'Compte-rendu de vos réservations' });
    const childName = `${family.child.lastName} ${family.child.firstName}`;
    const sisterName = `${family.sister.lastName} Zoé`;
    expect((report!.props as { changes: unknown[] }).changes).toEqual([
      expect.objectContaining({ date: '2026-12-08', childName, status: 'confirmed', waitlistRank: null }),
      expect.objectContaining({ date: '2026-12-09', childName: sisterName, status: 'refused' }),
      expect.objectContaining({ date: '2026-12-10', childName: sisterName, status: 'waitlisted', waitlistRank: 2 }),
    ]);
    const { text } = await renderTemplate(report!.template, report!.props);
    expect(text).toContain('08/12/2026');
    expect(text).toContain('Réservée');
    expect(text).toContain('Refusée');
    expect(text).toContain('En liste d’attente (rang 2)');
    expect(text).not.toContain('07/12/2026');
  });

  it('sends nothing and changes nothing when run a second time', async () => {
    await aFamilyWithOvernightChanges();
    await sendDailyReports(handle.db, clock);
    const rows = await handle.db.select().from(reservations).orderBy(asc(reservations.id));
    const emails = await handle.db.select().from(outboundEmails).orderBy(asc(outboundEmails.id));

    expect(await sendDailyReports(handle.db, clock)).toEqual({ families: 0, emails: 0 });
    expect(await handle.db.select().from(reservations).orderBy(asc(reservations.id))).toEqual(rows);
    expect(await handle.db.select().from(outboundEmails).orderBy(asc(outboundEmails.id))).toEqual(emails);
  });

  it('tells the next morning only what changed since, such as a cancellation by staff', async () => {
    const family = await aFamilyWithOvernightChanges();
    await sendDailyReports(handle.db, clock);
    await handle.db
      .update(reservations)
      .set({ status: 'cancelled', updatedAt: new Date('2026-11-27T14:00:00Z') })
      .where(eq(reservations.id, family.unchanged.id));

    expect(await sendDailyReports(handle.db, fixedClock('2026-11-28T06:00:00Z'))).toEqual({ families: 1, emails: 1 });
    const reports = await reportsTo([family.familyId]);
    expect(reports).toHaveLength(2);
    expect((reports[1]!.props as { changes: unknown[] }).changes).toEqual([expect.objectContaining({ date: '2026-12-07', status: 'cancelled' })]);
  });

  it('does not report what the family did itself at “Valider”', async () => {
    const { day } = await anOpenDay(handle.db, { capacity: 1, date: '2026-12-11' });
    const holder = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: holder.familyId, childId: holder.child.id, activityDayId: day.id, status: 'confirmed', updatedAt: told, reportedAt: told });
    const family = await aFamilyWithChild(handle.db);
    const asked = fixedClock('2026-11-26T09:00:00Z');
    await toggleBasketDay(handle.db, asked, family.familyId, { childId: family.child.id, activityDayId: day.id });
    const summary = await basketSummary(handle.db, asked, family.familyId);
    expect(await validateBasket(handle.db, asked, family.familyId, family.actor, { basketId: summary.basketId!, version: summary.version })).toMatchObject({ ok: true });
    expect(await handle.db.select({ status: reservations.status }).from(reservations).where(eq(reservations.familyId, family.familyId))).toEqual([{ status: 'waitlisted' }]);

    await sendDailyReports(handle.db, clock);
    expect(await reportsTo([family.familyId])).toEqual([]);
  });

  it('leaves each family told with its report, or not at all, when it fails half-way, and the next run tells the rest once', async () => {
    await sendDailyReports(handle.db, clock); // whatever earlier tests left
    const families = [await aFamilyWithOvernightChanges(), await aFamilyWithOvernightChanges(), await aFamilyWithOvernightChanges()];
    const ids = families.map((f) => f.familyId);
    const unreportedOf = async (familyId: number) =>
      (
        await handle.db
          .select({ id: reservations.id })
          .from(reservations)
          .where(and(eq(reservations.familyId, familyId), sql`${reservations.reportedAt} is distinct from ${reservations.updatedAt}`))
      ).length;
    // The failure is injected when the second family's report is queued.
    await handle.db.execute(sql`create function fail_report() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end; $$`);
    await handle.db.execute(sql.raw(`create trigger fail_report before insert on outbound_emails for each row
      when (new.template = 'daily-report' and new.family_id = ${families[1]!.familyId}) execute function fail_report()`));
    try {
      // One family per batch, so that the run fails half-way: after a committed batch, in the next.
      await expect(sendDailyReports(handle.db, clock, { batchSize: 1 })).rejects.toThrow();
    } finally {
      await handle.db.execute(sql`drop trigger fail_report on outbound_emails`);
      await handle.db.execute(sql`drop function fail_report()`);
    }

    // The first family has its report and its changes marked told; the others neither.
    expect((await reportsTo(ids)).map((r) => r.familyId)).toEqual([ids[0]]);
    expect([await unreportedOf(ids[0]!), await unreportedOf(ids[1]!), await unreportedOf(ids[2]!)]).toEqual([0, 3, 3]);

    expect(await sendDailyReports(handle.db, clock)).toEqual({ families: 2, emails: 2 });
    expect((await reportsTo(ids)).map((r) => r.familyId)).toEqual(ids);
    expect([await unreportedOf(ids[0]!), await unreportedOf(ids[1]!), await unreportedOf(ids[2]!)]).toEqual([0, 0, 0]);
    for (const report of await reportsTo(ids)) expect((report.props as { changes: unknown[] }).changes).toHaveLength(3);
  });

  it('sends no report to a family without an e-mail address, nor later for the same changes', async () => {
    const family = await aFamilyWithOvernightChanges();
    await handle.db.update(users).set({ email: null }).where(eq(users.id, family.guardian.id));
    await sendDailyReports(handle.db, clock);
    expect(await reportsTo([family.familyId])).toEqual([]);

    await handle.db.update(users).set({ email: 'retour@example.fr' }).where(eq(users.id, family.guardian.id));
    await sendDailyReports(handle.db, clock);
    expect(await reportsTo([family.familyId])).toEqual([]);
  });

  it('tells each family of a batch its own changes only, and the family without an address none', async () => {
    const [first, second, silent] = [await aFamilyWithOvernightChanges(), await aFamilyWithOvernightChanges(), await aFamilyWithOvernightChanges()];
    await handle.db.update(users).set({ email: null }).where(eq(users.id, silent.guardian.id));

    const run = await sendDailyReports(handle.db, clock, { batchSize: 50 });
    expect(run).toEqual({ families: 2, emails: 2 });
    const reports = await reportsTo([first.familyId, second.familyId, silent.familyId]);
    expect(reports.map((report) => [report.familyId, report.toAddress])).toEqual([
      [first.familyId, first.guardian.email],
      [second.familyId, second.guardian.email],
    ]);
    for (const [report, family] of [[reports[0]!, first], [reports[1]!, second]] as const) {
      const names = (report.props as { changes: { childName: string }[] }).changes.map((change) => change.childName);
      expect(names).toEqual([`${family.child.lastName} ${family.child.firstName}`, `${family.sister.lastName} Zoé`, `${family.sister.lastName} Zoé`]);
    }
    expect(await sendDailyReports(handle.db, clock, { batchSize: 50 })).toEqual({ families: 0, emails: 0 });
  });
});

describe.skipIf(!onPostgres)('daily reports run twice at the same time (PostgreSQL)', () => {
  it('sends each family its report once', async () => {
    const families = [];
    for (let i = 0; i < 8; i++) families.push(await aFamilyWithOvernightChanges());
    const runs = await Promise.all([1, 2, 3].map(() => sendDailyReports(handle.db, clock)));
    expect(runs.reduce((sum, run) => sum + run.emails, 0)).toBe(8);
    const reports = await reportsTo(families.map((f) => f.familyId));
    expect(reports.map((r) => r.familyId).sort()).toEqual(families.map((f) => f.familyId).sort());
  });
});
