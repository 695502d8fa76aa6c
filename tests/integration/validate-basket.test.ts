import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activities, baskets, outboundEmails, reservations } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import { messageBody } from '@/lib/mail/outbox';
import { basketSummary, setBasketRemarks, toggleBasketDay } from '@/lib/reservations/basket';
import { calendarView } from '@/lib/reservations/calendar';
import { REASONS } from '@/lib/reservations/rules';
import { validateBasket } from '@/lib/reservations/validate';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aGuardian, anActivity, anActivityDay, aReservation } from '../support/factories';
import { aBasketItem, aFamilyWithChild, anOpenDay } from '../support/reservations';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const clock = () => fixedClock('2026-11-26T09:00:00Z');

async function submit(familyId: number, actor: { id: number; role: string }, c = clock()) {
  const summary = await basketSummary(handle.db, clock(), familyId);
  return validateBasket(handle.db, c, familyId, actor, { basketId: summary.basketId!, version: summary.version });
}

describe('validating a basket', () => {
  it('turns requests into "Non transmis" reservations while places last, then the waiting list, then refusals', async () => {
    const { day } = await anOpenDay(handle.db, { capacity: 1, waitlistCapacity: 1 });
    const families = [await aFamilyWithChild(handle.db), await aFamilyWithChild(handle.db), await aFamilyWithChild(handle.db)];
    const results = [];
    for (const [index, family] of families.entries()) {
      const toggled = await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
      if (index < 2) {
        expect(toggled).toEqual({ ok: true, value: 'add' });
      } else {
        // Full with a full waiting list: the calendar does not let it be clicked; a forged form gets refused.
        expect(toggled).toEqual({ ok: false, message: REASONS.full });
        await aBasketItem(handle.db, family.familyId, family.child.id, day.id, 'add');
      }
      const response = await submit(family.familyId, family.actor);
      if (!response.ok) throw new Error(response.message);
      results.push(response.value.outcomes[0]);
    }
    expect(results.map((o) => [o!.result, o!.waitlistRank])).toEqual([
      ['pending', null],
      ['waitlisted', 1],
      ['refused', null],
    ]);
    expect(results[2]!.reason).toBe(REASONS.full);
    expect(results[0]!.costCents).toBe(475);
    // The basket is gone once validated, and a confirmation e-mail waits in the outbox.
    expect(await handle.db.select().from(baskets).where(eq(baskets.familyId, families[0]!.familyId))).toEqual([]);
    const mails = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.familyId, families[1]!.familyId));
    expect(mails.map((m) => m.template)).toEqual(['reservations-validated']);
    expect((await messageBody(mails[0]!)).text).toContain('1re sur la liste d’attente');
  });

  it('takes a cancelled waiting-list request off the list, and the ranks behind move up', async () => {
    const { day } = await anOpenDay(handle.db, { capacity: 0, waitlistCapacity: 3 });
    const [a, b, c] = [await aFamilyWithChild(handle.db), await aFamilyWithChild(handle.db), await aFamilyWithChild(handle.db)];
    for (const family of [a!, b!, c!]) {
      await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
      await submit(family.familyId, family.actor);
    }
    const view = await calendarView(handle.db, clock(), b!.familyId, { childId: b!.child.id, activityId: day.activityId, month: '2026-12' });
    expect(view.ok && view.value.days.find((d) => d.activityDayId === day.id)).toMatchObject({ state: 'waitlisted', waitlistRank: 2, clickable: true });

    expect(await toggleBasketDay(handle.db, clock(), a!.familyId, { childId: a!.child.id, activityDayId: day.id })).toMatchObject({ value: 'remove' });
    const cancelled = await submit(a!.familyId, a!.actor);
    expect(cancelled.ok && cancelled.value.outcomes.map((o) => o.result)).toEqual(['cancelled']);
    const ranks = await handle.db
      .select({ childId: reservations.childId, rank: reservations.waitlistRank })
      .from(reservations)
      .where(and(eq(reservations.activityDayId, day.id), eq(reservations.status, 'waitlisted')));
    expect(ranks.sort((x, y) => x.rank! - y.rank!)).toEqual([
      { childId: b!.child.id, rank: 1 },
      { childId: c!.child.id, rank: 2 },
    ]);
  });

  it('refuses a cancellation after the deadline, even from a forged basket', async () => {
    const { day } = await anOpenDay(handle.db, { date: '2026-11-28' }); // deadline: 26 November at 12:00
    const family = await aFamilyWithChild(handle.db);
    const booked = await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'confirmed' });

    const afterDeadline = fixedClock('2026-11-26T11:30:00Z');
    expect(await toggleBasketDay(handle.db, afterDeadline, family.familyId, { childId: family.child.id, activityDayId: day.id })).toEqual({ ok: false, message: REASONS.deadline });

    await aBasketItem(handle.db, family.familyId, family.child.id, day.id, 'remove');
    const response = await submit(family.familyId, family.actor, afterDeadline);
    expect(response.ok && response.value.outcomes[0]).toMatchObject({ result: 'refused', reason: REASONS.deadline });
    const [still] = await handle.db.select().from(reservations).where(eq(reservations.id, booked.id));
    expect(still!.status).toBe('confirmed');
  });

  it('refuses a cancellation outside the booking window, at click and from a forged basket, and keeps the reservation', async () => {
    const family = await aFamilyWithChild(handle.db);
    const activity = await anActivity(handle.db);
    // At 26 November both days are well before their deadline; one window has closed, the other is not open yet.
    const closed = await aBookingPeriod(handle.db, { opensAt: new Date('2026-11-01T07:00:00Z'), closesAt: new Date('2026-11-20T22:00:00Z') });
    const notYet = await aBookingPeriod(handle.db, { opensAt: new Date('2026-12-01T07:00:00Z'), closesAt: new Date('2026-12-31T22:00:00Z') });
    const cases = [
      { period: closed, date: '2026-12-16', reason: REASONS.windowClosed },
      { period: notYet, date: '2026-12-23', reason: REASONS.notOpenYet },
    ];
    for (const { period, date, reason } of cases) {
      const day = await anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: period.id, date });
      const booked = await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'confirmed' });
      expect(await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id })).toEqual({ ok: false, message: reason });

      await aBasketItem(handle.db, family.familyId, family.child.id, day.id, 'remove');
      const response = await submit(family.familyId, family.actor);
      expect(response.ok && response.value.outcomes).toMatchObject([{ action: 'remove', result: 'refused', reason }]);
      const [still] = await handle.db.select().from(reservations).where(eq(reservations.id, booked.id));
      expect(still!.status).toBe('confirmed');
    }
  });

  it('refuses a forged request for an activity the town no longer offers, at click and at validation, and books nothing', async () => {
    const { activity, day } = await anOpenDay(handle.db);
    await handle.db.update(activities).set({ active: false }).where(eq(activities.id, activity.id));
    const family = await aFamilyWithChild(handle.db);
    expect(await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id })).toEqual({ ok: false, message: REASONS.inactive });
    expect(await handle.db.select().from(baskets).where(eq(baskets.familyId, family.familyId))).toEqual([]);

    await aBasketItem(handle.db, family.familyId, family.child.id, day.id, 'add');
    const response = await submit(family.familyId, family.actor);
    expect(response.ok && response.value.outcomes).toMatchObject([{ action: 'add', result: 'refused', reason: REASONS.inactive }]);
    expect(await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId))).toEqual([]);
  });

  it('refuses at validation a request already in the basket whose activity stopped being offered', async () => {
    const { activity, day } = await anOpenDay(handle.db);
    const family = await aFamilyWithChild(handle.db);
    expect(await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id })).toEqual({ ok: true, value: 'add' });
    await handle.db.update(activities).set({ active: false }).where(eq(activities.id, activity.id));

    const response = await submit(family.familyId, family.actor);
    expect(response.ok && response.value.outcomes).toMatchObject([{ action: 'add', result: 'refused', reason: REASONS.inactive }]);
    expect(await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId))).toEqual([]);
  });

  it('cancels before the deadline and frees the place', async () => {
    const { day } = await anOpenDay(handle.db, { date: '2026-11-28', capacity: 1 });
    const family = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'confirmed' });
    const beforeDeadline = fixedClock('2026-11-26T10:59:00Z');
    await toggleBasketDay(handle.db, beforeDeadline, family.familyId, { childId: family.child.id, activityDayId: day.id });
    const response = await submit(family.familyId, family.actor, beforeDeadline);
    expect(response.ok && response.value.outcomes[0]!.result).toBe('cancelled');
    const other = await aFamilyWithChild(handle.db);
    const view = await calendarView(handle.db, beforeDeadline, other.familyId, { childId: other.child.id, activityId: day.activityId, month: '2026-11' });
    expect(view.ok && view.value.days[0]).toMatchObject({ state: 'available' });
  });

  it('refuses forged requests for a closed day, an ineligible child or another family’s child, and changes nothing', async () => {
    const { day } = await anOpenDay(handle.db);
    const family = await aFamilyWithChild(handle.db);
    const stranger = await aFamilyWithChild(handle.db);
    expect(await toggleBasketDay(handle.db, clock(), family.familyId, { childId: stranger.child.id, activityDayId: day.id })).toMatchObject({ ok: false });
    expect(await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: 999_999 })).toMatchObject({ ok: false });

    // A day whose booking window is not open yet, and a child too old for the activity.
    const later = await anOpenDay(handle.db, { date: '2026-12-16' });
    const tooEarly = fixedClock('2026-10-01T09:00:00Z');
    expect(await toggleBasketDay(handle.db, tooEarly, family.familyId, { childId: family.child.id, activityDayId: later.day.id })).toEqual({ ok: false, message: REASONS.notOpenYet });

    await aBasketItem(handle.db, family.familyId, family.child.id, later.day.id, 'add');
    const response = await submit(family.familyId, family.actor, tooEarly);
    expect(response.ok && response.value.outcomes[0]).toMatchObject({ result: 'refused', reason: REASONS.notOpenYet });
    expect(await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId))).toEqual([]);
  });

  it('refuses remarks over the limit, and validates nothing', async () => {
    const { day } = await anOpenDay(handle.db);
    const family = await aFamilyWithChild(handle.db);
    await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
    const shown = await basketSummary(handle.db, clock(), family.familyId);
    const response = await validateBasket(handle.db, clock(), family.familyId, family.actor, {
      basketId: shown.basketId!,
      version: shown.version,
      remarks: 'x'.repeat(1001),
    });
    expect(response).toMatchObject({ ok: false, message: expect.stringContaining('1000 caractères') });
    expect(await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId))).toEqual([]);
  });

  it('refuses to validate a basket that changed since the recap was shown', async () => {
    const { day } = await anOpenDay(handle.db);
    const other = await anOpenDay(handle.db, { date: '2026-12-10' });
    const family = await aFamilyWithChild(handle.db);
    await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
    const shown = await basketSummary(handle.db, clock(), family.familyId);
    await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: other.day.id });
    const response = await validateBasket(handle.db, clock(), family.familyId, family.actor, { basketId: shown.basketId!, version: shown.version });
    expect(response).toMatchObject({ ok: false, message: expect.stringContaining('ont changé') });
    expect(await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId))).toEqual([]);
  });

  it('returns the same result when the same basket is submitted again, creating nothing twice', async () => {
    const { day } = await anOpenDay(handle.db);
    const family = await aFamilyWithChild(handle.db);
    await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
    const shown = await basketSummary(handle.db, clock(), family.familyId);
    const first = await validateBasket(handle.db, clock(), family.familyId, family.actor, { basketId: shown.basketId!, version: shown.version });
    const again = await validateBasket(handle.db, clock(), family.familyId, family.actor, { basketId: shown.basketId!, version: shown.version });
    expect(first.ok && again.ok && again.value.validationId).toBe(first.ok && first.value.validationId);
    expect(await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId))).toHaveLength(1);
    // Another family cannot read it back with the same numbers.
    const stranger = await aFamilyWithChild(handle.db);
    expect(await validateBasket(handle.db, clock(), stranger.familyId, stranger.actor, { basketId: shown.basketId!, version: shown.version })).toMatchObject({ ok: false });
  });
});

