// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { count } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, basketItems, baskets, reservations } from '@/db/schema';
import { REASONS } from '@/lib/reservations/rules';
import { createTestDatabase } from '../support/db';
import { aBookingPeriod, aChild, aGuardian, anActivity, anActivityDay } from '../support/factories';
import { redirectOf, sessionOf } from '../support/session';

const { addTypicalWeekAction } = await import('@/app/(famille)/reservations/actions');
const { default: TypicalWeekPage } = await import('@/app/(famille)/reservations/semaine-type/page');
const { default: ReservationsPage } = await import('@/app/(famille)/reservations/page');

let handle: DbHandle;
const ADD_BUTTON = '>Ajouter au panier</button>';
type Guardian = Awaited<ReturnType<typeof aGuardian>>;
let familyA: { guardian: Guardian; child: Awaited<ReturnType<typeof aChild>> };
let familyB: { guardian: Guardian; child: Awaited<ReturnType<typeof aChild>> };
let activity: Awaited<ReturnType<typeof anActivity>>;

const actAs = (family: { guardian: Guardian }) => {
  state.session = sessionOf(family.guardian);
};
const html = async (params: Record<string, string | string[]>) => renderToStaticMarkup(await TypicalWeekPage({ searchParams: Promise.resolve(params) }));
const formOf = (fields: Record<string, string | number>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  return form;
};
const rows = async (table: typeof basketItems | typeof baskets | typeof reservations | typeof auditLog) => (await handle.db.select({ n: count() }).from(table))[0]!.n;
const snapshot = async () => ({ baskets: await rows(baskets), items: await rows(basketItems), reservations: await rows(reservations), audit: await rows(auditLog) });
/** The preview's rows as a parent reads them: date, then « Sera demandé » or the reason. */
const previewRows = (markup: string) =>
  [...markup.matchAll(/<tr class="border-t[^"]*"><td[^>]*>([^<]+)<\/td><td[^>]*><span[^>]*><span aria-hidden="true">[^<]*<\/span>([^<]+)<\/span><\/td><\/tr>/g)].map(
    ([, date, outcome]) => [date, outcome!.replaceAll('&#x27;', '’')],
  );

beforeAll(async () => {
  vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T10:00:00Z');
  handle = await createTestDatabase();
  state.db = handle.db;
  const a = await aGuardian(handle.db);
  const b = await aGuardian(handle.db);
  familyA = { guardian: a, child: await aChild(handle.db, a.familyId!, { firstName: 'Azélie', lastName: 'ALPHA', birthDate: '2022-06-15' }) };
  familyB = { guardian: b, child: await aChild(handle.db, b.familyId!, { firstName: 'Bastien', lastName: 'BRAVO', birthDate: '2022-03-01' }) };
  activity = await anActivity(handle.db, { name: 'ALSH 3-6 ans Après-midi', arrivalTime: '12:00', departureTime: '17:30' });
  const period = await aBookingPeriod(handle.db);
  for (const [date, capacity, waitlistCapacity] of [
    ['2026-12-02', 10, 5],
    ['2026-12-09', 0, 0],
    ['2026-12-16', 10, 5],
    ['2026-12-23', 0, 2],
  ] as const) {
    await anActivityDay(handle.db, { activityId: activity.id, bookingPeriodId: period.id, date, capacity, waitlistCapacity });
  }
});
afterAll(() => handle.close());
beforeEach(async () => {
  state.session = null;
  await handle.db.delete(baskets);
});

const wednesdays = () => ({ enfant: String(familyA.child.id), activite: String(activity.id), jours: '3', du: '2026-12-01', au: '2026-12-31' });

