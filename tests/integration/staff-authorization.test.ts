// First: it stands in for what a request gives the app, before the app is imported.
import { state } from '../support/next-mocks';
import { and, count, eq } from 'drizzle-orm';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { activities, auditLog, authTokens, children, families, newsItems, payments, reservations, users, walletEntries } from '@/db/schema';
import { parisToday, systemClock } from '@/lib/clock';
import { redirectOf, sessionOf } from '../support/session';
import { createTestDatabase } from '../support/db';
import { aGuardian, anActivityDay, aPayment, aReservation, aUser, aWallet } from '../support/factories';
import { aFamilyWithChild, anOpenDay } from '../support/reservations';

const { publishNewsItemAction } = await import('@/app/admin/actualites/actions');
const { default: AdminHome } = await import('@/app/admin/page');
const { default: FamiliesPage } = await import('@/app/admin/familles/page');
const { issueResetLinkAction } = await import('@/app/admin/familles/[id]/actions');
const { GET: emailPreview } = await import('@/app/admin/emails/[id]/apercu/route');
const { createFamilyAction } = await import('@/app/admin/familles/actions');
const familyActions = await import('@/app/admin/familles/[id]/actions');
const { default: FamilyPage } = await import('@/app/admin/familles/[id]/page');
const { recordDeskPaymentAction, reversePaymentAction, adjustWalletAction } = await import('@/app/admin/reglements/actions');
const { default: PaymentsHomePage } = await import('@/app/admin/reglements/page');
const { default: FamilyPaymentsPage } = await import('@/app/admin/reglements/famille/[id]/page');
const { default: StatementPage } = await import('@/app/admin/reglements/famille/[id]/releve/page');
const { default: CardPaymentsPage } = await import('@/app/admin/reglements/cartes/page');
const { default: ExportsPage } = await import('@/app/admin/exports/page');
const { GET: reservationsExport } = await import('@/app/admin/exports/reservations/route');
const { GET: consumptionsExport } = await import('@/app/admin/exports/consommations/route');
const { GET: paymentsExport } = await import('@/app/admin/exports/reglements/route');
const { default: ReservationsPage } = await import('@/app/admin/reservations/page');
const { default: DayPrintPage } = await import('@/app/admin/reservations/impression/page');
const reservationActions = await import('@/app/admin/reservations/actions');
const activitesActions = await import('@/app/admin/activites/actions');
const { default: ActivitiesPage } = await import('@/app/admin/activites/page');
const { default: NewActivityPage } = await import('@/app/admin/activites/nouvelle/page');
const { default: ActivityPage } = await import('@/app/admin/activites/[id]/page');
const { default: OpeningDayPage } = await import('@/app/admin/activites/[id]/jours/[jourId]/page');
const { default: BookingPeriodPage } = await import('@/app/admin/activites/periodes/[id]/page');

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