describe('the recap’s forecast', () => {
  it('flags a request whose deadline passed while it waited in the basket, leaves it out of the total, and validating refuses it in a booking’s words', async () => {
    const { day } = await anOpenDay(handle.db, { date: '2026-11-30' }); // deadline: 28 November at 12:00 (Paris)
    const kept = await anOpenDay(handle.db, { date: '2026-12-10' });
    const family = await aFamilyWithChild(handle.db);
    const before = fixedClock('2026-11-27T09:00:00Z');
    await toggleBasketDay(handle.db, before, family.familyId, { childId: family.child.id, activityDayId: day.id });
    await toggleBasketDay(handle.db, before, family.familyId, { childId: family.child.id, activityDayId: kept.day.id });
    expect((await basketSummary(handle.db, before, family.familyId)).additionsTotalCents).toBe(950);

    const after = fixedClock('2026-11-28T11:30:00Z');
    const wording = 'Les réservations de ce jour sont closes depuis le 28/11/2026 à 12:00.';
    const recap = await basketSummary(handle.db, after, family.familyId);
    expect(recap.additions.map((line) => [line.date, line.forecast])).toEqual([
      ['2026-11-30', { result: 'refused', waitlistRank: null, reason: wording }],
      ['2026-12-10', { result: 'pending', waitlistRank: null, reason: null }],
    ]);
    expect(recap.additionsTotalCents).toBe(475);

    const response = await validateBasket(handle.db, after, family.familyId, family.actor, { basketId: recap.basketId!, version: recap.version });
    expect(response.ok && response.value.outcomes.map((o) => [o.date, o.result, o.reason])).toEqual([
      ['2026-11-30', 'refused', wording],
      ['2026-12-10', 'pending', null],
    ]);
    expect(response.ok && response.value.acceptedCostCents).toBe(recap.additionsTotalCents);
  });

  it('forecasts a day that filled up while in the basket as a waiting-list request with its rank, out of the total, as the result then says', async () => {
    const { day } = await anOpenDay(handle.db, { capacity: 1, waitlistCapacity: 3, date: '2026-12-11' });
    const family = await aFamilyWithChild(handle.db);
    await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
    const other = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: other.familyId, childId: other.child.id, activityDayId: day.id, status: 'confirmed' });
    const waiting = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: waiting.familyId, childId: waiting.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: 1 });

    const recap = await basketSummary(handle.db, clock(), family.familyId);
    expect(recap.additions.map((line) => line.forecast)).toEqual([{ result: 'waitlisted', waitlistRank: 2, reason: null }]);
    expect(recap.additionsTotalCents).toBe(0);
    const response = await validateBasket(handle.db, clock(), family.familyId, family.actor, { basketId: recap.basketId!, version: recap.version });
    expect(response.ok && response.value.outcomes.map((o) => [o.result, o.waitlistRank])).toEqual([['waitlisted', 2]]);
    expect(response.ok && response.value.acceptedCostCents).toBe(0);
  });

  it('does not give a free place to a new request while a family waits on the day: at click the day shows as waiting list', async () => {
    const { day, activity } = await anOpenDay(handle.db, { capacity: 2, waitlistCapacity: 2, date: '2026-12-14' });
    const waiting = await aFamilyWithChild(handle.db);
    await aReservation(handle.db, { familyId: waiting.familyId, childId: waiting.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: 1 });
    const family = await aFamilyWithChild(handle.db);
    const view = await calendarView(handle.db, clock(), family.familyId, { childId: family.child.id, activityId: activity.id, month: '2026-12' });
    expect(view.ok && view.value.days.find((d) => d.activityDayId === day.id)).toMatchObject({ state: 'waitlistOpen', clickable: true });
    await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
    const response = await submit(family.familyId, family.actor);
    expect(response.ok && response.value.outcomes.map((o) => [o.result, o.waitlistRank])).toEqual([['waitlisted', 2]]);
  });
});

