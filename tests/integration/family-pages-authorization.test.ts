// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { basketItems } from '@/db/schema';
import { redirectOf, sessionOf } from '../support/session';
import { createTestDatabase } from '../support/db';
import {
  aBookingPeriod,
  aChild,
  aConsumption,
  aGuardian,
  anActivity,
  anActivityDay,
  aPayment,
  aReservation,
  aUser,
  aWallet,
  aWalletType,
} from '../support/factories';

// The pages run for real against a real database; "now" is pinned with vi.stubEnv.

const { default: ConsumptionHistoryPage } = await import('@/app/(famille)/historiques/page');
const { default: PaymentHistoryPage } = await import('@/app/(famille)/historiques/reglements/page');
const { default: BalancesPage } = await import('@/app/(famille)/soldes/page');
const { default: TypicalWeekPage } = await import('@/app/(famille)/reservations/semaine-type/page');
const { addTypicalWeekAction } = await import('@/app/(famille)/reservations/actions');
const { default: AttestationsPage } = await import('@/app/(famille)/historiques/attestations/page');
const { GET: attestationPdf } = await import('@/app/(famille)/historiques/attestations/[enfant]/route');

let handle: DbHandle;
let guardianA: Awaited<ReturnType<typeof aGuardian>>;
let guardianB: Awaited<ReturnType<typeof aGuardian>>;
let childA: Awaited<ReturnType<typeof aChild>>;
let secret: Awaited<ReturnType<typeof anActivity>>;
let childOfA: number;
let childOfB: number;

const history = async (mois?: string | string[]) =>
  renderToStaticMarkup(await ConsumptionHistoryPage({ searchParams: Promise.resolve({ mois }) }));
const paymentsPage = async (mois?: string | string[]) =>
  renderToStaticMarkup(await PaymentHistoryPage({ searchParams: Promise.resolve({ mois }) }));
const balances = async (jusquau?: string | string[]) =>
  renderToStaticMarkup(await BalancesPage({ searchParams: Promise.resolve({ jusquau }) }));
const attestations = async (annee?: string | string[]) =>
  renderToStaticMarkup(await AttestationsPage({ searchParams: Promise.resolve({ annee }) }));
const attestationOf = (childId: number | string, annee = '2026') =>
  attestationPdf(new Request(`http://localhost/historiques/attestations/${childId}?annee=${annee}`), { params: Promise.resolve({ enfant: String(childId) }) });

// Family A's words, none of which may reach family B's pages.
const SECRETS_OF_A = ['SECRETA', 'Zélie', 'Atelier secret', 'A-795466', 'Banque Alpha', '987,65', '55,55'];

const MONTHS = [undefined, '2026-09', '2026-10', '2026-11', '2026-12', '2099-01', '2026-13', 'tout', '', ['2026-10', '2026-11']];

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const cdc = await aWalletType(db, { code: 'CDC', label: 'CDC PE2M - APS ET CLSH' });
  secret = await anActivity(db, { name: 'Atelier secret', walletTypeId: cdc.id, unitPriceCents: 5555 });
  const shared = await anActivity(db, { name: 'ALSH 6-12 ans Matin', walletTypeId: cdc.id, unitPriceCents: 1035 });
  const period = await aBookingPeriod(db, { startsOn: '2026-09-01', endsOn: '2027-01-31' });

  guardianA = await aGuardian(db, { lastName: 'SECRETA', firstName: 'Paul' });
  childA = await aChild(db, guardianA.familyId!, { lastName: 'SECRETA', firstName: 'Zélie' });
  const walletA = await aWallet(db, guardianA.familyId!, cdc.id);
  guardianB = await aGuardian(db, { lastName: 'BRAVO', firstName: 'Jeanne' });
  const childB = await aChild(db, guardianB.familyId!, { lastName: 'BRAVO', firstName: 'Basile' });
  const walletB = await aWallet(db, guardianB.familyId!, cdc.id);
  childOfA = childA.id;
  childOfB = childB.id;

  for (const date of ['2026-10-31', '2026-11-01', '2026-11-25', '2026-12-01']) {
    await aConsumption(db, { familyId: guardianA.familyId!, childId: childA.id, walletId: walletA.id, activityId: secret.id, date, unitPriceCents: 5555, posted: true });
  }
  for (const date of ['2026-10-14', '2026-11-04', '2026-12-01']) {
    await aConsumption(db, { familyId: guardianB.familyId!, childId: childB.id, walletId: walletB.id, activityId: shared.id, date, unitPriceCents: 1035, posted: true });
  }
  await aPayment(db, { familyId: guardianA.familyId!, walletId: walletA.id, receivedOn: '2026-11-03', pieceNumber: 'A-795466', payerName: 'SECRETA Paul', bankName: 'Banque Alpha', amountCents: 98765 });
  await aPayment(db, { familyId: guardianB.familyId!, walletId: walletB.id, receivedOn: '2026-10-15', pieceNumber: '924466', payerName: 'BRAVO Jeanne', bankName: 'LEP', amountCents: 5000 });
  const day = await anActivityDay(db, { activityId: secret.id, bookingPeriodId: period.id, date: '2026-12-09' });
  await aReservation(db, { familyId: guardianA.familyId!, childId: childA.id, activityDayId: day.id, status: 'confirmed' });
});
afterAll(() => handle.close());
beforeEach(() => {
  state.db = handle.db;
  state.session = null;
  vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-26T09:00:00Z');
});

