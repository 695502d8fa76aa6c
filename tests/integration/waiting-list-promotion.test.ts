import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, outboundEmails, reservations, users } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { basketSummary, toggleBasketDay } from '@/lib/reservations/basket';
import { validateBasket } from '@/lib/reservations/validate';
import { promoteWaitingLists } from '@/lib/reservations/waiting-list';
import { createTestDatabase, onPostgres } from '../support/db';
import { aReservation } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const clock = fixedClock('2026-11-26T09:00:00Z');

/** A full day: `capacity` families hold its places, `waiters` families wait in rank order. */
async function aFullDay(date: string, capacity: number, waiters: number) {
  const { day } = await anOpenDay(handle.db, { capacity, waitlistCapacity: 10, date });
  const holders = [];
  for (let i = 0; i < capacity; i++) {
    const family = await aFamilyWithChild(handle.db);
    const reservation = await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'confirmed' });
    holders.push({ ...family, reservation });
  }
  const waiting = [];
  for (let rank = 1; rank <= waiters; rank++) {
    const family = await aFamilyWithChild(handle.db);
    const reservation = await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: rank });
    waiting.push({ ...family, reservation });
  }
  return { day, holders, waiting };
}

/** The holder cancels through "Valider", as a parent does. */
async function cancelThroughValider(holder: Awaited<ReturnType<typeof aFullDay>>['holders'][number], dayId: number) {
  await toggleBasketDay(handle.db, clock, holder.familyId, { childId: holder.child.id, activityDayId: dayId });
  const summary = await basketSummary(handle.db, clock, holder.familyId);
  expect(await validateBasket(handle.db, clock, holder.familyId, holder.actor, { basketId: summary.basketId!, version: summary.version })).toMatchObject({ ok: true });
}

const states = (ids: number[]) =>
  handle.db
    .select({ id: reservations.id, status: reservations.status, waitlistRank: reservations.waitlistRank, updatedAt: reservations.updatedAt })
    .from(reservations)
    .where(inArray(reservations.id, ids))
    .orderBy(asc(reservations.id));

const promotionEmails = (familyIds: number[]) =>
  handle.db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.template, 'waiting-list-promoted'), inArray(outboundEmails.familyId, familyIds)));

