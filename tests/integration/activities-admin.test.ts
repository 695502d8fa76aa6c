// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { fixedClock } from '@/lib/clock';
import { renderTemplate } from '@/lib/mail/templates';
import { toggleBasketDay } from '@/lib/reservations/basket';
import { activities, activityDays, auditLog, bookingPeriods, outboundEmails, reservations } from '@/db/schema';
import { redirectOf, sessionOf } from '../support/session';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay, aReservation, aUser, aWalletType } from '../support/factories';

const { createActivityAction, updateActivityAction, createBookingPeriodAction, updateBookingPeriodAction, generateOpeningDaysAction, updateOpeningDayAction } = await import(
  '@/app/admin/activites/actions'
);

let handle: DbHandle;
let admin: Awaited<ReturnType<typeof aUser>>;
let agent: Awaited<ReturnType<typeof aUser>>;
let walletTypeId: number;

function formOf(values: Record<string, string>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  return form;
}

const activityFields = (overrides: Record<string, string> = {}) => ({
  name: 'ALSH 3-6 ans Matin',
  code: 'alsh36m',
  walletTypeId: String(walletTypeId),
  arrivalTime: '08:30',
  departureTime: '12:00',
  unitPrice: '6,65',
  quantity: '2',
  minAgeYears: '3',
  maxAgeYears: '6',
  defaultCapacity: '24',
  defaultWaitlistCapacity: '4',
  deadlineDays: '3',
  deadlineTime: '10:00',
  deadlineDayKind: 'working',
  approval: 'manual',
  promotionLeadDays: '1',
  active: 'on',
  ...overrides,
});

const countOf = async (table: typeof activities | typeof auditLog | typeof outboundEmails) => (await handle.db.select({ n: count() }).from(table))[0]!.n;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  admin = await aUser(handle.db, { role: 'admin' });
  agent = await aUser(handle.db, { role: 'agent' });
  walletTypeId = (await aWalletType(handle.db)).id;
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = sessionOf(admin);
});

describe('an administrator creates and edits activities', () => {
  it('creates an activity with its price in cents and its deadline rule, audited', async () => {
    const target = await redirectOf(createActivityAction({}, formOf(activityFields())));
    const [created] = await handle.db.select().from(activities).where(eq(activities.code, 'ALSH36M'));
    expect(target).toBe(`/admin/activites/${created!.id}?creee=1`);
    expect(created).toMatchObject({
      name: 'ALSH 3-6 ans Matin',
      unitPriceCents: 665,
      quantity: 2,
      arrivalTime: '08:30:00',
      deadlineDays: 3,
      deadlineTime: '10:00:00',
      deadlineCountsWorkingDays: true,
      approval: 'manual',
      promotionLeadDays: 1,
      defaultCapacity: 24,
      defaultWaitlistCapacity: 4,
      active: true,
    });
    const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'activity.create'));
    expect(entry).toMatchObject({ actorUserId: admin.id, actorRole: 'admin', entityId: String(created!.id) });
  });

  it('refuses bad input with French messages beside the fields, and writes nothing', async () => {
    const [activitiesBefore, auditBefore] = [await countOf(activities), await countOf(auditLog)];
    const result = await createActivityAction(
      {},
      formOf(activityFields({ code: 'AUTRE', name: '', unitPrice: '6,655', departureTime: '08:00', maxAgeYears: '3', defaultCapacity: '-1' })),
    );
    expect(result.fieldErrors).toMatchObject({
      name: 'Le nom est obligatoire.',
      unitPrice: 'Le prix unitaire doit être un montant en euros, par exemple 6,65.',
      defaultCapacity: 'La capacité doit être un nombre entier.',
    });
    const times = await createActivityAction({}, formOf(activityFields({ code: 'AUTRE', departureTime: '08:00', maxAgeYears: '3' })));
    expect(times.fieldErrors).toEqual({
      departureTime: 'L’heure de départ doit suivre l’heure d’arrivée.',
      maxAgeYears: 'L’âge maximum doit dépasser l’âge minimum.',
    });
    const duplicate = await createActivityAction({}, formOf(activityFields({ code: 'Alsh36m' })));
    expect(duplicate.fieldErrors).toEqual({ code: 'Ce code est déjà celui d’une autre activité.' });
    expect(duplicate.values?.name).toBe('ALSH 3-6 ans Matin');
    expect([await countOf(activities), await countOf(auditLog)]).toEqual([activitiesBefore, auditBefore]);
  });

  it('edits an activity and audits what changed', async () => {
    const activity = await anActivity(handle.db, { walletTypeId });
    const result = await updateActivityAction({}, formOf(activityFields({ activityId: String(activity.id), code: activity.code, unitPrice: '4,15', active: '' })));
    expect(result).toEqual({ ok: true, message: 'L’activité est enregistrée.' });
    const [after] = await handle.db.select().from(activities).where(eq(activities.id, activity.id));
    expect(after).toMatchObject({ unitPriceCents: 415, active: false, name: 'ALSH 3-6 ans Matin' });
    const [entry] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'activity.update'), eq(auditLog.entityId, String(activity.id))));
    expect(entry!.details).toMatchObject({ unitPriceCents: { from: 475, to: 415 }, active: { from: true, to: false } });
    expect(entry!.details).not.toHaveProperty('arrivalTime.from', '08:30');
  });

  it('refuses every write to an agent, and writes nothing', async () => {
    state.session = sessionOf(agent);
    const activity = await anActivity(handle.db, { walletTypeId });
    const period = await aBookingPeriod(handle.db);
    const day = await anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: period.id, date: '2026-12-03' });
    const auditBefore = await countOf(auditLog);
    const refusal = expect.objectContaining({ error: 'Cette action est réservée aux administrateurs.' });
    expect(await createActivityAction({}, formOf(activityFields({ code: 'AGENT' })))).toEqual(refusal);
    expect(await updateActivityAction({}, formOf(activityFields({ activityId: String(activity.id), code: activity.code })))).toEqual(refusal);
    expect(
      await createBookingPeriodAction({}, formOf({ label: 'Été', startsOn: '2027-07-01', endsOn: '2027-07-31', opensOn: '2027-05-01', opensAtTime: '08:00', closesOn: '2027-07-31', closesAtTime: '12:00' })),
    ).toEqual(refusal);
    expect(
      await generateOpeningDaysAction({}, formOf({ activityId: String(activity.id), bookingPeriodId: String(period.id), from: '2026-12-01', to: '2026-12-31', weekday3: 'on' })),
    ).toEqual(refusal);
    expect(await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '0', waitlistCapacity: '0', closed: 'on' }))).toEqual(refusal);
    expect(await countOf(auditLog)).toBe(auditBefore);
    const [unchanged] = await handle.db.select().from(activityDays).where(eq(activityDays.id, day.id));
    expect(unchanged).toMatchObject({ capacity: 10, closed: false });
    expect(await handle.db.select().from(activityDays).where(eq(activityDays.activityId, activity.id))).toHaveLength(1);
  });
});

