import { and, asc, eq, inArray } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activities, auditLog, outboundEmails, reservations } from '@/db/schema';
import { DailyReport, type ReportedChange } from '@/emails/daily-report';
import { fixedClock } from '@/lib/clock';
import { sendDailyReports } from '@/lib/reservations/daily-report';
import { dayList } from '@/lib/reservations/day-list';
import {
  approveRequest,
  cancelByStaff,
  moveInWaitingList,
  promoteByHand,
  recordAttendance,
  refuseRequest,
} from '@/lib/reservations/staff-decisions';
import { promoteWaitingLists } from '@/lib/reservations/waiting-list';
import { createTestDatabase, onPostgres } from '../support/db';
import { aConsumption, aReservation, aUser, aWallet } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

let handle: DbHandle;
let agent: { id: number; role: string };
beforeAll(async () => {
  handle = await createTestDatabase();
  const user = await aUser(handle.db, { role: 'agent' });
  agent = { id: user.id, role: 'agent' };
});
afterAll(() => handle.close());

const clock = fixedClock('2026-11-26T09:00:00Z');

/** An opening day with `holders` places taken (status `held`) and `waiters` requests waiting in rank order. */
async function aDay(options: { capacity: number; holders: number; waiters: number; held?: 'pending' | 'confirmed'; manual?: boolean; date?: string }) {
  const { day, activity } = await anOpenDay(handle.db, { capacity: options.capacity, waitlistCapacity: 10, date: options.date });
  if (options.manual) await handle.db.update(activities).set({ approval: 'manual' }).where(eq(activities.id, activity.id));
  const holders = [];
  for (let i = 0; i < options.holders; i++) {
    const family = await aFamilyWithChild(handle.db);
    holders.push({ ...family, reservation: await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: options.held ?? 'confirmed' }) });
  }
  const waiting = [];
  for (let rank = 1; rank <= options.waiters; rank++) {
    const family = await aFamilyWithChild(handle.db);
    waiting.push({
      ...family,
      reservation: await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: rank }),
    });
  }
  return { day, activity, holders, waiting };
}

const rowOf = async (id: number) => (await handle.db.select().from(reservations).where(eq(reservations.id, id)))[0]!;
const waitingList = async (dayId: number) =>
  (
    await handle.db
      .select({ id: reservations.id, rank: reservations.waitlistRank })
      .from(reservations)
      .where(and(eq(reservations.activityDayId, dayId), eq(reservations.status, 'waitlisted')))
      .orderBy(asc(reservations.waitlistRank))
  ).map((row) => [row.id, row.rank]);
const auditOf = (id: number) => handle.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'reservation'), eq(auditLog.entityId, String(id))));
const reportsOf = (familyId: number) =>
  handle.db.select().from(outboundEmails).where(and(eq(outboundEmails.template, 'daily-report'), eq(outboundEmails.familyId, familyId)));
const changesOf = async (familyId: number) => (await reportsOf(familyId)).flatMap((email) => (email.props as { changes: ReportedChange[] }).changes);

describe('manual approval', () => {
  it('approves a pending request of a manual-approval activity: « Réservée », transmitted now, audited, reported the next morning', async () => {
    const { holders } = await aDay({ capacity: 2, holders: 1, waiters: 0, held: 'pending', manual: true });
    const request = holders[0]!.reservation;
    expect(await approveRequest(handle.db, clock, agent, { reservationId: request.id })).toEqual({ ok: true, value: undefined });
    expect(await rowOf(request.id)).toMatchObject({ status: 'confirmed', transmittedAt: clock.now() });
    expect(await auditOf(request.id)).toEqual([expect.objectContaining({ action: 'reservation.approve', actorUserId: agent.id, actorRole: 'agent', familyId: holders[0]!.familyId })]);
    await sendDailyReports(handle.db, clock);
    expect(await changesOf(holders[0]!.familyId)).toEqual([expect.objectContaining({ status: 'confirmed' })]);
  });

  it('refuses a pending request: « Refusée », its place freed, reported the next morning', async () => {
    const { holders } = await aDay({ capacity: 1, holders: 1, waiters: 0, held: 'pending', manual: true });
    const request = holders[0]!.reservation;
    const result = await refuseRequest(handle.db, clock, agent, { reservationId: request.id });
    expect(result).toEqual({ ok: true, value: { freedDayIds: [request.activityDayId] } });
    expect(await rowOf(request.id)).toMatchObject({ status: 'refused', waitlistRank: null, transmittedAt: null });
    expect((await auditOf(request.id)).map((entry) => entry.action)).toEqual(['reservation.refuse']);
    await sendDailyReports(handle.db, clock);
    expect(await changesOf(holders[0]!.familyId)).toEqual([expect.objectContaining({ status: 'refused' })]);
  });

  it('decides nothing for an automatic activity or a request already decided, and writes nothing', async () => {
    const automatic = await aDay({ capacity: 2, holders: 1, waiters: 0, held: 'pending' });
    const pending = automatic.holders[0]!.reservation;
    expect(await approveRequest(handle.db, clock, agent, { reservationId: pending.id })).toMatchObject({ ok: false, message: expect.stringContaining('validation automatique') });
    const manual = await aDay({ capacity: 2, holders: 1, waiters: 0, held: 'confirmed', manual: true });
    const confirmed = manual.holders[0]!.reservation;
    expect(await refuseRequest(handle.db, clock, agent, { reservationId: confirmed.id })).toEqual({ ok: false, message: 'Cette demande n’est plus en attente de décision.' });
    expect(await approveRequest(handle.db, clock, agent, { reservationId: 999_999 })).toEqual({ ok: false, message: 'Demande introuvable.' });
    expect(await rowOf(pending.id)).toMatchObject({ status: 'pending', updatedAt: pending.updatedAt });
    expect(await rowOf(confirmed.id)).toMatchObject({ status: 'confirmed', updatedAt: confirmed.updatedAt });
    expect([...(await auditOf(pending.id)), ...(await auditOf(confirmed.id))]).toEqual([]);
  });
});