describe('the family pages show a family its own data only, whatever the URL says', () => {
  it('never shows family A’s consumptions on the Historiques page of family B, for any mois', async () => {
    state.session = sessionOf(guardianB);
    for (const mois of MONTHS) {
      const html = await history(mois);
      for (const secret of SECRETS_OF_A) expect(html, `mois=${String(mois)}`).not.toContain(secret);
    }
    // B does see its own rows: the check above is not passing on an empty page.
    const october = await history('2026-10');
    expect(october).toContain('BRAVO Basile');
    expect(october).toContain('Mer 14');
  });

  it('never shows family A’s payments or wallet on the pages of family B', async () => {
    state.session = sessionOf(guardianB);
    for (const mois of MONTHS) {
      const html = await paymentsPage(mois);
      for (const secret of SECRETS_OF_A) expect(html, `mois=${String(mois)}`).not.toContain(secret);
    }
    expect(await paymentsPage()).toContain('BRAVO Jeanne');
    for (const jusquau of [undefined, '2099-12-31', 'demain']) {
      const html = await balances(jusquau);
      for (const secret of SECRETS_OF_A) expect(html).not.toContain(secret);
      expect(html).toContain('18,95');
    }
  });

  it('never shows family A’s child on the Semaine type page of family B, and B cannot fill A’s basket', async () => {
    state.session = sessionOf(guardianB);
    const query = { enfant: String(childA.id), activite: String(secret.id), jours: '3', du: '2026-12-01', au: '2026-12-31' };
    const html = renderToStaticMarkup(await TypicalWeekPage({ searchParams: Promise.resolve(query) }));
    for (const secretWord of SECRETS_OF_A) expect(html).not.toContain(secretWord);
    expect(html).toContain('Cet enfant ne fait pas partie de votre famille.');
    const form = new FormData();
    for (const [name, value] of Object.entries(query)) form.set(name, value);
    expect(await addTypicalWeekAction({}, form)).toEqual({ error: 'Cet enfant ne fait pas partie de votre famille.' });
    expect(await handle.db.select().from(basketItems)).toEqual([]);
    // A sees its own child there: the check above is not passing on a page that shows no one.
    state.session = sessionOf(guardianA);
    expect(renderToStaticMarkup(await TypicalWeekPage({ searchParams: Promise.resolve(query) }))).toContain('SECRETA Zélie');
  });

  it('shows family A its own rows, so the pages do render data', async () => {
    state.session = sessionOf(guardianA);
    const html = await history('2026-11');
    expect(html).toContain('SECRETA Zélie');
    expect(html).toContain('Atelier secret');
    expect(await paymentsPage()).toContain('A-795466');
    expect(await balances()).toContain('55,55');
  });

  it('sends an anonymous visitor to the login page and staff to their own area', async () => {
    expect(await redirectOf(ConsumptionHistoryPage({ searchParams: Promise.resolve({}) }))).toBe('/connexion');
    expect(await redirectOf(PaymentHistoryPage({ searchParams: Promise.resolve({}) }))).toBe('/connexion');
    expect(await redirectOf(BalancesPage({ searchParams: Promise.resolve({}) }))).toBe('/connexion');
    state.session = sessionOf(await aUser(handle.db, { role: 'agent' }));
    expect(await redirectOf(ConsumptionHistoryPage({ searchParams: Promise.resolve({ mois: '2026-11' }) }))).toBe('/admin');
  });
});

