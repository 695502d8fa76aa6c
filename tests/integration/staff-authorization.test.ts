// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { count, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { auditLog, authTokens, newsItems, payments, users, walletEntries } from '@/db/schema';
import { redirectOf, sessionOf } from '../support/session';
import { createTestDatabase } from '../support/db';
import { aGuardian, aPayment, aUser, aWallet } from '../support/factories';

const { publishNewsItemAction } = await import('@/app/admin/actualites/actions');
const { default: AdminHome } = await import('@/app/admin/page');
const { default: FamiliesPage } = await import('@/app/admin/familles/page');
const { issueResetLinkAction } = await import('@/app/admin/familles/[id]/actions');
const { GET: emailPreview } = await import('@/app/admin/emails/[id]/apercu/route');
const { recordDeskPaymentAction, reversePaymentAction, adjustWalletAction } = await import('@/app/admin/reglements/actions');
const { default: PaymentsHomePage } = await import('@/app/admin/reglements/page');
const { default: FamilyPaymentsPage } = await import('@/app/admin/reglements/famille/[id]/page');
const { default: StatementPage } = await import('@/app/admin/reglements/famille/[id]/releve/page');
const { default: CardPaymentsPage } = await import('@/app/admin/reglements/cartes/page');
const { default: ExportsPage } = await import('@/app/admin/exports/page');
const { GET: reservationsExport } = await import('@/app/admin/exports/reservations/route');
const { GET: consumptionsExport } = await import('@/app/admin/exports/consommations/route');
const { GET: paymentsExport } = await import('@/app/admin/exports/reglements/route');

let handle: DbHandle;
let family: Awaited<ReturnType<typeof aGuardian>>;
let agent: Awaited<ReturnType<typeof aUser>>;

function newsForm(title = 'Fermeture exceptionnelle') {
  const form = new FormData();
  form.set('title', title);
  form.set('body', 'Le centre de loisirs sera fermé le 24 décembre.');
  form.set('visibleFrom', '2026-11-26');
  form.set('visibleUntil', '');
  return form;
}

const newsCount = async () => (await handle.db.select({ n: count() }).from(newsItems))[0]!.n;
const auditCount = async () => (await handle.db.select({ n: count() }).from(auditLog))[0]!.n;

beforeAll(async () => {
  handle = await createTestDatabase();
  state.db = handle.db;
  family = await aGuardian(handle.db);
  agent = await aUser(handle.db, { role: 'agent' });
});
afterAll(() => handle.close());
beforeEach(() => {
  state.session = null;
});

describe('staff pages and actions refuse anyone but staff, on the server', () => {
  it('sends a family away from a staff page without rendering staff data', async () => {
    state.session = sessionOf(family);
    expect(await redirectOf(AdminHome())).toBe('/accueil');
    expect(await redirectOf(FamiliesPage({ searchParams: Promise.resolve({ q: '' }) }))).toBe('/accueil');
  });

  it('refuses a staff action to a family and writes nothing', async () => {
    state.session = sessionOf(family);
    expect(await redirectOf(publishNewsItemAction({}, newsForm()))).toBe('/accueil');
    expect(await newsCount()).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it('refuses a desk reset link to a family, and creates no token', async () => {
    state.session = sessionOf(family);
    const form = new FormData();
    form.set('userId', String(family.id));
    expect(await redirectOf(issueResetLinkAction({}, form))).toBe('/accueil');
    expect(await handle.db.select().from(authTokens)).toEqual([]);
  });

  it('refuses the e-mail preview to a family', async () => {
    state.session = sessionOf(family);
    const response = await emailPreview(new Request('http://localhost/admin/emails/1/apercu'), { params: Promise.resolve({ id: '1' }) });
    expect(response.status).toBe(403);
  });

  it('sends an anonymous request to the login page', async () => {
    expect(await redirectOf(publishNewsItemAction({}, newsForm()))).toBe('/connexion');
    expect(await redirectOf(AdminHome())).toBe('/connexion');
    expect(await newsCount()).toBe(0);
  });

  it('does not trust a token issued before a password change', async () => {
    const staleAgent = await aUser(handle.db, { role: 'admin' });
    state.session = sessionOf(staleAgent);
    await handle.db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, staleAgent.id));
    expect(await redirectOf(publishNewsItemAction({}, newsForm()))).toBe('/connexion');
    expect(await newsCount()).toBe(0);
  });

  it('lets an agent publish, with the change in the audit log', async () => {
    state.session = sessionOf(agent);
    const result = await publishNewsItemAction({}, newsForm('Inscriptions des vacances'));
    expect(result).toEqual({ ok: true, message: 'L’actualité est publiée.' });
    expect(await newsCount()).toBe(1);
    const [entry] = await handle.db.select().from(auditLog);
    expect(entry).toMatchObject({ actorUserId: agent.id, actorRole: 'agent', action: 'news.publish', entityType: 'news_item' });
  });

  it('shows staff the dashboard and the families list', async () => {
    state.session = sessionOf(agent);
    const dashboard = renderToStaticMarkup(await AdminHome());
    expect(dashboard).toContain('Tableau de bord');
    expect(dashboard).toMatch(/Familles<\/dt><dd[^>]*>\d+<\/dd>/);
    const list = renderToStaticMarkup(await FamiliesPage({ searchParams: Promise.resolve({ q: family.lastName }) }));
    expect(list).toContain('1 famille');
  });

  it('answers bad input with French messages and writes nothing', async () => {
    state.session = sessionOf(agent);
    const before = await newsCount();
    const form = newsForm('');
    form.set('visibleFrom', '2026-02-30');
    const result = await publishNewsItemAction({}, form);
    expect(result.fieldErrors).toMatchObject({ title: 'Le titre est obligatoire.', visibleFrom: 'Saisissez une date valide.' });
    expect(await newsCount()).toBe(before);
  });
});