describe('cancellation by the town', () => {
  it('cancels a confirmed place, announces the freed day, and the promotion fills it from rank 1 with ranks 1..n behind', async () => {
    const { day, holders, waiting } = await aDay({ capacity: 1, holders: 1, waiters: 3 });
    const result = await cancelByStaff(handle.db, clock, agent, { reservationId: holders[0]!.reservation.id });
    expect(result).toEqual({ ok: true, value: { freedDayIds: [day.id] } });
    expect(await rowOf(holders[0]!.reservation.id)).toMatchObject({ status: 'cancelled', waitlistRank: null });
    expect(await auditOf(holders[0]!.reservation.id)).toEqual([expect.objectContaining({ action: 'reservation.cancel_by_staff', actorUserId: agent.id })]);
    expect(await promoteWaitingLists(handle.db, clock, { dayIds: [day.id] })).toEqual({ promoted: 1, days: 1 });
    expect(await rowOf(waiting[0]!.reservation.id)).toMatchObject({ status: 'confirmed' });
    expect(await waitingList(day.id)).toEqual([
      [waiting[1]!.reservation.id, 1],
      [waiting[2]!.reservation.id, 2],
    ]);
  });

  it('tells the family « Annulée par la mairie » in its next daily report', async () => {
    const { holders } = await aDay({ capacity: 1, holders: 1, waiters: 0 });
    await cancelByStaff(handle.db, clock, agent, { reservationId: holders[0]!.reservation.id });
    await sendDailyReports(handle.db, clock);
    const changes = await changesOf(holders[0]!.familyId);
    expect(changes).toEqual([expect.objectContaining({ status: 'cancelled' })]);
    expect(renderToStaticMarkup(DailyReport({ town: 'Ville', firstName: 'Anne', changes }))).toContain('Annulée par la mairie');
  });

  it('cancels a waiting request, moves the ranks behind up, and frees no place', async () => {
    const { day, waiting } = await aDay({ capacity: 1, holders: 1, waiters: 3 });
    expect(await cancelByStaff(handle.db, clock, agent, { reservationId: waiting[1]!.reservation.id })).toEqual({ ok: true, value: { freedDayIds: [] } });
    expect(await waitingList(day.id)).toEqual([
      [waiting[0]!.reservation.id, 1],
      [waiting[2]!.reservation.id, 2],
    ]);
  });

  it('refuses to cancel a day already billed or already cancelled', async () => {
    const { holders, day } = await aDay({ capacity: 2, holders: 2, waiters: 0, date: '2026-11-20' });
    const [billed, other] = holders;
    const wallet = await aWallet(handle.db, billed!.familyId);
    await aConsumption(handle.db, { familyId: billed!.familyId, childId: billed!.child.id, walletId: wallet.id, activityId: day.activityId, reservationId: billed!.reservation.id, date: day.date });
    expect(await cancelByStaff(handle.db, clock, agent, { reservationId: billed!.reservation.id })).toMatchObject({ ok: false, message: expect.stringContaining('déjà facturée') });
    await cancelByStaff(handle.db, clock, agent, { reservationId: other!.reservation.id });
    expect(await cancelByStaff(handle.db, clock, agent, { reservationId: other!.reservation.id })).toEqual({ ok: false, message: 'Cette demande n’est plus annulable.' });
    expect(await rowOf(billed!.reservation.id)).toMatchObject({ status: 'confirmed' });
  });
});