describe('Activités: agents read, only administrators configure', () => {
  type Who = 'anonymous' | 'family' | 'agent' | 'admin';
  let day: Awaited<ReturnType<typeof anActivityDay>>;
  let admin: Awaited<ReturnType<typeof aUser>>;
  beforeAll(async () => {
    day = await anActivityDay(handle.db);
    admin = await aUser(handle.db, { role: 'admin' });
  });
  const login = (who: Who) => {
    state.session = who === 'anonymous' ? null : sessionOf({ family, agent, admin }[who]);
  };
  const pages = () => [
    ['/admin/activites', () => ActivitiesPage(), 'Activités'],
    ['/admin/activites/nouvelle', () => NewActivityPage(), 'Créer une activité'],
    ['/admin/activites/[id]', () => ActivityPage({ params: Promise.resolve({ id: String(day.activityId) }), searchParams: Promise.resolve({}) }), 'Jours d’ouverture'],
    ['/admin/activites/[id]/jours/[jourId]', () => OpeningDayPage({ params: Promise.resolve({ id: String(day.activityId), jourId: String(day.id) }) }), 'Réservations du jour'],
    ['/admin/activites/periodes/[id]', () => BookingPeriodPage({ params: Promise.resolve({ id: String(day.bookingPeriodId) }) }), 'Modifier la période'],
  ] as const;
  // Expected outcome per page: a redirect target, or 'render'.
  const pageRows: Record<string, Record<Who, string>> = {
    '/admin/activites': { anonymous: '/connexion', family: '/accueil', agent: 'render', admin: 'render' },
    '/admin/activites/nouvelle': { anonymous: '/connexion', family: '/accueil', agent: '/admin/activites', admin: 'render' },
    '/admin/activites/[id]': { anonymous: '/connexion', family: '/accueil', agent: 'render', admin: 'render' },
    '/admin/activites/[id]/jours/[jourId]': { anonymous: '/connexion', family: '/accueil', agent: 'render', admin: 'render' },
    '/admin/activites/periodes/[id]': { anonymous: '/connexion', family: '/accueil', agent: '/admin/activites', admin: 'render' },
  };

  for (const who of ['anonymous', 'family', 'agent', 'admin'] as const) {
    it(`pages × ${who}`, async () => {
      login(who);
      for (const [route, render, text] of pages()) {
        const expected = pageRows[route]![who];
        if (expected === 'render') expect(renderToStaticMarkup(await render()), route).toContain(text);
        else expect(await redirectOf(render()), route).toBe(expected);
      }
    });
  }

  // Every action of app/admin/activites/actions.ts, with a form that an administrator's call would accept or refuse on its content.
  const actionForms: Record<keyof typeof activitesActions, () => FormData> = {
    createActivityAction: () => new FormData(),
    updateActivityAction: () => new FormData(),
    createBookingPeriodAction: () => new FormData(),
    updateBookingPeriodAction: () => new FormData(),
    generateOpeningDaysAction: () => new FormData(),
    updateOpeningDayAction: () => {
      const form = new FormData();
      form.set('activityDayId', String(day.id));
      form.set('capacity', '7');
      form.set('waitlistCapacity', '2');
      return form;
    },
    addPriceBracketAction: () => new FormData(),
    removePriceBracketAction: () => new FormData(),
  };

  it('actions × anonymous, family, agent: refused, nothing written', async () => {
    const before = await auditCount();
    for (const [name, form] of Object.entries(actionForms)) {
      const action = activitesActions[name as keyof typeof activitesActions];
      login('anonymous');
      expect(await redirectOf(action({}, form())), name).toBe('/connexion');
      login('family');
      expect(await redirectOf(action({}, form())), name).toBe('/accueil');
      login('agent');
      expect(await action({}, form()), name).toMatchObject({ error: 'Cette action est réservée aux administrateurs.' });
    }
    expect(await auditCount()).toBe(before);
  });

  it('actions × admin: allowed (checked on their input)', async () => {
    login('admin');
    for (const [name, form] of Object.entries(actionForms)) {
      const result = await activitesActions[name as keyof typeof activitesActions]({}, form());
      expect(result.error, name).not.toBe('Cette action est réservée aux administrateurs.');
    }
    expect(await activitesActions.updateOpeningDayAction({}, actionForms.updateOpeningDayAction())).toEqual({ ok: true, message: 'Le jour est enregistré.' });
  });
});

/*
 * Réservations: every page and action × (anonymous, family, agent, admin). Each action row builds
 * the request it acts on, so that an allowed call succeeds and a refused one is seen to write nothing.
 */