describe('the attestations de frais de garde of a family', () => {
  it('never shows family A’s children or amounts on family B’s page, for any year', async () => {
    state.session = sessionOf(guardianB);
    for (const annee of [undefined, '2026', '2025', '2019', 'tout', ['2026', '2025']]) {
      const html = await attestations(annee);
      for (const secret of [...SECRETS_OF_A, '222,20']) expect(html, `annee=${String(annee)}`).not.toContain(secret);
    }
    const html = await attestations('2026');
    expect(html).toContain('BRAVO Basile');
    expect(html).toContain('31,05');
    expect(html).toContain(`href="/historiques/attestations/${childOfB}?annee=2026"`);
  });

  it('gives a family the PDF of its own child only', async () => {
    state.session = sessionOf(guardianB);
    const refused = await attestationOf(childOfA);
    expect(refused.status).toBe(404);
    const body = await refused.text();
    for (const secret of SECRETS_OF_A) expect(body).not.toContain(secret);
    expect(refused.headers.get('content-type')).not.toContain('pdf');
    for (const id of ['0', 'abc', '99999999999']) expect((await attestationOf(id)).status).toBe(404);
    expect((await attestationOf(childOfB, '2099')).status).toBe(400);

    state.session = sessionOf(guardianA);
    const own = await attestationOf(childOfA);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await own.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('answers an anonymous visitor and staff with a refusal, not a PDF', async () => {
    expect((await attestationOf(childOfA)).status).toBe(403);
    expect(await redirectOf(AttestationsPage({ searchParams: Promise.resolve({}) }))).toBe('/connexion');
    state.session = sessionOf(await aUser(handle.db, { role: 'agent' }));
    expect((await attestationOf(childOfA)).status).toBe(403);
  });
});

describe('the Historiques page and its month', () => {
  it('shows the current Paris month by default, with a previous arrow and no next arrow', async () => {
    state.session = sessionOf(guardianA);
    const html = await history();
    expect(html).toMatch(/<h2[^>]*>novembre 2026<\/h2>/);
    expect(html).toContain('aria-label="Mois précédent : octobre 2026"');
    expect(html).toContain('href="/historiques?mois=2026-10"');
    expect(html).not.toContain('Mois suivant');
  });

  it('follows Paris dates: at 23:30 UTC on 30 November it is already December in Paris', async () => {
    vi.stubEnv('COMPTE_FAMILLE_NOW', '2026-11-30T23:30:00Z');
    state.session = sessionOf(guardianA);
    const html = await history();
    expect(html).toMatch(/<h2[^>]*>décembre 2026<\/h2>/);
    expect(html).toContain('Mar 1');
    expect(html).not.toContain('Dim 1<');
  });

  it('puts the 31st in its month and the 1st in the next', async () => {
    state.session = sessionOf(guardianA);
    const october = await history('2026-10');
    expect(october).toContain('Sam 31');
    expect(october).not.toContain('Dim 1<');
    expect(october).toContain('aria-label="Mois suivant : novembre 2026"');
    const november = await history('2026-11');
    expect(november).toContain('Dim 1');
    expect(november).not.toContain('Sam 31');
  });

  it('falls back to the current month with a polite French notice for a future or malformed month', async () => {
    state.session = sessionOf(guardianA);
    const future = await history('2027-02');
    expect(future).toContain('Ce mois n’est pas encore commencé : voici le mois en cours.');
    expect(future).toMatch(/<h2[^>]*>novembre 2026<\/h2>/);
    const malformed = await history('2026-1');
    expect(malformed).toContain('Le mois demandé n’est pas reconnu : voici le mois en cours.');
    expect(malformed).toMatch(/<h2[^>]*>novembre 2026<\/h2>/);
  });

  it('says so when a month has no consumption', async () => {
    state.session = sessionOf(guardianA);
    const html = await history('2026-09');
    expect(html).toContain('Aucune consommation en septembre 2026.');
    expect(html).not.toContain('<table');
  });

  it('totals the rows exactly and shows the payment mode in words for screen readers', async () => {
    state.session = sessionOf(guardianA);
    expect(await history('2026-11')).toMatch(/TOTAL \(€\)<\/th><td[^>]*><span[^>]*>111,10<\/span>/);
    const payments = await paymentsPage();
    expect(payments).toContain('<abbr title="Chèque">CH</abbr>');
    expect(payments).toContain('03/11/2026');
    expect(payments).toMatch(/TOTAL \(€\)<\/th><td[^>]*><span[^>]*>987,65<\/span>/);
  });

  it('answers an invalid "jusqu’au" date with a French message and the default date', async () => {
    state.session = sessionOf(guardianA);
    const html = await balances('2026-02-30');
    expect(html).toContain('La date saisie n’est pas valide : le calcul est fait jusqu’au 31/12/2026.');
    expect(html).toContain('value="2026-12-31"');
  });
});