describe('the waiting list by hand', () => {
  it('promotes rank 2 when a place is free: « Réservée », ranks 1..n, the family e-mailed, audited with the agent', async () => {
    const { day, waiting } = await aDay({ capacity: 2, holders: 1, waiters: 3 });
    const chosen = waiting[1]!;
    expect(await promoteByHand(handle.db, clock, agent, { reservationId: chosen.reservation.id })).toEqual({ ok: true, value: undefined });
    expect(await rowOf(chosen.reservation.id)).toMatchObject({ status: 'confirmed', waitlistRank: null });
    expect(await waitingList(day.id)).toEqual([
      [waiting[0]!.reservation.id, 1],
      [waiting[2]!.reservation.id, 2],
    ]);
    const emails = await handle.db.select().from(outboundEmails).where(and(eq(outboundEmails.template, 'waiting-list-promoted'), eq(outboundEmails.familyId, chosen.familyId)));
    expect(emails).toHaveLength(1);
    expect(await auditOf(chosen.reservation.id)).toEqual([expect.objectContaining({ action: 'reservation.promote_by_hand', actorUserId: agent.id, details: expect.objectContaining({ previousRank: 2 }) })]);
  });

  it('refuses to promote when the day is full, and changes nothing', async () => {
    const { day, waiting } = await aDay({ capacity: 1, holders: 1, waiters: 2 });
    expect(await promoteByHand(handle.db, clock, agent, { reservationId: waiting[0]!.reservation.id })).toEqual({ ok: false, message: 'Aucune place n’est libre ce jour-là.' });
    expect(await waitingList(day.id)).toEqual([
      [waiting[0]!.reservation.id, 1],
      [waiting[1]!.reservation.id, 2],
    ]);
  });

  it('moves a request up and down, the ranks staying 1..n', async () => {
    const { day, waiting } = await aDay({ capacity: 1, holders: 1, waiters: 3 });
    const [a, b, c] = waiting.map((w) => w.reservation.id);
    expect(await moveInWaitingList(handle.db, clock, agent, { reservationId: c!, direction: 'up' })).toEqual({ ok: true, value: undefined });
    expect(await waitingList(day.id)).toEqual([
      [a, 1],
      [c, 2],
      [b, 3],
    ]);
    await moveInWaitingList(handle.db, clock, agent, { reservationId: a!, direction: 'down' });
    expect(await waitingList(day.id)).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    expect(await auditOf(a!)).toEqual([expect.objectContaining({ action: 'reservation.move_in_waiting_list', details: expect.objectContaining({ previousRank: 1, rank: 2 }) })]);
  });

  it('refuses to move the first up or the last down', async () => {
    const { day, waiting } = await aDay({ capacity: 1, holders: 1, waiters: 2 });
    expect(await moveInWaitingList(handle.db, clock, agent, { reservationId: waiting[0]!.reservation.id, direction: 'up' })).toEqual({ ok: false, message: 'Cette demande est déjà la première de la liste d’attente.' });
    expect(await moveInWaitingList(handle.db, clock, agent, { reservationId: waiting[1]!.reservation.id, direction: 'down' })).toEqual({ ok: false, message: 'Cette demande est déjà la dernière de la liste d’attente.' });
    expect(await waitingList(day.id)).toEqual([
      [waiting[0]!.reservation.id, 1],
      [waiting[1]!.reservation.id, 2],
    ]);
  });
});

