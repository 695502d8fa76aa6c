// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay, aReservation } from '../support/factories';
import { sessionOf } from '../support/session';

vi.mock('@/lib/mail/after-commit', () => ({ deliverAfterResponse: vi.fn() }));

const { toggleDayAction } = await import('@/app/(famille)/reservations/actions');
const { default: ReservationsPage } = await import('@/app/(famille)/reservations/page');
const { default: RecapPage } = await import('@/app/(famille)/reservations/recapitulatif/page');
const { default: SuiviPage } = await import('@/app/(famille)/suivi/page');

let handle: DbHandle;
let guardian: Awaited<ReturnType<typeof aGuardian>>;
let little: Awaited<ReturnType<typeof aChild>>;
let big: Awaited<ReturnType<typeof aChild>>;
let morning: Awaited<ReturnType<typeof anActivity>>;
let older: Awaited<ReturnType<typeof anActivity>>;
let openDay: Awaited<ReturnType<typeof anActivityDay>>;

const search = (params: Record<string, string | string[]>) => ({ searchParams: Promise.resolve(params) });
const html = async (page: Promise<React.ReactNode>) => renderToStaticMarkup(await page);
const optionsOf = (markup: string, select: string) =>
  [...(new RegExp(`<select[^>]*id="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(markup)?.[1] ?? '').matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map(([, text]) => text);

beforeAll(async () => {
  vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T10:00:00Z');
  handle = await createTestDatabase();
  state.db = handle.db;
  guardian = await aGuardian(handle.db);
  little = await aChild(handle.db, guardian.familyId!, { firstName: 'Zoé', lastName: 'GAMMA', birthDate: '2022-06-15' });
  big = await aChild(handle.db, guardian.familyId!, { firstName: 'Yanis', lastName: 'GAMMA', birthDate: '2018-02-10' });
  morning = await anActivity(handle.db, { name: 'ALSH 3-6 ans Matin' });
  older = await anActivity(handle.db, { name: 'ALSH 6-12 ans Matin', minAgeYears: 6, maxAgeYears: 12 });
  const open = await aBookingPeriod(handle.db);
  // Opens on 15 December 2026 at 08:00, Paris time.
  const later = await aBookingPeriod(handle.db, { startsOn: '2027-01-04', endsOn: '2027-01-29', opensAt: new Date('2026-12-15T07:00:00Z'), closesAt: new Date('2027-01-29T22:00:00Z') });
  openDay = await anActivityDay(handle.db, { activityId: morning.id, bookingPeriodId: open.id, date: '2026-12-09' });
  await anActivityDay(handle.db, { activityId: morning.id, bookingPeriodId: later.id, date: '2027-01-06' });
  const olderDay = await anActivityDay(handle.db, { activityId: older.id, bookingPeriodId: open.id, date: '2026-12-09' });
  state.session = sessionOf(guardian);
  await aReservation(handle.db, { familyId: guardian.familyId!, childId: little.id, activityDayId: openDay.id });
  await aReservation(handle.db, { familyId: guardian.familyId!, childId: big.id, activityDayId: olderDay.id });
});
afterAll(() => handle.close());

describe('Réservations, as a parent reads it', () => {
  it('asks first for the person concerned when none is chosen, not to click a calendar that is not there', async () => {
    const page = await html(ReservationsPage(search({})));
    expect(page).toContain('Choisissez d’abord la personne concernée');
    expect(page).not.toContain('cliquez sur les jours');
    expect(page).not.toContain('<table');
  });

  it('shows when booking opens instead of a grid of closed days for a month not open yet', async () => {
    const january = await html(ReservationsPage(search({ enfant: String(little.id), activite: String(morning.id), mois: '2027-01' })));
    expect(january).toContain('Ouverture des réservations le 15/12/2026 à 08:00');
    expect(january).not.toContain('<table');
    expect(january).toContain('Mois précédent : décembre 2026');

    const december = await html(ReservationsPage(search({ enfant: String(little.id), activite: String(morning.id), mois: '2026-12' })));
    expect(december).not.toContain('Ouverture des réservations');
    expect(december).toContain('<table');
    expect(december).toContain('Mois suivant : janvier 2027');
  });

  it('sends « Abandonner » from the recap back to the same child, activity and month', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ childId: little.id, activityDayId: openDay.id, activite: morning.id, mois: '2026-12', affichage: 'dynamique' })) {
      form.set(name, String(value));
    }
    // Zoé already holds 9 December: the click asks to cancel it, which puts a line in the basket.
    await toggleDayAction({}, form);
    const recap = await html(RecapPage(search({ enfant: String(little.id), activite: String(morning.id), mois: '2026-12' })));
    expect(recap).toContain(`<input type="hidden" name="enfant" value="${little.id}"/>`);
    expect(recap).toContain(`<input type="hidden" name="activite" value="${morning.id}"/>`);
    expect(recap).toContain('<input type="hidden" name="mois" value="2026-12"/>');
  });
});

describe('Suivi’s filter, as a parent reads it', () => {
  it('offers only the activities of the chosen child', async () => {
    expect(optionsOf(await html(SuiviPage(search({}))), 'activite')).toEqual(['Toutes', 'ALSH 3-6 ans Matin', 'ALSH 6-12 ans Matin']);
    expect(optionsOf(await html(SuiviPage(search({ enfant: String(little.id) }))), 'activite')).toEqual(['Toutes', 'ALSH 3-6 ans Matin']);
    expect(optionsOf(await html(SuiviPage(search({ enfant: String(big.id) }))), 'activite')).toEqual(['Toutes', 'ALSH 6-12 ans Matin']);
  });
});
