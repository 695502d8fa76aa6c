// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { desc, eq, gt } from 'drizzle-orm';
import ICAL from 'ical.js';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, calendarFeeds, users } from '@/db/schema';
import { fixedClock } from '@/lib/clock';
import {
  calendarFeedByToken,
  calendarFeedStatus,
  disableCalendarFeed,
  enableCalendarFeed,
  regenerateCalendarFeed,
} from '@/lib/reservations/calendar-feed';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay, aReservation, aUser } from '../support/factories';
import { redirectOf, sessionOf } from '../support/session';

const { GET } = await import('@/app/api/agenda/[token]/route');
const { calendarFeedAction } = await import('@/app/(famille)/profil/actions');
const { default: ProfilPage } = await import('@/app/(famille)/profil/page');

const NOW = '2026-11-26T09:00:00Z';
const clock = fixedClock(NOW);

let handle: DbHandle;
let guardianA: Awaited<ReturnType<typeof aGuardian>>;
let secondGuardianA: Awaited<ReturnType<typeof aGuardian>>;
let guardianB: Awaited<ReturnType<typeof aGuardian>>;
/** UID → what family A's feed must say about it. */
const expectedA = new Map<string, { summary: string; start: string; end: string; status: string }>();
const uidsOfB: string[] = [];

const uid = (reservationId: number) => `reservation-${reservationId}@compte-famille`;

function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: String(component.getFirstPropertyValue('status')),
    };
  });
}

const fetchFeed = (token: string) => GET(new Request(`http://localhost/api/agenda/${token}`), { params: Promise.resolve({ token }) });

function formOf(operation: string) {
  const form = new FormData();
  form.set('operation', operation);
  return form;
}

const tokenOf = (https: string) => https.split('/').at(-1)!;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const matin = await anActivity(db, { name: 'ALSH 3-6 ans Matin', arrivalTime: '07:30', departureTime: '12:00' });
  const journee = await anActivity(db, { name: 'ALSH 6-12 ans Journée', arrivalTime: '08:45', departureTime: '17:15' });
  const period = await aBookingPeriod(db, { startsOn: '2025-09-01', endsOn: '2027-08-31' });
  const dayOf = (activityId: number, date: string) => anActivityDay(db, { activityId, bookingPeriodId: period.id, date });

  guardianA = await aGuardian(db, { firstName: 'Paul', lastName: 'MARTIN' });
  secondGuardianA = await aGuardian(db, { familyId: guardianA.familyId!, firstName: 'Julie', lastName: 'MARTIN' });
  const lea = await aChild(db, guardianA.familyId!, { firstName: 'Léa', lastName: 'MARTIN' });
  const tom = await aChild(db, guardianA.familyId!, { firstName: 'Tom', lastName: 'MARTIN', birthDate: '2017-03-02' });
  guardianB = await aGuardian(db, { firstName: 'Jeanne', lastName: 'BRAVO' });
  const basile = await aChild(db, guardianB.familyId!, { firstName: 'Basile', lastName: 'BRAVO' });

  const december = await dayOf(matin.id, '2026-12-09');
  const july = await dayOf(matin.id, '2027-07-07');
  const tomDecember = await dayOf(journee.id, '2026-12-09');
  const pastMorning = await dayOf(matin.id, '2026-11-18');
  const pastDay = await dayOf(journee.id, '2026-11-18');
  const longAgo = await dayOf(matin.id, '2025-10-01');
  const others = await Promise.all(['2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15'].map((date) => dayOf(matin.id, date)));
  const reserve = (childId: number, familyId: number, activityDayId: number, status: 'confirmed' | 'pending' | 'waitlisted' | 'refused' | 'cancelled' | 'attended' | 'absent') =>
    aReservation(db, { familyId, childId, activityDayId, status });
  const a = guardianA.familyId!;

  // Listed: confirmed (winter and summer time), pending, and a past day the child attended.
  const confirmed = await reserve(lea.id, a, december.id, 'confirmed');
  expectedA.set(uid(confirmed.id), { summary: 'ALSH 3-6 ans Matin — Léa', start: '2026-12-09T06:30:00.000Z', end: '2026-12-09T11:00:00.000Z', status: 'CONFIRMED' });
  const summer = await reserve(lea.id, a, july.id, 'confirmed');
  expectedA.set(uid(summer.id), { summary: 'ALSH 3-6 ans Matin — Léa', start: '2027-07-07T05:30:00.000Z', end: '2027-07-07T10:00:00.000Z', status: 'CONFIRMED' });
  const pending = await reserve(tom.id, a, tomDecember.id, 'pending');
  expectedA.set(uid(pending.id), { summary: 'ALSH 6-12 ans Journée — Tom', start: '2026-12-09T07:45:00.000Z', end: '2026-12-09T16:15:00.000Z', status: 'TENTATIVE' });
  const attended = await reserve(lea.id, a, pastMorning.id, 'attended');
  expectedA.set(uid(attended.id), { summary: 'ALSH 3-6 ans Matin — Léa', start: '2026-11-18T06:30:00.000Z', end: '2026-11-18T11:00:00.000Z', status: 'CONFIRMED' });
  // Not listed: an absence, more than a year ago, and every day that is not (or no longer) held.
  await reserve(tom.id, a, pastDay.id, 'absent');
  await reserve(lea.id, a, longAgo.id, 'attended');
  await reserve(lea.id, a, others[0]!.id, 'waitlisted');
  await reserve(lea.id, a, others[1]!.id, 'refused');
  await reserve(lea.id, a, others[2]!.id, 'cancelled');
  // Family B's days, one on the very same opening day as Léa's.
  uidsOfB.push(uid((await reserve(basile.id, guardianB.familyId!, december.id, 'confirmed')).id));
  uidsOfB.push(uid((await reserve(basile.id, guardianB.familyId!, others[3]!.id, 'pending')).id));
});
afterAll(() => handle.close());
beforeEach(async () => {
  state.db = handle.db;
  state.session = null;
  vi.stubEnv('COMPTE_FAMILLE_NOW', NOW);
  vi.stubEnv('PORTAL_URL', 'https://famille.example.fr');
  await handle.db.delete(calendarFeeds);
});