describe('attendance (pointage)', () => {
  it('records présent, absent and absent justifié on the day', async () => {
    const { holders } = await aDay({ capacity: 3, holders: 3, waiters: 0, date: '2026-11-26' });
    const [present, absent, justified] = holders.map((h) => h.reservation.id);
    for (const [id, presence] of [
      [present, 'present'],
      [absent, 'absent'],
      [justified, 'justified'],
    ] as const) {
      expect(await recordAttendance(handle.db, clock, agent, { reservationId: id!, presence })).toEqual({ ok: true, value: undefined });
    }
    expect(await rowOf(present!)).toMatchObject({ status: 'attended', absenceJustified: false });
    expect(await rowOf(absent!)).toMatchObject({ status: 'absent', absenceJustified: false });
    expect(await rowOf(justified!)).toMatchObject({ status: 'absent', absenceJustified: true });
    expect(await auditOf(justified!)).toEqual([expect.objectContaining({ action: 'reservation.attendance', actorUserId: agent.id, details: expect.objectContaining({ presence: 'justified' }) })]);
    // A second tap corrects the first.
    await recordAttendance(handle.db, clock, agent, { reservationId: absent!, presence: 'present' });
    expect(await rowOf(absent!)).toMatchObject({ status: 'attended', absenceJustified: false });
  });

  it('refuses attendance before the day, for a request not « Réservée », and once the day is billed', async () => {
    const future = await aDay({ capacity: 1, holders: 1, waiters: 1, date: '2026-12-09' });
    expect(await recordAttendance(handle.db, clock, agent, { reservationId: future.holders[0]!.reservation.id, presence: 'present' })).toEqual({ ok: false, message: 'Le pointage se fait le jour même ou après.' });
    expect(await recordAttendance(handle.db, clock, agent, { reservationId: future.waiting[0]!.reservation.id, presence: 'present' })).toMatchObject({ ok: false, message: expect.stringContaining('« Réservée »') });
    const past = await aDay({ capacity: 1, holders: 1, waiters: 0, date: '2026-11-20' });
    const holder = past.holders[0]!;
    const wallet = await aWallet(handle.db, holder.familyId);
    await aConsumption(handle.db, { familyId: holder.familyId, childId: holder.child.id, walletId: wallet.id, activityId: past.day.activityId, reservationId: holder.reservation.id, date: past.day.date });
    expect(await recordAttendance(handle.db, clock, agent, { reservationId: holder.reservation.id, presence: 'absent' })).toMatchObject({ ok: false, message: expect.stringContaining('déjà facturée') });
    expect(await rowOf(holder.reservation.id)).toMatchObject({ status: 'confirmed', absenceJustified: null });
    expect(await rowOf(future.holders[0]!.reservation.id)).toMatchObject({ status: 'confirmed' });
  });
});

describe('the day list', () => {
  it('lists the expected children, the waiting list by rank and the history, with families and contacts', async () => {
    const { activity, day, holders, waiting } = await aDay({ capacity: 1, holders: 1, waiters: 2 });
    await cancelByStaff(handle.db, clock, agent, { reservationId: waiting[0]!.reservation.id });
    const list = await dayList(handle.db, activity.id, day.date);
    expect(list).toMatchObject({ activityDayId: day.id, capacity: 1, taken: 1 });
    expect(list!.expected.map((row) => row.reservationId)).toEqual([holders[0]!.reservation.id]);
    expect(list!.expected[0]).toMatchObject({ age: 4, status: 'confirmed', contacts: [expect.objectContaining({ email: holders[0]!.guardian.email })] });
    expect(list!.waiting.map((row) => [row.reservationId, row.waitlistRank])).toEqual([[waiting[1]!.reservation.id, 1]]);
    expect(list!.history.map((row) => row.status)).toEqual(['cancelled']);
    expect(await dayList(handle.db, activity.id, '2026-12-10')).toBeNull();
  });
});

// Real PostgreSQL only: PGlite has a single connection, so nothing would run at the same time.
describe.skipIf(!onPostgres)('hand promotions under concurrency (PostgreSQL)', () => {
  /** One free place, 12 requests waiting, and an agent's tap on each of them at once. */
  async function twelveTapsAtOnce(unsafeWithoutLocking: boolean) {
    const { day, waiting } = await aDay({ capacity: 2, holders: 1, waiters: 12 });
    const results = await Promise.all(waiting.map((w) => promoteByHand(handle.db, clock, agent, { reservationId: w.reservation.id }, { unsafeWithoutLocking })));
    const rows = await handle.db.select().from(reservations).where(inArray(reservations.activityDayId, [day.id]));
    return { results, rows, day };
  }

  it('gives the one free place once and keeps the ranks 1..n', async () => {
    const { results, rows } = await twelveTapsAtOnce(false);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistRank).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('keeps the ranks 1..n when moves of the same list come at once', async () => {
    const { day, waiting } = await aDay({ capacity: 1, holders: 1, waiters: 8 });
    await Promise.all(waiting.map((w, i) => moveInWaitingList(handle.db, clock, agent, { reservationId: w.reservation.id, direction: i % 2 === 0 ? 'down' : 'up' })));
    expect((await waitingList(day.id)).map(([, rank]) => rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('control: with the lock switched off, the same taps overbook the day', async () => {
    const { rows } = await twelveTapsAtOnce(true);
    expect(rows.filter((r) => r.status === 'confirmed').length).toBeGreaterThan(2);
  });
});