describe('what a validation tells and keeps', () => {
  it('e-mails each active guardian with an address, with the outcomes and the remarks kept in the basket, and records them', async () => {
    const { day } = await anOpenDay(handle.db, { capacity: 3 });
    const family = await aFamilyWithChild(handle.db);
    await aGuardian(handle.db, { familyId: family.familyId, firstName: 'Dominique', email: `dominique-${family.familyId}@example.fr` });
    await aGuardian(handle.db, { familyId: family.familyId, firstName: 'Sans', email: null });
    await aGuardian(handle.db, { familyId: family.familyId, firstName: 'Parti', active: false });
    await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
    await setBasketRemarks(handle.db, clock(), family.familyId, '  Arrivée à 8 h 30  ');

    const response = await submit(family.familyId, family.actor);
    if (!response.ok) throw new Error(response.message);
    const mails = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.familyId, family.familyId)).orderBy(outboundEmails.id);
    expect(mails.map((m) => [m.toAddress, (m.props as { firstName: string }).firstName])).toEqual([
      [family.guardian.email, family.guardian.firstName],
      [`dominique-${family.familyId}@example.fr`, 'Dominique'],
    ]);
    expect(mails[0]!.props).toMatchObject({ outcomes: response.value.outcomes, remarks: 'Arrivée à 8 h 30' });
    const [made] = await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId));
    expect(made!.remarks).toBe('Arrivée à 8 h 30');
  });

  it('keeps the remarks typed on the recap rather than the basket’s, and none when they are erased', async () => {
    for (const [typed, kept] of [
      ['  Il arrivera à 13 h. ', 'Il arrivera à 13 h.'],
      ['   ', null],
    ] as const) {
      const { day } = await anOpenDay(handle.db, { capacity: 3 });
      const family = await aFamilyWithChild(handle.db);
      await toggleBasketDay(handle.db, clock(), family.familyId, { childId: family.child.id, activityDayId: day.id });
      await setBasketRemarks(handle.db, clock(), family.familyId, 'Remarque du panier');
      const summary = await basketSummary(handle.db, clock(), family.familyId);
      const response = await validateBasket(handle.db, clock(), family.familyId, family.actor, { basketId: summary.basketId!, version: summary.version, remarks: typed });
      if (!response.ok) throw new Error(response.message);
      const [made] = await handle.db.select().from(reservations).where(eq(reservations.familyId, family.familyId));
      expect(made!.remarks).toBe(kept);
    }
  });
});