describe('the private calendar feed', () => {
  it('lists exactly the family’s live days, with their Paris arrival and departure times, for a standard parser', async () => {
    const enabled = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    expect(enabled.ok).toBe(true);
    if (!enabled.ok) return;
    expect(enabled.value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const events = eventsOf((await calendarFeedByToken(handle.db, clock, enabled.value.token))!);
    expect(new Map(events.map(({ uid, ...rest }) => [uid, rest]))).toEqual(expectedA);
    expect(events).toHaveLength(expectedA.size);
  });

  it('never lists another family’s days, even on the same opening day', async () => {
    const a = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    const b = await enableCalendarFeed(handle.db, clock, guardianB as { id: number; familyId: number });
    if (!a.ok || !b.ok) throw new Error('feeds not enabled');
    const ofA = eventsOf((await calendarFeedByToken(handle.db, clock, a.value.token))!).map((event) => event.uid);
    const ofB = eventsOf((await calendarFeedByToken(handle.db, clock, b.value.token))!).map((event) => event.uid);
    for (const uid of uidsOfB) expect(ofA).not.toContain(uid);
    expect(ofB.sort()).toEqual([...uidsOfB].sort());
  });

  it('gives each guardian of a family their own address to the same days', async () => {
    const first = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    const second = await enableCalendarFeed(handle.db, clock, secondGuardianA as { id: number; familyId: number });
    if (!first.ok || !second.ok) throw new Error('feeds not enabled');
    expect(second.value.token).not.toBe(first.value.token);
    const uids = async (token: string) => eventsOf((await calendarFeedByToken(handle.db, clock, token))!).map((event) => event.uid).sort();
    expect(await uids(second.value.token)).toEqual(await uids(first.value.token));
  });

  it('keeps only a SHA-256 hash of the token', async () => {
    const enabled = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    if (!enabled.ok) throw new Error('feed not enabled');
    const [row] = await handle.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, guardianA.id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(enabled.value.token);
    expect(row!.createdAt.toISOString()).toBe('2026-11-26T09:00:00.000Z');
  });

  it('answers the feed as text/calendar, never cached, and 404 for an unknown or malformed token', async () => {
    const enabled = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    if (!enabled.ok) throw new Error('feed not enabled');
    const response = await fetchFeed(enabled.value.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(eventsOf(await response.text())).toHaveLength(expectedA.size);
    const changed = `${enabled.value.token.slice(0, -1)}${enabled.value.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [changed, 'court', `${enabled.value.token}x`, '']) {
      const refused = await fetchFeed(token);
      expect(refused.status, token).toBe(404);
      expect(refused.headers.get('cache-control')).toBe('private, no-store');
    }
  });

  it('answers 404 once the feed is turned off', async () => {
    const enabled = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    if (!enabled.ok) throw new Error('feed not enabled');
    expect((await disableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number })).ok).toBe(true);
    expect((await fetchFeed(enabled.value.token)).status).toBe(404);
    expect(await calendarFeedStatus(handle.db, guardianA.id)).toEqual({ on: false });
    expect(await disableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number })).toMatchObject({ ok: false, message: 'Le lien d’agenda n’est pas activé.' });
  });

  it('kills the old address when a new one is made, and the new one works', async () => {
    const enabled = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    if (!enabled.ok) throw new Error('feed not enabled');
    const renewed = await regenerateCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    if (!renewed.ok) throw new Error('feed not renewed');
    expect(renewed.value.token).not.toBe(enabled.value.token);
    expect((await fetchFeed(enabled.value.token)).status).toBe(404);
    const response = await fetchFeed(renewed.value.token);
    expect(response.status).toBe(200);
    expect(eventsOf(await response.text())).toHaveLength(expectedA.size);
  });

  it('refuses to turn on a feed twice or renew one that is off, changing nothing', async () => {
    expect(await regenerateCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number })).toMatchObject({ ok: false });
    expect(await calendarFeedStatus(handle.db, guardianA.id)).toEqual({ on: false });
    const enabled = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    if (!enabled.ok) throw new Error('feed not enabled');
    expect(await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number })).toMatchObject({ ok: false });
    expect((await fetchFeed(enabled.value.token)).status).toBe(200);
  });

  it('stops answering when the guardian’s account is deactivated', async () => {
    const enabled = await enableCalendarFeed(handle.db, clock, guardianA as { id: number; familyId: number });
    if (!enabled.ok) throw new Error('feed not enabled');
    await handle.db.update(users).set({ active: false }).where(eq(users.id, guardianA.id));
    try {
      expect((await fetchFeed(enabled.value.token)).status).toBe(404);
    } finally {
      await handle.db.update(users).set({ active: true }).where(eq(users.id, guardianA.id));
    }
  });

  it('records every change in the audit log, with who and which family', async () => {
    const before = await handle.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const guardian = guardianA as { id: number; familyId: number };
    await enableCalendarFeed(handle.db, clock, guardian);
    await regenerateCalendarFeed(handle.db, clock, guardian);
    await disableCalendarFeed(handle.db, clock, guardian);
    const rows = await handle.db.select().from(auditLog).where(gt(auditLog.id, before[0]?.id ?? 0)).orderBy(auditLog.id);
    expect(rows.map((row) => [row.action, row.actorUserId, row.actorRole, row.familyId, row.entityId])).toEqual([
      ['calendar_feed.enabled', guardianA.id, 'family', guardianA.familyId, String(guardianA.id)],
      ['calendar_feed.regenerated', guardianA.id, 'family', guardianA.familyId, String(guardianA.id)],
      ['calendar_feed.disabled', guardianA.id, 'family', guardianA.familyId, String(guardianA.id)],
    ]);
  });
});

describe('the Profil page’s « Agenda de mon téléphone »', () => {
  it('turns the feed on and shows its address once, https and webcal', async () => {
    state.session = sessionOf(guardianA);
    const answer = await calendarFeedAction({}, formOf('enable'));
    expect(answer).toMatchObject({ ok: true, message: 'Le lien d’agenda est activé.' });
    const link = answer.view!;
    expect(link.https).toMatch(/^https:\/\/famille\.example\.fr\/api\/agenda\/[A-Za-z0-9_-]{43}$/);
    expect(link.webcal).toBe(link.https.replace('https:', 'webcal:'));
    expect((await fetchFeed(tokenOf(link.https))).status).toBe(200);
    const page = renderToStaticMarkup(await ProfilPage({ searchParams: Promise.resolve({}) }));
    expect(page).toContain('Agenda de mon téléphone');
    expect(page).toContain('Générer un nouveau lien');
    expect(page).toContain('Désactiver le lien');
    expect(page).not.toContain(tokenOf(link.https));
  });

  it('renews and turns off only the feed of the guardian who asks', async () => {
    state.session = sessionOf(guardianA);
    const ofA = (await calendarFeedAction({}, formOf('enable'))).view!;
    state.session = sessionOf(guardianB);
    const ofB = (await calendarFeedAction({}, formOf('enable'))).view!;
    expect(await calendarFeedAction({}, formOf('regenerate'))).toMatchObject({ ok: true });
    expect(await calendarFeedAction({}, formOf('disable'))).toMatchObject({ ok: true });
    expect((await fetchFeed(tokenOf(ofB.https))).status).toBe(404);
    expect((await fetchFeed(tokenOf(ofA.https))).status).toBe(200);

    state.session = sessionOf(guardianA);
    const renewed = await calendarFeedAction({}, formOf('regenerate'));
    expect(renewed.message).toBe('Un nouveau lien d’agenda a été créé : l’ancien ne fonctionne plus.');
    expect((await fetchFeed(tokenOf(ofA.https))).status).toBe(404);
    expect((await fetchFeed(tokenOf(renewed.view!.https))).status).toBe(200);
    expect(await calendarFeedAction({}, formOf('disable'))).toMatchObject({ ok: true });
    expect((await fetchFeed(tokenOf(renewed.view!.https))).status).toBe(404);
  });

  it('shows « Activer le lien d’agenda » while the feed is off', async () => {
    state.session = sessionOf(guardianA);
    const page = renderToStaticMarkup(await ProfilPage({ searchParams: Promise.resolve({}) }));
    expect(page).toContain('Activer le lien d’agenda');
    expect(page).not.toContain('Désactiver le lien');
  });

  it('refuses an unknown operation, an anonymous visitor and staff', async () => {
    state.session = sessionOf(guardianA);
    expect(await calendarFeedAction({}, formOf('tout-supprimer'))).toEqual({ error: 'Choisissez une action sur le lien d’agenda.' });
    state.session = null;
    expect(await redirectOf(calendarFeedAction({}, formOf('enable')))).toBe('/connexion');
    state.session = sessionOf(await aUser(handle.db, { role: 'agent' }));
    expect(await redirectOf(calendarFeedAction({}, formOf('enable')))).toBe('/admin');
    expect(await handle.db.select().from(calendarFeeds)).toEqual([]);
  });
});