describe('booking periods', () => {
  it('creates a period with its opening date and time in Paris, and refuses a window that ends before it opens', async () => {
    const fields = { label: 'Vacances de Noël', startsOn: '2026-12-21', endsOn: '2027-01-01', opensOn: '2026-11-30', opensAtTime: '08:00', closesOn: '2026-12-18', closesAtTime: '12:00' };
    expect(await createBookingPeriodAction({}, formOf(fields))).toEqual({ ok: true, message: 'La période de réservation est créée.' });
    const [period] = await handle.db.select().from(bookingPeriods).where(eq(bookingPeriods.label, 'Vacances de Noël'));
    expect(period!.opensAt.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    const bad = await createBookingPeriodAction({}, formOf({ ...fields, label: 'Mauvaise', closesOn: '2026-11-29', endsOn: '2026-12-01' }));
    expect(bad.fieldErrors).toEqual({ endsOn: 'La fin de la période doit suivre son début.', closesOn: 'La fermeture des réservations doit suivre leur ouverture.' });
    expect(await handle.db.select().from(bookingPeriods).where(eq(bookingPeriods.label, 'Mauvaise'))).toEqual([]);
  });

  it('edits a period, but never so that one of its opening days falls outside its dates', async () => {
    const period = await aBookingPeriod(handle.db, { startsOn: '2026-12-01', endsOn: '2026-12-31' });
    await anActivityDay(handle.db, { bookingPeriodId: period.id, date: '2026-12-16' });
    const fields = { bookingPeriodId: String(period.id), label: 'Décembre', startsOn: '2026-12-01', endsOn: '2026-12-15', opensOn: '2026-11-02', opensAtTime: '08:00', closesOn: '2026-12-15', closesAtTime: '12:00' };
    const refusedEdit = await updateBookingPeriodAction({}, formOf(fields));
    expect(refusedEdit.fieldErrors).toEqual({ startsOn: 'Le jour d’ouverture du 16/12/2026 de cette période tomberait en dehors de ses dates.' });
    expect(await updateBookingPeriodAction({}, formOf({ ...fields, endsOn: '2026-12-20' }))).toEqual({ ok: true, message: 'La période de réservation est enregistrée.' });
    const [after] = await handle.db.select().from(bookingPeriods).where(eq(bookingPeriods.id, period.id));
    expect(after).toMatchObject({ label: 'Décembre', endsOn: '2026-12-20' });
    expect(after!.closesAt.toISOString()).toBe('2026-12-15T11:00:00.000Z');
  });
});

describe('opening days generated in bulk', () => {
  it('opens the chosen weekdays, skipping the holiday range, the exclusions and public holidays, never twice', async () => {
    const activity = await anActivity(handle.db, { walletTypeId, defaultCapacity: 12, defaultWaitlistCapacity: 3 });
    const period = await aBookingPeriod(handle.db, { startsOn: '2026-11-01', endsOn: '2027-01-31' });
    const plan = {
      activityId: String(activity.id),
      bookingPeriodId: String(period.id),
      from: '2026-11-02',
      to: '2027-01-08',
      weekday3: 'on',
      weekday5: 'on',
      holidayFrom: '2026-12-19',
      holidayTo: '2027-01-03',
      exclusions: '04/12/2026\n2026-11-18',
    };
    const first = await generateOpeningDaysAction({}, formOf(plan));
    const dates = (await handle.db.select().from(activityDays).where(eq(activityDays.activityId, activity.id))).map((day) => day.date).sort();
    // Wednesdays and Fridays; 11/11 is a public holiday (a Wednesday), 18/11 and 04/12 are excluded.
    expect(dates).toEqual([
      '2026-11-04', '2026-11-06', '2026-11-13', '2026-11-20', '2026-11-25', '2026-11-27',
      '2026-12-02', '2026-12-09', '2026-12-11', '2026-12-16', '2026-12-18',
      '2027-01-06', '2027-01-08',
    ]);
    expect(first).toEqual({ ok: true, message: '13 jours d’ouverture créés.' });
    const [day] = await handle.db.select().from(activityDays).where(eq(activityDays.activityId, activity.id));
    expect(day).toMatchObject({ capacity: 12, waitlistCapacity: 3, closed: false, bookingPeriodId: period.id });

    // Again, with Mondays: only the Mondays are new.
    const again = await generateOpeningDaysAction({}, formOf({ ...plan, weekday1: 'on', from: '2027-01-04', to: '2027-01-08' }));
    expect(again).toEqual({ ok: true, message: '1 jour d’ouverture créé ; 2 existaient déjà.' });
    expect(await handle.db.select().from(activityDays).where(eq(activityDays.activityId, activity.id))).toHaveLength(14);
  });

  it('refuses dates outside the booking period, no weekday, or a bad exclusion, and creates nothing', async () => {
    const activity = await anActivity(handle.db, { walletTypeId });
    const period = await aBookingPeriod(handle.db, { startsOn: '2026-12-01', endsOn: '2026-12-31' });
    const base = { activityId: String(activity.id), bookingPeriodId: String(period.id), from: '2026-12-01', to: '2026-12-31', weekday3: 'on' };
    const outside = await generateOpeningDaysAction({}, formOf({ ...base, to: '2027-01-15' }));
    expect(outside.fieldErrors).toEqual({ from: 'Les dates doivent rester dans la période « Période de test » (du 01/12/2026 au 31/12/2026).' });
    const noWeekday = await generateOpeningDaysAction({}, formOf({ ...base, weekday3: '' }));
    expect(noWeekday.fieldErrors).toEqual({ weekdays: 'Choisissez au moins un jour de la semaine.' });
    const badExclusion = await generateOpeningDaysAction({}, formOf({ ...base, exclusions: '31/02/2026' }));
    expect(badExclusion.fieldErrors).toEqual({ exclusions: '« 31/02/2026 » n’est pas une date (JJ/MM/AAAA).' });
    expect(await handle.db.select().from(activityDays).where(eq(activityDays.activityId, activity.id))).toEqual([]);
  });
});

describe('one opening day edited', () => {
  async function bookedDay(booked: number, waiting = 0) {
    const day = await anActivityDay(handle.db, { capacity: 5, waitlistCapacity: 3 });
    const families = [];
    for (let i = 0; i < booked + waiting; i++) {
      const guardian = await aGuardian(handle.db);
      const child = await aChild(handle.db, guardian.familyId!);
      const status = i < booked ? 'confirmed' : 'waitlisted';
      await aReservation(handle.db, { familyId: guardian.familyId!, childId: child.id, activityDayId: day.id, status, waitlistRank: status === 'waitlisted' ? i - booked + 1 : null });
      families.push({ guardian, child });
    }
    return { day, families };
  }

  it('never lowers the capacity below the places taken, nor the waiting list below those waiting', async () => {
    const { day } = await bookedDay(3, 2);
    const below = await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '2', waitlistCapacity: '3' }));
    expect(below.fieldErrors).toEqual({ capacity: 'La capacité ne peut pas être inférieure aux 3 places déjà prises.' });
    const waitBelow = await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '3', waitlistCapacity: '1' }));
    expect(waitBelow.fieldErrors).toEqual({ waitlistCapacity: 'La liste d’attente ne peut pas être inférieure aux 2 enfants qui y sont inscrits.' });
    expect((await handle.db.select().from(activityDays).where(eq(activityDays.id, day.id)))[0]).toMatchObject({ capacity: 5, waitlistCapacity: 3 });
    expect(await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '3', waitlistCapacity: '2' }))).toEqual({ ok: true, message: 'Le jour est enregistré.' });
    expect((await handle.db.select().from(activityDays).where(eq(activityDays.id, day.id)))[0]).toMatchObject({ capacity: 3, waitlistCapacity: 2 });
  });

  it('asks what to do before closing a day that has reservations, and keeps it open when told so', async () => {
    const { day } = await bookedDay(2);
    const asked = await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '5', waitlistCapacity: '3', closed: 'on' }));
    expect(asked.fieldErrors).toEqual({
      onReservations: 'Ce jour a 2 réservations : choisissez de les annuler en prévenant les familles, ou de garder le jour ouvert.',
    });
    const kept = await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '5', waitlistCapacity: '3', closed: 'on', onReservations: 'keepOpen' }));
    expect(kept).toEqual({ ok: true, message: 'Le jour est enregistré.' });
    expect((await handle.db.select().from(activityDays).where(eq(activityDays.id, day.id)))[0]!.closed).toBe(false);
    expect(await handle.db.select().from(reservations).where(and(eq(reservations.activityDayId, day.id), eq(reservations.status, 'cancelled')))).toEqual([]);
  });

  it('closing a day cancels its reservations and e-mails each family once, audited with the actor', async () => {
    const { day, families } = await bookedDay(2, 1);
    // A second child of the first family on the same day, and a second parent: still one e-mail to that family.
    const first = families[0]!;
    await aGuardian(handle.db, { familyId: first.guardian.familyId!, isPayer: false });
    const sibling = await aChild(handle.db, first.guardian.familyId!, { firstName: 'Tom' });
    await aReservation(handle.db, { familyId: first.guardian.familyId!, childId: sibling.id, activityDayId: day.id, status: 'pending' });
    const emailsBefore = await countOf(outboundEmails);

    const result = await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '5', waitlistCapacity: '3', closed: 'on', onReservations: 'cancel' }));
    expect(result).toEqual({ ok: true, message: 'Le jour est fermé : 4 réservations annulées, 3 familles prévenues par e-mail.' });
    expect((await handle.db.select().from(activityDays).where(eq(activityDays.id, day.id)))[0]!.closed).toBe(true);
    const statuses = await handle.db.select({ status: reservations.status, rank: reservations.waitlistRank }).from(reservations).where(eq(reservations.activityDayId, day.id));
    expect(statuses).toHaveLength(4);
    expect(statuses.every((row) => row.status === 'cancelled' && row.rank === null)).toBe(true);

    // Delivered once the response is sent, like every e-mail an action queues.
    await Promise.all(state.afterWork);
    const emails = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.template, 'activity-day-closed'));
    expect(emails.every((email) => email.status === 'sent')).toBe(true);
    expect(await countOf(outboundEmails)).toBe(emailsBefore + 3);
    expect(emails.map((email) => email.familyId).sort()).toEqual(families.map((family) => family.guardian.familyId).sort());
    const toFirst = emails.find((email) => email.familyId === first.guardian.familyId)!;
    expect(toFirst.toAddress).toBe(first.guardian.email);
    expect((toFirst.props as { childNames: string[] }).childNames).toHaveLength(2);
    const { text } = await renderTemplate(toFirst.template, toFirst.props);
    expect(text).toContain(`La mairie a fermé ${(toFirst.props as { activityName: string }).activityName} le 02/12/2026.`);
    expect(text).toContain('sont annulées');

    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.actorUserId, admin.id));
    expect(audits.filter((entry) => entry.action === 'activity_day.close' && entry.entityId === String(day.id))).toHaveLength(1);
    expect(audits.filter((entry) => entry.action === 'reservation.cancel' && (entry.details as { activityDayId: number }).activityDayId === day.id)).toHaveLength(4);
  });

  it('a closed day is no longer bookable by a family', async () => {
    const day = await anActivityDay(handle.db, { date: '2026-12-02' });
    const guardian = await aGuardian(handle.db);
    const child = await aChild(handle.db, guardian.familyId!, { birthDate: '2022-01-10' });
    const clock = fixedClock('2026-11-25T10:00:00Z');
    expect(await updateOpeningDayAction({}, formOf({ activityDayId: String(day.id), capacity: '10', waitlistCapacity: '5', closed: 'on' }))).toEqual({ ok: true, message: 'Le jour est fermé.' });
    const click = await toggleBasketDay(handle.db, clock, guardian.familyId!, { childId: child.id, activityDayId: day.id });
    expect(click.ok).toBe(false);
  });
});