describe('Réservations (staff): pages and actions by who asks', () => {
  const today = parisToday(systemClock);

  /** A day today (for the pointage) with one place taken by `status` and one request waiting; a second place free. */
  async function aDayWith(status: 'pending' | 'confirmed', options: { manual?: boolean; waiters?: number } = {}) {
    const { day, activity } = await anOpenDay(handle.db, { capacity: 2, date: today });
    if (options.manual) await handle.db.update(activities).set({ approval: 'manual' }).where(eq(activities.id, activity.id));
    const holder = await aFamilyWithChild(handle.db);
    const held = await aReservation(handle.db, { familyId: holder.familyId, childId: holder.child.id, activityDayId: day.id, status });
    const waiting = [];
    for (let rank = 1; rank <= (options.waiters ?? 1); rank++) {
      const family = await aFamilyWithChild(handle.db);
      waiting.push(await aReservation(handle.db, { familyId: family.familyId, childId: family.child.id, activityDayId: day.id, status: 'waitlisted', waitlistRank: rank }));
    }
    return { day, activity, holder, held, waiting };
  }

  const form = (fields: Record<string, string | number>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
    return data;
  };

  const actionRows = [
    { name: 'approveRequestAction', setUp: async () => (await aDayWith('pending', { manual: true })).held.id, fields: {} },
    { name: 'refuseRequestAction', setUp: async () => (await aDayWith('pending', { manual: true })).held.id, fields: {} },
    { name: 'cancelReservationAction', setUp: async () => (await aDayWith('confirmed')).held.id, fields: {} },
    { name: 'promoteByHandAction', setUp: async () => (await aDayWith('confirmed')).waiting[0]!.id, fields: {} },
    { name: 'moveInWaitingListAction', setUp: async () => (await aDayWith('confirmed', { waiters: 2 })).waiting[1]!.id, fields: { direction: 'up' } },
    { name: 'recordAttendanceAction', setUp: async () => (await aDayWith('confirmed')).held.id, fields: { presence: 'justified' } },
  ] as const;

  it('has a row for every action of the page', () => {
    expect(Object.keys(reservationActions).sort()).toEqual(actionRows.map((row) => row.name).sort());
  });

  const rowState = async (id: number) => (await handle.db.select({ status: reservations.status, rank: reservations.waitlistRank, updatedAt: reservations.updatedAt }).from(reservations).where(eq(reservations.id, id)))[0];
  const auditsOf = async (id: number) => handle.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'reservation'), eq(auditLog.entityId, String(id))));

  for (const row of actionRows) {
    it(`${row.name}: anonymous → login, family → its own pages, nothing written`, async () => {
      state.holdAfter = true;
      const id = await row.setUp();
      const before = await rowState(id);
      expect(await redirectOf(reservationActions[row.name]({}, form({ reservationId: id, ...row.fields })))).toBe('/connexion');
      state.session = sessionOf(family);
      expect(await redirectOf(reservationActions[row.name]({}, form({ reservationId: id, ...row.fields })))).toBe('/accueil');
      expect(await rowState(id)).toEqual(before);
      expect(await auditsOf(id)).toEqual([]);
      expect(state.heldAfterWork).toEqual([]);
      state.holdAfter = false;
    });

    for (const role of ['agent', 'admin'] as const) {
      it(`${row.name}: ${role} allowed, audited with the actor`, async () => {
        state.holdAfter = true;
        state.heldAfterWork = [];
        const staff = role === 'agent' ? agent : await aUser(handle.db, { role: 'admin' });
        const id = await row.setUp();
        state.session = sessionOf(staff);
        expect(await reservationActions[row.name]({}, form({ reservationId: id, ...row.fields }))).toMatchObject({ ok: true });
        expect(await auditsOf(id)).toEqual([expect.objectContaining({ actorUserId: staff.id, actorRole: role })]);
        state.heldAfterWork = [];
        state.holdAfter = false;
      });
    }
  }

  it('answers a forged request id with a French message and writes nothing', async () => {
    state.session = sessionOf(agent);
    const before = await auditCount();
    expect(await reservationActions.cancelReservationAction({}, form({ reservationId: 'abc' }))).toMatchObject({ error: 'Le formulaire contient des erreurs.', fieldErrors: { reservationId: 'Demande introuvable.' } });
    expect(await reservationActions.recordAttendanceAction({}, form({ reservationId: 2_147_483_647, presence: 'present' }))).toMatchObject({ error: 'Demande introuvable.' });
    expect(await auditCount()).toBe(before);
  });

  it('answers an unknown activity or an invalid date with a French notice, and a print link to nothing with 404', async () => {
    state.session = sessionOf(agent);
    const html = renderToStaticMarkup(await ReservationsPage({ searchParams: Promise.resolve({ activite: '2147483647', date: '2026-02-30' }) }));
    expect(html).toContain('Activité inconnue : voici la première de la liste.');
    expect(html).toContain('Date invalide : voici le');
    await expect(DayPrintPage({ searchParams: Promise.resolve({ activite: 'abc', date: today }) })).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
  });

  const pageRows = [
    { name: 'ReservationsPage', render: (query: { activite: string; date: string }) => ReservationsPage({ searchParams: Promise.resolve(query) }) },
    { name: 'DayPrintPage', render: (query: { activite: string; date: string }) => DayPrintPage({ searchParams: Promise.resolve(query) }) },
  ];

  for (const page of pageRows) {
    it(`${page.name}: anonymous → login, family → its own pages`, async () => {
      const { activity } = await aDayWith('confirmed');
      const query = { activite: String(activity.id), date: today };
      expect(await redirectOf(page.render(query))).toBe('/connexion');
      state.session = sessionOf(family);
      expect(await redirectOf(page.render(query))).toBe('/accueil');
    });

    for (const role of ['agent', 'admin'] as const) {
      it(`${page.name}: ${role} sees the day's children with their family and contacts`, async () => {
        const { activity, holder } = await aDayWith('confirmed');
        state.session = sessionOf(role === 'agent' ? agent : await aUser(handle.db, { role: 'admin' }));
        const html = renderToStaticMarkup(await page.render({ activite: String(activity.id), date: today }));
        expect(html).toContain(`${holder.child.lastName} ${holder.child.firstName}`);
        expect(html).toContain(page.name === 'DayPrintPage' ? holder.guardian.email! : 'Liste d’attente');
      });
    }
  }
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