describe('Semaine type: the page', () => {
  it('offers the weekdays in a fieldset and the period’s dates, and previews each Wednesday with « Sera demandé » or its reason', async () => {
    actAs(familyA);
    const empty = await html({ enfant: String(familyA.child.id), activite: String(activity.id) });
    expect(empty).toContain('<legend class="mb-2 font-medium">Jours de la semaine</legend>');
    for (const day of ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi']) expect(empty).toContain(`${day}</label>`);
    expect(empty).not.toContain('Samedi');
    expect(empty).toContain('<label for="du" class="mb-1 block font-medium">Du</label><input id="du" type="date" required="" min="2026-12-01" max="2026-12-31"');
    expect(empty).toContain('name="du" value="2026-12-01"');
    expect(empty).toContain('<label for="au" class="mb-1 block font-medium">Au</label>');
    expect(empty).toContain('name="au" value="2026-12-31"');
    expect(empty).not.toContain(ADD_BUTTON);

    const preview = await html({ ...wednesdays(), jours: ['3'] });
    expect(previewRows(preview)).toEqual([
      ['Mercredi 2 décembre 2026', 'Sera demandé'],
      ['Mercredi 9 décembre 2026', REASONS.full],
      ['Mercredi 16 décembre 2026', 'Sera demandé'],
      ['Mercredi 23 décembre 2026', 'Sera demandé (liste d’attente)'],
      ['Mercredi 30 décembre 2026', REASONS.notOpeningDay],
    ]);
    expect(preview).toContain('3 sur 5 seront demandés');
    expect(preview).toContain('<th scope="col" role="columnheader" class="px-1.5 py-2 sm:px-3">Date</th>');
    expect(preview).toContain(ADD_BUTTON);
    expect(preview).toContain('name="jours" value="3"');
  });

  it('says what is wrong with the form in French, beside the field', async () => {
    actAs(familyA);
    const noWeekday = await html({ enfant: String(familyA.child.id), activite: String(activity.id), du: '2026-12-01', au: '2026-12-31' });
    expect(noWeekday).toContain('id="jours-error" class="mt-1 text-sm text-red-800">Choisissez au moins un jour de la semaine.</p>');
    const backwards = await html({ ...wednesdays(), du: '2026-12-20', au: '2026-12-10' });
    expect(backwards).toContain('id="au-error" class="mt-1 text-sm text-red-800">La date de fin doit être après la date de début.</p>');
    expect(backwards).not.toContain(ADD_BUTTON);
  });

  it('shows nothing of another family’s child, only a French message', async () => {
    actAs(familyB);
    const markup = await html(wednesdays());
    expect(markup).toContain('Cet enfant ne fait pas partie de votre famille.');
    expect(markup).not.toContain('ALPHA');
    expect(markup).not.toContain('Azélie');
    expect(markup).not.toContain(ADD_BUTTON);
  });

  it('sends an anonymous visitor to the login page', async () => {
    expect(await redirectOf(TypicalWeekPage({ searchParams: Promise.resolve(wednesdays()) }))).toBe('/connexion');
  });
});

describe('Semaine type: « Ajouter au panier »', () => {
  it('adds the days and returns to the calendar with how many were added, which the page says', async () => {
    actAs(familyA);
    expect(await redirectOf(addTypicalWeekAction({}, formOf(wednesdays())))).toBe(`/reservations?enfant=${familyA.child.id}&activite=${activity.id}&mois=2026-12&ajoutes=3`);
    expect(await rows(basketItems)).toBe(3);
    const calendar = renderToStaticMarkup(
      await ReservationsPage({ searchParams: Promise.resolve({ enfant: String(familyA.child.id), activite: String(activity.id), mois: '2026-12', ajoutes: '3' }) }),
    );
    expect(calendar).toContain('3 jours ajoutés à vos demandes en cours.');
    expect(calendar).toContain(`href="/reservations/semaine-type?enfant=${familyA.child.id}&amp;activite=${activity.id}"`);
  });

  it('refuses another family’s child, bad weekdays and dates outside the period, and changes nothing', async () => {
    actAs(familyB);
    const before = await snapshot();
    expect(await addTypicalWeekAction({}, formOf(wednesdays()))).toEqual({ error: 'Cet enfant ne fait pas partie de votre famille.' });
    const own = { ...wednesdays(), enfant: String(familyB.child.id) };
    expect(await addTypicalWeekAction({}, formOf({ ...own, jours: '' }))).toEqual({ error: 'Choisissez au moins un jour de la semaine.', fieldErrors: { jours: 'Choisissez au moins un jour de la semaine.' } });
    expect(await addTypicalWeekAction({}, formOf({ ...own, jours: '3;drop table' }))).toEqual({ error: 'Choisissez au moins un jour de la semaine.' });
    expect(await addTypicalWeekAction({}, formOf({ ...own, au: '2027-01-31' }))).toMatchObject({
      error: 'Choisissez des dates comprises dans la période de réservation ouverte, du 01/12/2026 au 31/12/2026.',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('sends an anonymous post to the login page and writes nothing', async () => {
    const before = await snapshot();
    expect(await redirectOf(addTypicalWeekAction({}, formOf(wednesdays())))).toBe('/connexion');
    expect(await snapshot()).toEqual(before);
  });
});