describe('waiting-list promotion', () => {
  it('promotes rank 1 when a place on a full day is cancelled, moves the ranks behind up and e-mails its family', async () => {
    const { day, holders, waiting } = await aFullDay('2026-12-14', 1, 3);
    await cancelThroughValider(holders[0]!, day.id);

    expect(await promoteWaitingLists(handle.db, clock, { dayIds: [day.id] })).toEqual({ promoted: 1, days: 1 });

    const [first, second, third] = await states(waiting.map((w) => w.reservation.id));
    expect(first).toMatchObject({ status: 'confirmed', waitlistRank: null });
    expect(second).toMatchObject({ status: 'waitlisted', waitlistRank: 1 });
    expect(third).toMatchObject({ status: 'waitlisted', waitlistRank: 2 });

    const emails = await promotionEmails(waiting.map((w) => w.familyId));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ toAddress: waiting[0]!.guardian.email, subject: 'Une place s’est libérée', familyId: waiting[0]!.familyId });
    expect(emails[0]!.props).toMatchObject({ date: '2026-12-14', activityName: expect.any(String) });

    const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'reservation.promote'), eq(auditLog.entityId, String(waiting[0]!.reservation.id))));
    expect(audits).toMatchObject([{ actorRole: 'system', actorUserId: null, familyId: waiting[0]!.familyId }]);
  });

  it('promotes in rank order while places allow, and no further', async () => {
    const { day, holders, waiting } = await aFullDay('2026-12-15', 2, 3);
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(inArray(reservations.id, holders.map((h) => h.reservation.id)));

    expect(await promoteWaitingLists(handle.db, clock, { dayIds: [day.id] })).toEqual({ promoted: 2, days: 1 });
    expect((await states(waiting.map((w) => w.reservation.id))).map((r) => [r.status, r.waitlistRank])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
    ]);
  });

  it('does not promote on a day inside the activity’s promotion lead time', async () => {
    // Lead time 2 days: on 2026-12-01, a place freed for 2026-12-03 is no longer offered.
    const { day, holders, waiting } = await aFullDay('2026-12-03', 1, 1);
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(eq(reservations.id, holders[0]!.reservation.id));

    const late = fixedClock('2026-12-01T08:00:00Z');
    expect(await promoteWaitingLists(handle.db, late, { dayIds: [day.id] })).toEqual({ promoted: 0, days: 0 });
    expect(await states([waiting[0]!.reservation.id])).toMatchObject([{ status: 'waitlisted', waitlistRank: 1 }]);

    const inTime = fixedClock('2026-11-30T08:00:00Z');
    expect(await promoteWaitingLists(handle.db, inTime, { dayIds: [day.id] })).toEqual({ promoted: 1, days: 1 });
  });

  it('changes nothing when run a second time', async () => {
    const { day, holders, waiting } = await aFullDay('2026-12-16', 1, 2);
    await cancelThroughValider(holders[0]!, day.id);

    const first = await promoteWaitingLists(handle.db, clock);
    expect(first.promoted).toBeGreaterThanOrEqual(1);
    const rows = await handle.db.select().from(reservations).orderBy(asc(reservations.id));
    const emails = await handle.db.select().from(outboundEmails).orderBy(asc(outboundEmails.id));
    const audits = await handle.db.select().from(auditLog).orderBy(asc(auditLog.id));

    expect(await promoteWaitingLists(handle.db, clock)).toEqual({ promoted: 0, days: 0 });
    expect(await handle.db.select().from(reservations).orderBy(asc(reservations.id))).toEqual(rows);
    expect(await handle.db.select().from(outboundEmails).orderBy(asc(outboundEmails.id))).toEqual(emails);
    expect(await handle.db.select().from(auditLog).orderBy(asc(auditLog.id))).toEqual(audits);
    expect(await states(waiting.map((w) => w.reservation.id))).toMatchObject([{ status: 'confirmed' }, { status: 'waitlisted', waitlistRank: 1 }]);
  });

  it('acts for the date it is given: days from it on, the lead time counted from it', async () => {
    // Lead time 2 days, acting for 2026-12-04: the 3rd is gone, the 5th is too close, the 10th is offered.
    const gone = await aFullDay('2026-12-03', 1, 1);
    const close = await aFullDay('2026-12-05', 1, 1);
    const ahead = await aFullDay('2026-12-10', 1, 1);
    const all = [gone, close, ahead];
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(inArray(reservations.id, all.map((d) => d.holders[0]!.reservation.id)));
    const dayIds = all.map((d) => d.day.id);

    expect(await promoteWaitingLists(handle.db, clock, { dayIds, today: '2026-12-04' })).toEqual({ promoted: 1, days: 1 });
    expect((await states(all.map((d) => d.waiting[0]!.reservation.id))).map((r) => r.status)).toEqual(['waitlisted', 'waitlisted', 'confirmed']);
    expect(await promotionEmails(all.map((d) => d.waiting[0]!.familyId))).toMatchObject([{ familyId: ahead.waiting[0]!.familyId }]);

    // Acting for today (26 November), the two others are far enough ahead.
    expect(await promoteWaitingLists(handle.db, clock, { dayIds })).toEqual({ promoted: 2, days: 2 });
  });

  it('leaves each day whole when it fails half-way, and the next run promotes the rest once', async () => {
    const first = await aFullDay('2026-12-18', 1, 2);
    const second = await aFullDay('2026-12-19', 1, 2);
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(inArray(reservations.id, [first.holders[0]!.reservation.id, second.holders[0]!.reservation.id]));
    const dayIds = [first.day.id, second.day.id];
    const waiters = [...first.waiting, ...second.waiting];
    const promotionAudits = () =>
      handle.db
        .select({ entityId: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.action, 'reservation.promote'), inArray(auditLog.entityId, waiters.map((w) => String(w.reservation.id)))))
        .orderBy(asc(auditLog.id));
    // The failure is injected when the second day's promotion writes its audit line, after its e-mail.
    await handle.db.execute(sql`create function fail_promotion() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end; $$`);
    await handle.db.execute(sql.raw(`create trigger fail_promotion before insert on audit_log for each row
      when (new.action = 'reservation.promote' and (new.details->>'activityDayId')::int = ${second.day.id}) execute function fail_promotion()`));
    try {
      await expect(promoteWaitingLists(handle.db, clock, { dayIds })).rejects.toThrow();
    } finally {
      await handle.db.execute(sql`drop trigger fail_promotion on audit_log`);
      await handle.db.execute(sql`drop function fail_promotion()`);
    }

    // The first day is promoted with its e-mail and audit line, the second not at all.
    expect((await states(waiters.map((w) => w.reservation.id))).map((r) => [r.status, r.waitlistRank])).toEqual([
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    expect((await promotionEmails(waiters.map((w) => w.familyId))).map((e) => e.familyId)).toEqual([first.waiting[0]!.familyId]);
    expect(await promotionAudits()).toEqual([{ entityId: String(first.waiting[0]!.reservation.id) }]);

    expect(await promoteWaitingLists(handle.db, clock, { dayIds })).toEqual({ promoted: 1, days: 1 });
    expect((await states(waiters.map((w) => w.reservation.id))).map((r) => [r.status, r.waitlistRank])).toEqual([
      ['confirmed', null],
      ['waitlisted', 1],
      ['confirmed', null],
      ['waitlisted', 1],
    ]);
    expect((await promotionEmails(waiters.map((w) => w.familyId))).map((e) => e.familyId).sort()).toEqual([first.waiting[0]!.familyId, second.waiting[0]!.familyId].sort());
    expect(await promotionAudits()).toHaveLength(2);
  });

  it('e-mails nobody when the promoted family has no address, and still promotes', async () => {
    const { day, holders, waiting } = await aFullDay('2026-12-17', 1, 1);
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(eq(reservations.id, holders[0]!.reservation.id));
    await handle.db.update(users).set({ email: null }).where(eq(users.id, waiting[0]!.guardian.id));

    expect(await promoteWaitingLists(handle.db, clock, { dayIds: [day.id] })).toEqual({ promoted: 1, days: 1 });
    expect(await promotionEmails([waiting[0]!.familyId])).toEqual([]);
  });
});

describe.skipIf(!onPostgres)('waiting-list promotion run twice at the same time (PostgreSQL)', () => {
  it('gives each freed place once and e-mails each promoted family once', async () => {
    const { day, holders, waiting } = await aFullDay('2026-12-21', 3, 5);
    await handle.db.update(reservations).set({ status: 'cancelled' }).where(inArray(reservations.id, holders.slice(0, 2).map((h) => h.reservation.id)));

    const runs = await Promise.all([1, 2, 3].map(() => promoteWaitingLists(handle.db, clock, { dayIds: [day.id] })));
    expect(runs.reduce((sum, run) => sum + run.promoted, 0)).toBe(2);
    expect((await states(waiting.map((w) => w.reservation.id))).map((r) => [r.status, r.waitlistRank])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    expect(await promotionEmails(waiting.map((w) => w.familyId))).toHaveLength(2);
  });
});