describe('the Familles pages and actions', () => {
  const familyCount = async () => (await handle.db.select({ n: count() }).from(families))[0]!.n;
  const formOf = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return form;
  };
  const writes = () => ({
    createFamilyAction: [createFamilyAction, { name: 'Nouvelle' }],
    updateFamilyAction: [familyActions.updateFamilyAction, { familyId: String(family.familyId), name: 'Renommée' }],
    addGuardianAction: [familyActions.addGuardianAction, { familyId: String(family.familyId), firstName: 'Léo', lastName: 'Intrus', email: '', phone: '' }],
    updateGuardianAction: [familyActions.updateGuardianAction, { familyId: String(family.familyId), userId: String(family.id), firstName: 'Léo', lastName: 'Intrus' }],
    setGuardianActiveAction: [familyActions.setGuardianActiveAction, { familyId: String(family.familyId), userId: String(family.id), active: '0' }],
    addChildAction: [familyActions.addChildAction, { familyId: String(family.familyId), firstName: 'Zoé', lastName: 'Intrus', birthDate: '2021-01-01' }],
  }) as const;
  const state0 = async () => ({
    families: await familyCount(),
    users: (await handle.db.select({ n: count() }).from(users))[0]!.n,
    children: (await handle.db.select({ n: count() }).from(children))[0]!.n,
    active: (await handle.db.select({ active: users.active }).from(users).where(eq(users.id, family.id)))[0]!.active,
    audit: await auditCount(),
  });

  for (const [who, session, where] of [
    ['anonymous', () => null, '/connexion'],
    ['a family', () => sessionOf(family), '/accueil'],
  ] as const) {
    it(`sends ${who} away from the family page and refuses every write, writing nothing`, async () => {
      state.session = session();
      expect(await redirectOf(FamilyPage({ params: Promise.resolve({ id: String(family.familyId) }) }))).toBe(where);
      const before = await state0();
      for (const [name, [action, fields]] of Object.entries(writes())) {
        expect(await redirectOf(action({}, formOf(fields))), name).toBe(where);
      }
      expect(await state0()).toEqual(before);
    });
  }

  for (const role of ['agent', 'admin'] as const) {
    it(`lets ${role === 'agent' ? 'an agent' : 'an admin'} see a family and change it`, async () => {
      const member = role === 'agent' ? agent : await aUser(handle.db, { role: 'admin' });
      state.session = sessionOf(member);
      expect(renderToStaticMarkup(await FamilyPage({ params: Promise.resolve({ id: String(family.familyId) }) }))).toContain('Ajouter un responsable');
      const { updateFamilyAction, addChildAction, setGuardianActiveAction } = writes();
      expect(await updateFamilyAction[0]({}, formOf(updateFamilyAction[1]))).toMatchObject({ ok: true });
      expect(await addChildAction[0]({}, formOf(addChildAction[1]))).toMatchObject({ ok: true });
      expect(await setGuardianActiveAction[0]({}, formOf({ ...setGuardianActiveAction[1], active: '1' }))).toMatchObject({ ok: true });
      expect(await redirectOf(createFamilyAction({}, formOf({ name: `Créée par ${role}` })))).toMatch(/^\/admin\/familles\/\d+\?cree=1$/);
    });
  }
});