describe('Règlements and Exports CSV: anonymous and family refused, agent and admin allowed', () => {
  const familyParams = () => ({ params: Promise.resolve({ id: String(family.familyId) }) });
  const pages: [string, () => Promise<unknown>][] = [
    ['Règlements', () => PaymentsHomePage({ searchParams: Promise.resolve({ q: family.lastName }) })],
    ['Règlements de la famille', () => FamilyPaymentsPage(familyParams())],
    ['Relevé des porte-monnaie', () => StatementPage(familyParams())],
    ['Paiements par carte', () => CardPaymentsPage({ searchParams: Promise.resolve({}) })],
    ['Exports CSV', () => ExportsPage()],
  ];
  const exports: [string, (request: Request) => Promise<Response>, string][] = [
    ['reservations', reservationsExport, '/admin/exports/reservations?date=2026-12-02'],
    ['consommations', consumptionsExport, '/admin/exports/consommations?mois=2026-11'],
    ['reglements', paymentsExport, '/admin/exports/reglements?du=2026-11-01&au=2026-11-30'],
  ];
  const formOf = (values: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(values)) form.set(name, value);
    return form;
  };
  let walletId: number;
  let walletTypeId: number;
  let paymentId: number;
  const actions = () =>
    [
      ['recordDeskPayment', () => recordDeskPaymentAction({}, formOf({ familyId: String(family.familyId), mode: 'ESP', pieceNumber: '', payerName: 'X', bankName: '', amount: '1', receivedOn: '2026-11-02', [`ventilation-${walletTypeId}`]: '1' }))],
      ['reversePayment', () => reversePaymentAction({}, formOf({ familyId: String(family.familyId), paymentId: String(paymentId), reason: 'Essai' }))],
      ['adjustWallet', () => adjustWalletAction({}, formOf({ familyId: String(family.familyId), walletId: String(walletId), amount: '1', reason: 'Essai' }))],
    ] as const;
  const paymentCount = async () => (await handle.db.select({ n: count() }).from(payments))[0]!.n;
  const entryCount = async () => (await handle.db.select({ n: count() }).from(walletEntries))[0]!.n;

  beforeAll(async () => {
    ({ id: walletId, walletTypeId } = await aWallet(handle.db, family.familyId!));
    paymentId = (await aPayment(handle.db, { familyId: family.familyId!, walletId })).id;
  });

  for (const [who, target] of [
    ['anonymous', '/connexion'],
    ['family', '/accueil'],
  ] as const) {
    it(`refuses the pages, actions and exports to ${who}, and writes nothing`, async () => {
      state.session = who === 'family' ? sessionOf(family) : null;
      const before = [await paymentCount(), await entryCount(), await auditCount()];
      for (const [name, page] of pages) expect(await redirectOf(page()), name).toBe(target);
      for (const [name, action] of actions()) expect(await redirectOf(action()), name).toBe(target);
      for (const [name, handler, path] of exports) expect((await handler(new Request(`http://localhost${path}`))).status, name).toBe(403);
      expect([await paymentCount(), await entryCount(), await auditCount()]).toEqual(before);
    });
  }

  for (const role of ['agent', 'admin'] as const) {
    it(`lets ${role === 'agent' ? 'an agent' : 'an admin'} see the pages, download the exports and record a payment`, async () => {
      state.session = sessionOf(role === 'agent' ? agent : await aUser(handle.db, { role: 'admin' }));
      for (const [name, page] of pages) expect(renderToStaticMarkup((await page()) as React.ReactElement), name).toContain('<h1');
      for (const [name, handler, path] of exports) expect((await handler(new Request(`http://localhost${path}`))).status, name).toBe(200);
      const [record, , adjust] = actions();
      expect(await record[1]()).toMatchObject({ ok: true });
      expect(await adjust[1]()).toMatchObject({ ok: true });
    });
  }

  it('lets staff cancel a payment', async () => {
    state.session = sessionOf(agent);
    expect(await actions()[1][1]()).toMatchObject({ ok: true });
  });
});
